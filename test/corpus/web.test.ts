/**
 * The web inputs in ../shared: the real feeds (every item of every file read,
 * with its quirks), and the article-extraction benchmark's dev pages scored by
 * the benchmark's own scorer.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { decodePage } from '../../src/html/charset.js';
import { bodyText, extractPage } from '../../src/html/extract.js';
import { parseFeed } from '../../src/crawl/feeds.js';
import { runJson, tempDir } from '../helpers.js';
import { DATA, SHARED } from './shared.js';

// Item counts as the feeds' README lists them (checked there with Python's ElementTree).
const ITEMS: Record<string, number> = {
  'guardian.rss': 55, 'uolNoticias.rss': 15, 'heise.atom': 15, 'tpm.atom': 20, 'wapowellness.xml': 29, 'TechCrunch.xml': 20,
  'HuffPostCanada.xml': 2, 'rss_2.0_nbcny.xml': 1, 'rss_2.0_ilgiornale.xml': 1, 'rss_2.0_ilmessaggero.xml': 1,
  'rss_2.0_wirecutter.xml': 1, 'rss_2.0_bbc.xml': 1,
};
const FEEDS = join(DATA, 'corpora', 'feeds');

test('feeds: every item of every real feed is parsed, dates included', () => {
  for (const [file, items] of Object.entries(ITEMS)) {
    const feed = parseFeed(decodePage(readFileSync(join(FEEDS, file))).text);
    assert.equal(feed.entries.length, items, file);
    assert.ok(feed.title, `${file} has a title`);
    for (const e of feed.entries) assert.ok(e.title && e.url, `${file}: entry without title or link`);
  }
  // ISO-8859-1 without a declaration: decoded from the bytes.
  const uol = parseFeed(decodePage(readFileSync(join(FEEDS, 'uolNoticias.rss'))).text);
  assert.match(uol.title!, /UOL Not[ií]cias/);
  assert.ok(uol.entries.some((e) => /[ãçéó]/.test(e.title ?? '')), 'Portuguese accents survive');
});

test('feeds: ingest stores one article per item with text, and dates in every language', () => {
  const db = join(tempDir(), 'feeds.db');
  const files = Object.keys(ITEMS).map((f) => join(FEEDS, f));
  const r = runJson<{ read: number; added: number; failed: number; failures: Array<{ source: string; message: string }> }>(['ingest', ...files, '--db', db, '--no-annotate']);
  const total = Object.values(ITEMS).reduce((a, b) => a + b, 0);
  // Items with neither content nor summary are the only failures, each named.
  for (const f of r.value.failures) assert.match(f.message, /has no text/, f.message);
  assert.equal(r.value.read + r.value.failed, total);
  // Seven items are empty in the files themselves (four UOL items with an empty
  // description, three "Featured Advertiser" slots in the Washington Post feed).
  assert.equal(r.value.failed, 7);
  assert.equal(r.value.added, total - 7);
  const list = runJson<{ articles: Array<{ id: number; published?: string; outlet?: string }> }>(['articles', '--db', db, '--limit', '1000']).value.articles;
  const undated = list.filter((a) => !a.published);
  assert.equal(undated.length, 0, `undated: ${undated.map((a) => a.id).join(',')}`);
  assert.ok(list.every((a) => a.outlet));
});

test('extraction benchmark (dev pages): F1 at least 0.97 with the benchmark scorer', () => {
  const dir = join(DATA, 'article-extraction');
  const truthPath = join(dir, 'ground-truth.json');
  const out: Record<string, { articleBody: string }> = {};
  for (const f of readdirSync(join(dir, 'html')).filter((x) => x.endsWith('.html.gz'))) {
    const html = decodePage(gunzipSync(readFileSync(join(dir, 'html', f)))).text;
    out[f.replace(/\.html\.gz$/, '')] = { articleBody: bodyText(extractPage(html).blocks) };
  }
  const pred = join(tempDir(), 'pred.json');
  writeFileSync(pred, JSON.stringify(out));
  const score = JSON.parse(execFileSync(process.execPath, [join(SHARED, 'tools', 'extraction-eval.mjs'), truthPath, pred, '--json', '--n-bootstrap', '0'], { encoding: 'utf8' })) as { f1: number; precision: number; recall: number };
  assert.ok(score.f1 >= 0.97, `F1 ${score.f1.toFixed(4)} (P ${score.precision.toFixed(4)}, R ${score.recall.toFixed(4)})`);
});
