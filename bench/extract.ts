/**
 * bench/extract: article-body extraction against Mozilla's Readability on
 * jsdom, in the same run, on the dev pages of the article-extraction
 * benchmark (../shared/data/article-extraction/).
 *
 * - accuracy: both outputs scored by ../shared/tools/extraction-eval.mjs
 *   (F1, precision, recall, exact-match accuracy);
 * - speed: pages per second on one core, from the decompressed HTML string
 *   to the body text (parsing included), best of three passes for ours and
 *   one pass for Readability (it takes about 20 s).
 *
 *   npm run bench:extract [-- --per-page] [-- --only ours]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodePage } from '../src/html/charset.js';
import { bodyText, extractPage } from '../src/html/extract.js';
import { machine, pinToOneCore } from './one-core.js';

pinToOneCore();
const args = process.argv.slice(2);
const perPage = args.includes('--per-page');
const onlyOurs = args.includes('--only') && args[args.indexOf('--only') + 1] === 'ours';
const dir = resolve(process.cwd(), '../shared/data/article-extraction');
const scorer = resolve(process.cwd(), '../shared/tools/extraction-eval.mjs');
const truthPath = join(dir, 'ground-truth.json');
const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { url: string }>;
const pages = readdirSync(join(dir, 'html'))
  .filter((f) => f.endsWith('.html.gz'))
  .sort()
  .map((f) => ({ id: f.replace(/\.html\.gz$/, ''), html: decodePage(gunzipSync(readFileSync(join(dir, 'html', f)))).text }))
  .filter((p) => truth[p.id]);
const tmp = mkdtempSync(join(tmpdir(), 'newslens-extract-'));

type Outputs = Record<string, { articleBody: string }>;

function timed(fn: (html: string, url: string) => string, passes: number): { out: Outputs; pagesPerSecond: number; coldPagesPerSecond: number } {
  let out: Outputs = {};
  let best = Infinity;
  let cold = 0;
  for (let pass = 0; pass < passes; pass++) {
    const o: Outputs = {};
    const t0 = process.hrtime.bigint();
    for (const p of pages) o[p.id] = { articleBody: fn(p.html, truth[p.id]!.url) };
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (pass === 0) cold = pages.length / s;
    best = Math.min(best, s);
    out = o;
  }
  return { out, pagesPerSecond: pages.length / best, coldPagesPerSecond: cold };
}

function score(name: string, out: Outputs): Record<string, unknown> {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(out));
  if (process.env.EXTRACT_KEEP) writeFileSync(`${process.env.EXTRACT_KEEP}-${name}.json`, JSON.stringify(out));
  const res = JSON.parse(execFileSync(process.execPath, [scorer, truthPath, file, '--json', ...(perPage ? ['--per-page'] : [])], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Record<string, unknown>;
  return res;
}

const virtualConsole = new VirtualConsole(); // silence jsdom's CSS and script warnings
let readabilityErrors = 0;
function readability(html: string, url: string): string {
  // jsdom's CSS parser (cssstyle) throws on some real stylesheets; Readability
  // reads no stylesheet, so <style> blocks are dropped before parsing (this
  // only makes Readability's side faster). Any other failure counts as an empty output.
  try {
    const dom = new JSDOM(html.replace(/<style\b[\s\S]*?<\/style>/gi, ''), { url, virtualConsole });
    const art = new Readability(dom.window.document).parse();
    dom.window.close();
    return art?.textContent?.trim() ?? '';
  } catch {
    readabilityErrors++;
    return '';
  }
}

const ours = timed((html) => bodyText(extractPage(html).blocks), 3);
const oursScore = score('newslens', ours.out);
const report: Record<string, unknown> = {
  machine: machine(),
  pages: pages.length,
  newslens: { ...summary(oursScore), pagesPerSecond: round(ours.pagesPerSecond), coldPagesPerSecond: round(ours.coldPagesPerSecond) },
};
if (!onlyOurs) {
  const rd = timed(readability, 1);
  const rdScore = score('readability', rd.out);
  report.readability = { ...summary(rdScore), pagesPerSecond: round(rd.pagesPerSecond), errors: readabilityErrors };
  report.speedup = round(ours.pagesPerSecond / rd.pagesPerSecond);
}
if (perPage) {
  const rows = Object.entries((oursScore.per_page ?? {}) as Record<string, Record<string, number | null>>);
  report.worst = rows
    .sort((a, b) => Number(a[1].f1) - Number(b[1].f1))
    .slice(0, 30)
    .map(([id, r]) => `${id.slice(0, 8)} f1=${Number(r.f1).toFixed(3)} p=${Number(r.precision).toFixed(3)} r=${Number(r.recall).toFixed(3)} ${truth[id]!.url}`);
}
console.log(JSON.stringify(report, null, 2));

function summary(s: Record<string, unknown>): Record<string, unknown> {
  const pick: Record<string, unknown> = {};
  for (const k of ['f1', 'precision', 'recall', 'accuracy']) pick[k] = s[k];
  return pick;
}
function round(x: number): number {
  return Math.round(x * 10) / 10;
}
