/**
 * npm run compile:organisations — the names the corpus entity table may
 * type ORG although the tagger (trained on CoNLL, which tags "White House"
 * LOC) calls them places: institutions and companies, from two MIT-licensed
 * sources:
 *
 * - the Phoenix actor dictionaries (../shared/data/cameo): international
 *   organisations, NGOs and companies (codes IGO…, NGO…, MNC…), and a
 *   country's bodies (a code with a role, such as USAGOV, RUSGOV, and no
 *   dates: dated codes are people in office);
 * - compromise's lexicon (the npm package): words it tags Organization, and
 *   its first names.
 *
 * Output: models/organisations.txt.gz, after a "#" notice one line per
 * name: "O name" (an organisation listed as one), "B name" (a country's
 * body) or "F name" (a first name, from compromise's lexicon). Used only to turn a place into an organisation, never a
 * person (src/store/entity-types.ts).
 *
 *   node dist/scripts/compile-organisations.js [--cameo DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './paths.js';

const args = process.argv.slice(2);
const at = args.indexOf('--cameo');
const cameo = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : join(ROOT, '../shared/data/cameo'));

interface Block {
  names: string[];
  codes: string[];
}

/** Phoenix actor files: a name line, "+synonym" lines, then "[CODE dates]" lines (see its dictionaries.rst). */
function blocks(file: string): Block[] {
  const out: Block[] = [];
  let cur: Block | undefined;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trimEnd();
    if (!line.trim()) continue;
    const codes = [...line.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!.trim());
    const name = line.replace(/\[[^\]]*\]/g, '').trim();
    if (/^[^\s+[]/.test(line)) out.push((cur = { names: [name], codes }));
    else if (cur && line.startsWith('+')) cur.names.push(name.slice(1));
    else if (cur) cur.codes.push(...codes);
  }
  return out;
}

const spoken = (n: string) => n.replace(/_+/g, ' ').trim().toLowerCase();
/** O: an organisation listed as one (may retype a person the tagger misread); B: a country's body; F: a first name. */
const names = new Map<string, 'O' | 'B' | 'F'>();

for (const b of blocks(join(cameo, 'Phoenix.International.actors.txt'))) {
  if (b.codes.some((c) => /^(IGO|NGO|MNC)/.test(c))) for (const n of b.names) names.set(spoken(n), 'O');
}
for (const b of blocks(join(cameo, 'Phoenix.Countries.actors.txt'))) {
  // A body of a country: every code has a role after the country code, none has dates. (Some
  // officials are listed so too, hence "B": never evidence against a person.)
  if (b.codes.length && b.codes.every((c) => /^[A-Z]{6,}$/.test(c))) for (const n of b.names) if (!names.has(spoken(n))) names.set(spoken(n), 'B');
}
const lexicon = (createRequire(import.meta.url)('compromise') as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
for (const [word, tag] of Object.entries(lexicon)) if (tag === 'Organization' || (Array.isArray(tag) && tag.includes('Organization'))) names.set(word, 'O');
// First names: evidence that a name the tagger split between person and organisation is a person ("Kim Jong Un").
for (const [word, tag] of Object.entries(lexicon)) if ([tag].flat().some((t) => /^(?:FirstName|MaleName|FemaleName)$/.test(t)) && !names.has(word)) names.set(word, 'F');

// Lone words of three letters or fewer are acronyms the corpus ties to their long forms itself.
const kept = [...names]
  .filter(([n, kind]) => (kind === 'F' ? n.length > 1 : n.length > 3) && /\p{L}/u.test(n))
  .map(([n, kind]) => `${kind} ${n}`)
  .sort();
const notice = [
  '# Organisation names compiled by scripts/compile-organisations.ts from the Phoenix actor dictionaries',
  '# (MIT, Copyright (c) 2014 Open Event Data) and the lexicon of compromise (MIT, Copyright (c) 2019 Spencer Kelly).',
  '# Both licence notices in full: models/NOTICE.md.',
];
const out = join(ROOT, 'models/organisations.txt.gz');
writeFileSync(out, gzipSync(notice.join('\n') + '\n' + kept.join('\n') + '\n', { level: 9 }));
process.stdout.write(`${kept.length} names → ${out}\n`);
