/**
 * The two seeds against our gold annotation (test/corpus/gold/seeds.json):
 * figures must all be right, every quote attributed to the right speaker,
 * every canonical name right; entities and events are scored, and the
 * figures are recorded in bench/RESULTS.md.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runJson, tempDir } from '../helpers.js';
import { ratio, scoreCanonical, scoreEntities, scoreEvents, scoreQuotes, setFigures, type EventScore, type GoldArticle, type QuoteScore, type Shown } from './annotation-score.js';
import { SEEDS } from './shared.js';

interface Gold extends GoldArticle {
  misc: Array<[string, string]>;
}

const gold = JSON.parse(readFileSync(join(ROOT, 'test/corpus/gold/seeds.json'), 'utf8')) as Record<string, Gold>;
const db = join(tempDir(), 'seeds.db');
runJson(['ingest', '--db', db, SEEDS]);
const list = runJson<{ articles: Array<{ id: number; source: string }> }>(['articles', '--db', db]).value.articles;
const shown = (file: string) => runJson<Shown>(['show', String(list.find((a) => a.source.endsWith(file))!.id), '--db', db]).value;

for (const file of Object.keys(gold).filter((k) => k !== 'about')) {
  test(`${file}: every figure found and normalised`, () => {
    const a = shown(file);
    for (const g of gold[file]!.figures) {
      const f = a.figures.find((x) => x.text === g.text);
      assert.ok(f, `figure "${g.text}" not found among ${a.figures.map((x) => x.text).join(' | ')}`);
      const { text: _, ...want } = g;
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, (f as unknown as Record<string, unknown>)[k]]));
      assert.deepEqual(got, want, `figure "${g.text}"`);
    }
  });

  test(`${file}: persons, organisations and places with their types`, () => {
    const { byType, missed } = scoreEntities(gold[file]!.entities, shown(file).mentions);
    const line = Object.entries(byType).map(([t, b]) => `${t} ${b.found}/${b.gold}`);
    console.log(`${file}: ${line.join(', ')}; missed: ${missed.join(', ') || 'none'}`);
    // Every person and place; organisations, two known misses at most (see bench/RESULTS.md).
    assert.deepEqual(missed.filter((m) => !m.endsWith('(ORG)')), []);
    assert.ok(missed.length <= 2, `missed ${missed.length}`);
  });
}

/** Scores of both seeds, totalled for bench/RESULTS.md. */
const scores = { quotes: [] as QuoteScore[], events: [] as EventScore[], canonical: { gold: 0, right: 0 } };

for (const file of Object.keys(gold).filter((k) => k !== 'about')) {
  test(`${file}: every quote found and attributed to the right speaker`, () => {
    const a = shown(file);
    const q = scoreQuotes(gold[file]!.quotes, a.quotes);
    scores.quotes.push(q);
    console.log(`${file} quotes: gold ${q.gold}, found ${q.found}, matched ${q.matched}; not in gold: ${q.extra.join(' | ') || 'none'}`);
    // The target: every quote attributed to the right speaker.
    assert.deepEqual(q.wrong, []);
  });

  test(`${file}: events against the gold (precision and recall recorded)`, () => {
    const e = scoreEvents(gold[file]!.events, shown(file).events);
    scores.events.push(e);
    console.log(`${file} events: gold ${e.gold}, found ${e.found}; missed: ${e.missed.join(', ') || 'none'}; not in gold: ${e.extra.join(', ') || 'none'}`);
    assert.ok(e.matched >= e.gold * 0.6, `recall under 0.6: missed ${e.missed.join(', ')}`);
  });

  test(`${file}: names resolved to their canonical entity`, () => {
    const c = scoreCanonical(gold[file]!.canonical, shown(file).mentions);
    scores.canonical.gold += c.gold;
    scores.canonical.right += c.right;
    assert.deepEqual(c.wrong, []);
  });
}

test('seeds: precision and recall per kind', () => {
  const line = { ...setFigures(scores.events, scores.quotes), canonical: { accuracy: ratio(scores.canonical.right, scores.canonical.gold) } };
  console.log(`seeds per kind: ${JSON.stringify(line)}`);
  assert.ok((line.events.precision ?? 0) >= 0.6, `event precision ${line.events.precision}`);
});
