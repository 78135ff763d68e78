/**
 * bench/analyses (issue 15, item 10): the corpus-wide commands an analyst
 * runs on the AllSides corpus, each as a user runs it (a fresh CLI process,
 * so the times include start-up), with wall time and peak memory read by
 * GNU time. Annotated ingest and `reprocess --all` of the same articles side
 * by side; then `stories ''`, `frames --discover` and the four exports.
 *
 *   npm run build && node dist/bench/analyses.js [--corpus FILE.jsonl] [--keep DIR]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { arg } from './corpus.js';

const CLI = resolve(process.cwd(), 'dist/src/cli/main.js');
const corpus = resolve(process.cwd(), arg('--corpus') ?? '../shared/data/corpora/allsides-world-politics/corpus.jsonl');
const dir = arg('--keep') ?? mkdtempSync(join(tmpdir(), 'newslens-analyses-'));
const db = join(dir, 'w.db');

/** One command, timed by /usr/bin/time -v: seconds and peak resident memory (MB). */
function timed(label: string, args: string[]): { label: string; seconds: number; peakMB: number } {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${label}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr)!;
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const peakMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)![1]) / 1024;
  const row = { label, seconds: Math.round(seconds * 10) / 10, peakMB: Math.round(peakMB) };
  process.stdout.write(`${label.padEnd(34)} ${String(row.seconds).padStart(7)} s  ${String(row.peakMB).padStart(6)} MB\n`);
  return row;
}

const rows = [timed('ingest (annotated)', ['ingest', corpus, '--db', db, '-q'])];
copyFileSync(db, join(dir, 'before-reprocess.db'));
rows.push(timed('reprocess --all', ['reprocess', '--all', '--db', db]));
rows.push(timed("stories ''", ['stories', '', '--db', db]));
rows.push(timed('frames --discover', ['frames', '--discover', '--db', db]));
for (const what of ['articles', 'mentions', 'quotes', 'events']) {
  const format = what === 'events' ? 'tsv' : what === 'articles' ? 'jsonl' : 'csv';
  rows.push(timed(`export ${what} --format ${format}`, ['export', what, '--format', format, '--db', db, '--out', join(dir, `${what}.${format}`)]));
}
process.stdout.write(JSON.stringify({ corpus, rows }, null, 2) + '\n');
if (!arg('--keep')) rmSync(dir, { recursive: true, force: true });
