/**
 * npm run compile:cameo-verbs — the product's CAMEO verb lexicon, compiled
 * from the verb pattern dictionary of the open event-data coders
 * (../shared/data/cameo/CAMEO.2.0.txt, MIT, © Open Event Data Alliance):
 * its synonym sets with their plurals, its verb synonym blocks with every
 * inflected form spelled out, and its patterns lower-cased, de-duplicated
 * and reduced to one code each, a code the codebook's table
 * (CAMEO.eventcodes.txt) lacks taken to its nearest parent. src/nlp/verb-patterns.ts reads the result.
 *
 * Output: src/nlp/cameo-verbs.ts; running the script again rebuilds it byte
 * for byte (a corpus test checks).
 *
 *   node dist/scripts/compile-cameo-verbs.js [--cameo DIR] [--check]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedNotice, inflections, plural, writeOrCheck } from './cameo-common.js';
import { ROOT } from './paths.js';

const args = process.argv.slice(2);
const at = args.indexOf('--cameo');
const cameo = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : join(ROOT, '../shared/data/cameo'));
const OUT = join(ROOT, 'src/nlp/cameo-verbs.ts');

/** The codebook's codes (CAMEO.eventcodes.txt); a dictionary code it lacks becomes its nearest parent ("1213" → "121"). */
let codebook: Set<string> | undefined;
export function inCodebook(code: string): string {
  if (!codebook || code === '---') return code;
  let c = code;
  while (c.length > 3 && !codebook.has(c)) c = c.slice(0, -1);
  return codebook.has(c) ? c : `${c.slice(0, 2)}0`;
}

/** One code from the dictionary's "[code]", "[code:code]" or "[:code]": the first, else the second marked "~" (it runs from the target to the source). */
export function codeOf(bracket: string, where: string): string {
  // One pattern's code carries a stray "!" ("[080!]"): the digits are the code.
  const m = /^\[([0-9-]*)!?(?::([0-9-]*))?\]/.exec(bracket);
  if (!m) throw new Error(`${where}: no code in ${JSON.stringify(bracket)}`);
  const [, first = '', second = ''] = m;
  if (first && first !== '---') return inCodebook(first);
  if (!first && second && second !== '---') return `~${inCodebook(second)}`;
  return '---';
}

interface Block {
  code: string;
  forms: string[];
  patterns: string[];
}

/** The lexicon's parts, in the dictionary's order. */
export function compileVerbs(source: string): { synsets: Map<string, string[]>; blocks: Block[] } {
  const lines = source.split('\n').map((l) => l.replace(/\r$/, ''));
  const synsets = new Map<string, string[]>();
  const blocks: Block[] = [];
  let section: 'head' | 'synsets' | 'verbs' | 'end' = 'head';
  let synset: { name: string; plurals: boolean; members: string[] } | undefined;
  let block: Block | undefined;
  const seen = new Set<string>();
  for (const [i, raw] of lines.entries()) {
    const where = `CAMEO.2.0.txt line ${i + 1}`;
    if (raw.startsWith('#######')) {
      section = raw.includes('SYNONYM') ? 'synsets' : raw.includes('VERB PATTERNS') ? 'verbs' : section;
      if (raw.includes('TRANSFORMATIONS')) section = 'end';
      continue;
    }
    if (raw.startsWith('########') && raw.includes('TRANSFORMATIONS')) section = 'end';
    // "#" opens a comment, as does ";" after a form ("SCRAP {…};shan 8/30/93").
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line || section === 'head' || section === 'end') continue;
    if (section === 'synsets') {
      if (line.startsWith('&')) {
        const name = line.slice(1).toLowerCase();
        synset = { name: name.replace(/_$/, ''), plurals: !name.endsWith('_'), members: [] };
        synsets.set(synset.name, synset.members);
      } else if (line.startsWith('+') && synset) {
        const phrase = line.slice(1).toLowerCase();
        const words = phrase.replace(/_$/, '');
        synset.members.push(words);
        if (synset.plurals && !phrase.endsWith('_')) synset.members.push(plural(words));
      } else throw new Error(`${where}: not a synonym set line: ${JSON.stringify(raw)}`);
      continue;
    }
    if (line.startsWith('---')) {
      const m = /^---\s+(\S+)\s+(\[[^\]]*\])/.exec(line);
      if (!m) throw new Error(`${where}: not a block header: ${JSON.stringify(raw)}`);
      block = { code: codeOf(m[2]!, where), forms: [], patterns: [] };
      blocks.push(block);
      seen.clear();
      continue;
    }
    if (!block) throw new Error(`${where}: a verb or pattern before any block`);
    if (line.startsWith('-')) {
      const m = /^-\s*(.*?)\s*(\[[^\]]*\])/.exec(line);
      if (!m || !m[1]!.includes('*')) throw new Error(`${where}: not a pattern "- … * … [code]": ${JSON.stringify(raw)}`);
      const pattern = m[1]!.toLowerCase().replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')');
      // The same words twice under one block: the first code stands (the dictionary repeats some).
      if (seen.has(pattern)) continue;
      seen.add(pattern);
      block.patterns.push(`${pattern}|${codeOf(m[2]!, where)}`);
      continue;
    }
    // A verb: "KILL", "SAY {SAYS SAID SAYING}", "+ASK_FOR {…} [020]", "MURDER [190]".
    const m = /^(\S+)\s*(?:\{([^}]*)\})?\s*(\[[^\]]*\])?\s*(?:\S.*)?$/.exec(line);
    if (!m) throw new Error(`${where}: not a verb line: ${JSON.stringify(raw)}`);
    const base = m[1]!.toLowerCase();
    const given = m[2] !== undefined ? m[2].trim().toLowerCase().split(/\s+/).filter(Boolean) : undefined;
    const code = m[3] ? codeOf(m[3], where) : '';
    let forms: string[];
    if (given) forms = [base, ...given];
    else if (base.includes('+')) {
      // A phrase verb with regular forms: inflect the word marked "+".
      const words = base.split('_');
      const v = words.findIndex((w) => w.startsWith('+'));
      if (v < 0) throw new Error(`${where}: a phrase verb without its "+" word`);
      const verb = words[v]!.slice(1);
      forms = [base, ...inflections(verb).map((f) => words.map((w, k) => (k === v ? `+${f}` : w)).join('_'))];
    } else forms = [base, ...inflections(base)];
    // A single-word verb needs no "+"; a phrase keeps it on the verb's word.
    forms = [...new Set(forms.map((f) => (f.includes('_') ? f : f.replace(/^\+/, ''))))];
    block.forms.push(forms.join(',') + (code ? `=${code}` : ''));
  }
  return { synsets, blocks };
}


export function moduleText(source: string): { text: string; forms: number; patterns: number } {
  const { synsets, blocks } = compileVerbs(source);
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  let forms = 0;
  let patterns = 0;
  const out = [
    ...generatedNotice('compile-cameo-verbs', 'the CAMEO verb pattern dictionary\n// (../shared/data/cameo/CAMEO.2.0.txt, petrarch2 at 676801c)', 2015),
    '',
    '/** Synonym sets ("&weapon" in a pattern): name → members, "|" between members, "_" between a phrase\'s words. */',
    'export const SYNSETS: Readonly<Record<string, string>> = {',
    ...[...synsets].map(([name, members]) => `  ${q(name)}: ${q(members.join('|'))},`),
    '};',
    '',
    '/**',
    ' * Verb synonym blocks: [the block\'s code, its verbs, its patterns]. A verb is its forms joined by ","',
    ' * ("_" between a phrase\'s words, "+" on the phrase\'s verb) and "=code" when it has a code of its own.',
    ' * A pattern is "words before * words after|code": a word, "&synset", "{a phrase}", "(preposition',
    ' * object)"; "$", "+", "%" and "^" hold the places of the source, the target, a compound actor and any',
    ' * word. "---" codes no event; "~code" is an event from the target to the source.',
    ' */',
    'export const VERB_BLOCKS: ReadonlyArray<readonly [string, string, readonly string[]]> = [',
  ];
  for (const b of blocks) {
    forms += b.forms.reduce((n, f) => n + f.split('=')[0]!.split(',').length, 0);
    patterns += b.patterns.length;
    out.push(`  [${q(b.code)}, ${q(b.forms.join(' '))}, [${b.patterns.map(q).join(', ')}]],`);
  }
  out.push('];', '');
  return { text: out.join('\n'), forms, patterns };
}

codebook = new Set(readFileSync(join(cameo, 'CAMEO.eventcodes.txt'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]!.trim()).filter(Boolean));
const { text, forms, patterns } = moduleText(readFileSync(join(cameo, 'CAMEO.2.0.txt'), 'latin1'));
writeOrCheck(OUT, text, args.includes('--check'), `${forms} verb forms, ${patterns} patterns`, 'compile:cameo-verbs', cameo);
