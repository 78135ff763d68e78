/**
 * npm run compile:cameo-actors — the product's CAMEO actor lexicon, compiled
 * from the Phoenix actor and agent dictionaries of the open event-data
 * coders (../shared/data/cameo/, MIT, © Open Event Data Alliance):
 * - named actors (Phoenix.Countries, .International, .MilNonState): every
 *   name and synonym, lower-cased, with its codes and the dates each held
 *   ("kasymzhomart tokayev" → KAZGOV 1999-10-01 – 2002-01-28 …, else KAZELI);
 *   a country's cities and capitals are synonyms of the country;
 * - agents (Phoenix.agents): the nouns for kinds of actor with their role
 *   codes ("authorities" → GOV, "servicemen" → MIL, "protesters" → OPP),
 *   plurals and the dictionary's substitution sets spelled out.
 * src/nlp/actor-codes.ts reads the result.
 *
 * Output: src/nlp/cameo-actors.ts; running the script again rebuilds it
 * byte for byte (a corpus test checks).
 *
 *   node dist/scripts/compile-cameo-actors.js [--cameo DIR] [--check]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedNotice, plural, writeOrCheck } from './cameo-common.js';
import { ROOT } from './paths.js';

const args = process.argv.slice(2);
const at = args.indexOf('--cameo');
const cameo = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : join(ROOT, '../shared/data/cameo'));
const OUT = join(ROOT, 'src/nlp/cameo-actors.ts');

/** A dictionary phrase as text reads it: "KASYMZHOMART_TOKAYEV_" → "kasymzhomart tokayev" (parenthesised acronyms dropped). */
export function phrase(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** YYMMDD or YYYYMMDD → YYYYMMDD (two-digit years below 30 are 20xx); undefined for a malformed date. */
export function fullDate(d: string): string | undefined {
  if (/^\d{8}$/.test(d)) return d;
  if (!/^\d{6}$/.test(d)) return undefined;
  return (Number(d.slice(0, 2)) < 30 ? '20' : '19') + d;
}

/** "[KAZGOV 030101-070131]" → "KAZGOV 20030101-20070131"; "[KAZ >911221]" → "KAZ >19911221"; "[KAZELI]" → "KAZELI". */
export function role(bracket: string): string | undefined {
  const m = /^\[\s*([A-Z0-9~]*)\s*([<>]?)\s*([0-9]*)(?:\s*-\s*([0-9]*))?\s*\]/.exec(bracket.trim());
  if (!m || !m[1]) return undefined;
  const [, code, sign, from, to] = m;
  if (!from) return code;
  const a = fullDate(from!);
  if (!a) return undefined;
  if (to !== undefined) {
    const b = fullDate(to);
    return b ? `${code} ${a}-${b}` : undefined;
  }
  return sign ? `${code} ${sign}${a}` : `${code} ${a}`;
}

/** Named actors of one file: name → its roles, ";" between them, a dated one before the undated default. */
export function compileActors(source: string, file: string, into: Map<string, string>): void {
  let names: string[] = [];
  let roles: string[] = [];
  const flush = () => {
    if (names.length && roles.length) {
      const value = roles.join(';');
      // The first record naming an actor stands (the files repeat a few names).
      for (const n of names) if (n && !into.has(n)) into.set(n, value);
    }
    names = [];
    roles = [];
  };
  for (const [i, raw] of source.split('\n').entries()) {
    const line = raw.replace(/\r$/, '').replace(/#.*$/, '');
    if (!line.trim()) continue;
    if (/^\s/.test(line)) {
      for (const b of line.match(/\[[^\]]*\]/g) ?? []) {
        const r = role(b);
        if (r) roles.push(r);
      }
      continue;
    }
    // "JAVIER_SOLANA_ [IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006]": a name and any number of roles.
    const body = line.replace(/;.*$/, '').trim();
    const open = body.indexOf('[');
    // A stray "]" in a name ("+FAEROYENE]_") is a typo of the file's, not a code.
    const name = (open < 0 ? body : body.slice(0, open)).replace(/\]/g, '').trim();
    if (!name) throw new Error(`${file} line ${i + 1}: not an actor line: ${JSON.stringify(raw)}`);
    if (!name.startsWith('+')) flush();
    names.push(phrase(name.replace(/^\+/, '')));
    for (const b of open < 0 ? [] : body.slice(open).match(/\[[^\]]*\]/g) ?? []) {
      const r = role(b);
      if (r) roles.push(r);
    }
  }
  flush();
}

/** Agents: noun → role code (the "~" of "[~GOV]" dropped; "IGO~" kept as "IGO"). */
export function compileAgents(source: string, into: Map<string, string>): void {
  const subs = new Map<string, string[]>();
  for (const [i, raw] of source.split('\n').entries()) {
    const line = raw.replace(/\r$/, '').replace(/#.*$/, '').trim();
    if (!line) continue;
    const sub = /^(![A-Z]+!)\s*=\s*(.*)$/.exec(line);
    if (sub) {
      subs.set(sub[1]!, sub[2]!.split(',').map((w) => w.trim()));
      continue;
    }
    // "[~ENV}": the file closes a few codes with a brace.
    const m = /^(.+?)\s*(\{[^}]*\})?\s*\[([^\]}]*)[\]}]\s*$/.exec(line);
    if (!m) {
      if (/^[A-Z_!-]+$/.test(line)) continue; // a noun without a code: nothing to add
      throw new Error(`Phoenix.agents.txt line ${i + 1}: not an agent line: ${JSON.stringify(raw)}`);
    }
    const code = m[3]!.replace(/~/g, '').trim();
    if (!/^[A-Z]+$/.test(code)) continue;
    let forms = [m[1]!];
    for (const [name, values] of subs) forms = forms.flatMap((f) => (f.includes(name) ? values.map((v) => f.replace(name, v)) : [f]));
    const irregular = m[2] !== undefined;
    const given = irregular ? m[2]!.slice(1, -1).trim().split(/\s+/).filter(Boolean) : [];
    for (const f of [...forms, ...given]) {
      const p = phrase(f);
      if (!p || p.includes(',')) continue;
      if (!into.has(p)) into.set(p, code);
      // Regular plurals, unless the entry gives its forms ("{}" = none).
      const words = p.split(' ');
      const pl = [...words.slice(0, -1), plural(words.at(-1)!)].join(' ');
      if (!irregular && !into.has(pl)) into.set(pl, code);
    }
  }
}


export function moduleText(dir: string): { text: string; actors: number; agents: number } {
  const actors = new Map<string, string>();
  for (const f of ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt']) {
    compileActors(readFileSync(join(dir, f), 'latin1'), f, actors);
  }
  const agents = new Map<string, string>();
  compileAgents(readFileSync(join(dir, 'Phoenix.agents.txt'), 'latin1'), agents);
  const lines = (m: Map<string, string>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}\t${v}`).join('\n');
  const text = [
    ...generatedNotice('compile-cameo-actors', 'the Phoenix actor and agent dictionaries\n// (../shared/data/cameo/Phoenix.*.txt, petrarch2 at 676801c)', 2014),
    '',
    '/**',
    ' * Named actors, one a line: "name<TAB>roles". Roles are ";"-separated codes, each with the dates it held',
    ' * ("KAZGOV 19991001-20020128", "KAZ >19911221", "USRKAZ <19911216") or none (the default).',
    ' */',
    `export const NAMED_ACTORS = ${JSON.stringify(lines(actors))};`,
    '',
    '/** Agents, one a line: "noun<TAB>role code" ("authorities\tGOV"). */',
    `export const AGENTS = ${JSON.stringify(lines(agents))};`,
    '',
  ].join('\n');
  return { text, actors: actors.size, agents: agents.size };
}

const { text, actors, agents } = moduleText(cameo);
writeOrCheck(OUT, text, args.includes('--check'), `${actors} named actors, ${agents} agent nouns`, 'compile:cameo-actors', cameo);
