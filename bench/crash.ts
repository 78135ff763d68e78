/**
 * bench/crash: SIGKILL of an annotated ingest of AllSides articles at N
 * random moments (default 50), each followed by the integrity checks and a
 * resumed run of test/crash-check.ts. Prints one line per run and a JSON
 * summary for bench/RESULTS.md.
 *
 *   npm run build && node dist/bench/crash.js [--runs 50] [--articles 120] [--seed N]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkAfterCrash, killAfter, reference, removeWorkspace, resumeAndCompare, seeded } from '../test/crash-check.js';
import { arg } from './corpus.js';

const runs = Number(arg('--runs') ?? 50);
const n = Number(arg('--articles') ?? 120);
const seed = Number(arg('--seed') ?? 1);
const corpus = resolve(process.cwd(), arg('--corpus') ?? '../shared/data/corpora/allsides-world-politics/corpus.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'newslens-crash-'));
const input = join(dir, 'input.jsonl');
writeFileSync(input, readFileSync(corpus, 'utf8').split('\n').filter(Boolean).slice(2000, 2000 + n).join('\n') + '\n');
const started = performance.now();
const ref = reference(input, join(dir, 'clean.db'));
const cleanSeconds = (performance.now() - started) / 1000;
const random = seeded(seed);
const tally = { runs, articles: ref.articles, killedMidway: 0, killedBeforeAnyArticle: 0, finishedBeforeKill: 0, sound: 0, resumed: 0, problems: [] as string[] };
for (let run = 1; run <= runs; run++) {
  const db = join(dir, `run-${run}.db`);
  const ms = 200 + Math.floor(random() * cleanSeconds * 1000);
  const { killed } = await killAfter(input, db, ms);
  const { problems, stored } = checkAfterCrash(db, ref);
  if (!killed) tally.finishedBeforeKill++;
  else if (stored === 0) tally.killedBeforeAnyArticle++;
  else tally.killedMidway++;
  if (!problems.length) tally.sound++;
  const after = resumeAndCompare(input, db, ref);
  if (!after.length) tally.resumed++;
  tally.problems.push(...problems.map((p) => `run ${run}: ${p}`), ...after.map((p) => `run ${run} re-run: ${p}`));
  process.stdout.write(`run ${run}: killed after ${ms} ms${killed ? '' : ' (had finished)'}, ${stored} of ${ref.articles} stored, ${problems.length + after.length ? `PROBLEMS: ${[...problems, ...after].join('; ')}` : 'sound; re-run complete'}\n`);
  removeWorkspace(db);
}
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), seed, cleanRunSeconds: Number(cleanSeconds.toFixed(1)), ...tally }, null, 2));
