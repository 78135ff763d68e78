/**
 * bench/hostile: every input of the generated hostile corpus
 * (test/hostile-corpus.ts, full size) through `ingest` (as detected, and
 * forced to every format) and, for pages, `extract`, each in its own
 * process: wall time and peak memory (GNU time's maximum RSS), and what it
 * said. The issue's bound: a located error in under 5 s and 500 MB.
 *
 *   npm run build && node dist/bench/hostile.js
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORMATS } from '../src/model.js';
import { writeHostileCorpus } from '../test/hostile-corpus.js';
import { CLI } from '../test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'newslens-hostile-'));
const corpus = join(dir, 'corpus');
mkdirSync(corpus);
const inputs = writeHostileCorpus(corpus, 1);
execFileSync('/usr/bin/time', ['--version'], { stdio: 'ignore' });

interface Row {
  input: string;
  how: string;
  seconds: number;
  peakMB: number;
  exit: number | null;
  said: string;
}
const rows: Row[] = [];
const run = (input: string, how: string, args: string[]) => {
  const times = join(dir, 'time.txt');
  const db = join(dir, 'w.db');
  rmSync(db, { force: true });
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', times, process.execPath, CLI, ...args], { encoding: 'utf8', env: { ...process.env, NEWSLENS_DB: db }, maxBuffer: 64 * 1024 * 1024 });
  const [sec, kb] = readFileSync(times, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  let said = r.stderr.trim().split('\n').pop() ?? '';
  try {
    const s = JSON.parse(r.stdout) as { added: number; failures: Array<{ message: string; locator?: string }>; warnings: Array<{ message: string }> };
    said = s.failures.length ? `failed${s.failures[0]!.locator ? ` (${s.failures[0]!.locator})` : ''}: ${s.failures[0]!.message}` : `stored ${s.added}${s.warnings.length ? `, warning: ${s.warnings[0]!.message}` : ''}`;
  } catch {
    /* extract prints text */
    if (r.status === 0) said = 'article printed';
  }
  rows.push({ input, how, seconds: sec!, peakMB: Math.round(kb! / 1024), exit: r.status, said: said.slice(0, 110) });
};
for (const i of inputs) {
  const path = join(corpus, i.name);
  run(i.name, 'ingest', ['ingest', path, '--no-annotate', '--json', '-q']);
  for (const f of FORMATS) run(i.name, `ingest --format ${f}`, ['ingest', path, '--format', f, '--no-annotate', '--json', '-q']);
  if (i.page) run(i.name, 'extract', ['extract', path]);
}
rmSync(dir, { recursive: true, force: true });
const worst = rows.reduce((a, r) => ({ seconds: Math.max(a.seconds, r.seconds), peakMB: Math.max(a.peakMB, r.peakMB) }), { seconds: 0, peakMB: 0 });
for (const r of rows) console.log(`${r.input.padEnd(24)} ${r.how.padEnd(24)} ${r.seconds.toFixed(2).padStart(6)} s ${String(r.peakMB).padStart(5)} MB  exit ${r.exit}  ${r.said}`);
console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), inputs: inputs.length, runs: rows.length, worst, over: rows.filter((r) => r.seconds >= 5 || r.peakMB >= 500) }, null, 2));
