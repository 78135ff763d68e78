/**
 * Reliability on real articles (AllSides): two annotated ingests into one
 * workspace with searches running throughout, and SIGKILL at random
 * moments followed by integrity checks and a resumed run (crash-check.ts;
 * bench/crash.ts runs more of them).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkAfterCrash, killAfter, reference, removeWorkspace, resumeAndCompare, seeded } from '../crash-check.js';
import { runCliAsync, tempDir, type CliResult } from '../helpers.js';
import { CORPORA } from './shared.js';

const dir = tempDir();
const lines = readFileSync(join(CORPORA, 'allsides-world-politics/corpus.jsonl'), 'utf8').split('\n').filter(Boolean);
const slice = (name: string, from: number, n: number) => {
  const file = join(dir, name);
  writeFileSync(file, lines.slice(from, from + n).join('\n') + '\n');
  return file;
};

test('two annotated ingests of 400 AllSides articles each into one workspace, 20 searches during them: 800 stored, both exit 0, 20 answers', async () => {
  const db = join(dir, 'two.db');
  const a = slice('a.jsonl', 0, 400);
  const b = slice('b.jsonl', 400, 400);
  const writers = [runCliAsync(['ingest', a, '--db', db, '--json', '-q']), runCliAsync(['ingest', b, '--db', db, '--json', '-q'])];
  // Searches start once the workspace exists and go on while the writers run.
  const searches: CliResult[] = [];
  await new Promise((r) => setTimeout(r, 4000));
  for (let i = 0; i < 20; i++) {
    searches.push(await runCliAsync(['search', i % 2 ? 'government' : '"white house"', '--db', db, '--json']));
    await new Promise((r) => setTimeout(r, 300));
  }
  const done = await Promise.all(writers);
  for (const w of done) assert.equal(w.status, 0, w.stderr);
  assert.equal(done.reduce((n, w) => n + (JSON.parse(w.stdout) as { added: number }).added, 0), 800);
  const failed = searches.filter((s) => s.status !== 0);
  assert.equal(failed.length, 0, failed.map((s) => s.stderr).join('\n'));
  const stats = await runCliAsync(['stats', '--db', db, '--json']);
  assert.equal(JSON.parse(stats.stdout).articles, 800);
});

const RUNS = Number(process.env.NEWSLENS_CRASH_RUNS ?? 20);

test(`kill -9 of an annotated ingest at ${RUNS} random moments: the workspace stays sound, every article whole or absent, and a re-run completes as a clean run`, async () => {
  const input = slice('crash.jsonl', 1000, 120);
  const started = performance.now();
  const ref = reference(input, join(dir, 'clean.db'));
  // Kill moments are drawn over the clean run's own duration (10–90% of it), not over a fixed span:
  // on a slower or busier machine a fixed span put most kills before the first article was written.
  const cleanMs = performance.now() - started;
  assert.equal(ref.articles, 120);
  const random = seeded(20261201);
  let killedMidway = 0;
  for (let run = 1; run <= RUNS; run++) {
    const db = join(dir, `crash-${run}.db`);
    const ms = Math.round(cleanMs * (0.1 + 0.8 * random()));
    const { killed } = await killAfter(input, db, ms);
    const { problems, stored } = checkAfterCrash(db, ref);
    assert.deepEqual(problems, [], `run ${run} (killed after ${ms} ms, ${stored} stored)`);
    if (killed && stored > 0 && stored < ref.articles) killedMidway++;
    assert.deepEqual(resumeAndCompare(input, db, ref), [], `run ${run} re-run (killed after ${ms} ms, ${stored} stored)`);
    removeWorkspace(db);
  }
  // The kills must have landed while articles were being written, not only before or after.
  assert.ok(killedMidway >= RUNS / 3, `only ${killedMidway} of ${RUNS} kills came mid-ingest`);
});
