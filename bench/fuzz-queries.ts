/**
 * bench/fuzz-queries: random queries (fast-check, seeded) through search
 * (with facets) and kwic on an annotated workspace of AllSides articles,
 * in process. Counts how each ended (answer, query error, anything else:
 * a defect) and the slowest; the probe that filed issue 14 ran 15,600.
 *
 *   npm run build && node dist/bench/fuzz-queries.js [--queries 16000] [--articles 1000] [--keep DIR]
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { ingest } from '../src/pipeline.js';
import { kwic } from '../src/query/kwic.js';
import { QueryError } from '../src/query/language.js';
import { search } from '../src/query/search.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { arg } from './corpus.js';

const queries = Number(arg('--queries') ?? 16000);
const articles = Number(arg('--articles') ?? 1000);
const dir = arg('--keep') ?? mkdtempSync(join(tmpdir(), 'newslens-fuzz-'));
const db = join(dir, `fuzz-${articles}.db`);
if (!existsSync(db)) {
  const corpus = resolve(process.cwd(), '../shared/data/corpora/allsides-world-politics/corpus.jsonl');
  const input = join(dir, 'input.jsonl');
  writeFileSync(input, readFileSync(corpus, 'utf8').split('\n').filter(Boolean).slice(0, articles).join('\n') + '\n');
  const w = openSqliteStore(db);
  await ingest([input], w, { workers: 2 });
  w.close();
}
const store = openSqliteStore(db, { readonly: true });
const words = ['government', 'said', 'trump', 'putin', 'russia', 'china', 'korea', 'sanction', 'white', 'house', 'a', 'the', 'e-mail', 'x1'];
const piece = fc.oneof(
  fc.constantFrom(...words),
  fc.constantFrom(...words).map((w) => `${w}*`),
  fc.constantFrom(...words).map((w) => `"${w} ${w}"`),
  fc.constantFrom('AND', 'OR', 'NOT', '-', '(', ')', '"', '*', ':', 'title:', 'outlet:', 'entity:Putin', 'entity:"Vladimir Putin"', 'event:protest', 'event:99', 'frame:x', 'after:2018', 'before:2017-02-30', 'lang:en', '\u0000', '\u202e', 'é'),
  fc.string({ maxLength: 12 }),
);
const query = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 30 }).map((a) => a.join(' ')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...words, 'a*', 'said OR'), fc.integer({ min: 100, max: 6000 })).map(([w, n]) => Array(n).fill(w).join(' ')) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 20000 }).map((n) => '('.repeat(n) + 'said' + ')'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 400 }).map((n) => `said e-mail* ${Array.from({ length: n }, (_, i) => `-x${i}`).join(' ')}`) },
);
const tally = { queries: 0, answered: 0, queryErrors: 0, other: [] as string[], slowestMs: 0, slowest: '' };
const times: number[] = [];
for (const q of fc.sample(query, { numRuns: queries, seed: 14 })) {
  const kind = tally.queries++ % 4 === 3 ? 'kwic' : 'search';
  const t = performance.now();
  try {
    if (kind === 'kwic') kwic(store, q, { limit: 20 });
    else search(store, q);
    tally.answered++;
  } catch (err) {
    if (err instanceof QueryError) tally.queryErrors++;
    else tally.other.push(`${kind} ${JSON.stringify(q.slice(0, 80))}: ${(err as Error).message.split('\n')[0]}`);
  }
  const ms = performance.now() - t;
  times.push(ms);
  if (ms > tally.slowestMs) Object.assign(tally, { slowestMs: Math.round(ms), slowest: `${kind} ${JSON.stringify(q.slice(0, 60))}${q.length > 60 ? `… (${q.length} chars)` : ''}` });
}
store.close();
times.sort((a, b) => a - b);
const p = (x: number) => Math.round(times[Math.min(times.length - 1, Math.floor(x * times.length))]!);
console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), articles, ...tally, p50ms: p(0.5), p99ms: p(0.99), workspace: db }, null, 2));
