/**
 * The kept-aside gold set (test/corpus/gold/kept-aside.json): four articles
 * of the AllSides corpus drawn at random and annotated by hand after the
 * quote and event rules were written, so these figures say how the rules
 * generalise, where the seeds (developed on) cannot. Precision and recall
 * per kind are printed for bench/RESULTS.md; the floors asserted here sit
 * below the first measurement and guard against regressions only. The
 * development sets (gold/events-dev.json, events only, and
 * gold/annotation-dev.json, quotes and events) are scored beside it.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runJson, tempDir } from '../helpers.js';
import { ratio, scoreCanonical, scoreEntities, scoreEvents, scoreFigures, scoreQuotes, setFigures, type EventScore, type GoldArticle, type QuoteScore, type Shown } from './annotation-score.js';
import { CORPORA } from './shared.js';

const gold = JSON.parse(readFileSync(join(ROOT, 'test/corpus/gold/kept-aside.json'), 'utf8')) as { corpus: string; articles: Record<string, GoldArticle> };
/** The development sets: other articles, the ones quote and event rules may be tuned on. */
type DevSet = { corpus: string; articles: Record<string, Pick<GoldArticle, 'events'> & Partial<Pick<GoldArticle, 'quotes'>>> };
const devSets = Object.fromEntries(['events-dev.json', 'annotation-dev.json'].map((f) => [f, JSON.parse(readFileSync(join(ROOT, 'test/corpus/gold', f), 'utf8')) as DevSet]));
const wanted = new Set([...Object.keys(gold.articles), ...Object.values(devSets).flatMap((d) => Object.keys(d.articles))]);
const dir = tempDir();
const input = join(dir, 'kept-aside.jsonl');
const lines = readFileSync(join(CORPORA, gold.corpus), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && wanted.has((JSON.parse(l) as { id: string }).id));
writeFileSync(input, lines.join('\n') + '\n');
const db = join(dir, 'kept.db');
const ingest = runJson(['ingest', '--db', db, input]);

test('kept-aside gold: quotes, events, canonical names, entities and figures on articles the rules never saw', () => {
  assert.equal(ingest.status, 0, ingest.stderr);
  assert.equal(lines.length, wanted.size, 'every gold article is in the corpus');
  const sum = { quotes: [] as QuoteScore[], events: [] as EventScore[], canonical: [0, 0], figures: [0, 0], entities: [0, 0] };
  for (const [id, g] of Object.entries(gold.articles)) {
    const a = runJson<Shown>(['show', id, '--db', db]).value;
    const q = scoreQuotes(g.quotes, a.quotes);
    const e = scoreEvents(g.events, a.events);
    const c = scoreCanonical(g.canonical, a.mentions);
    const f = scoreFigures(g.figures, a.figures);
    const n = scoreEntities(g.entities, a.mentions);
    sum.quotes.push(q);
    sum.events.push(e);
    sum.canonical[0]! += c.gold;
    sum.canonical[1]! += c.right;
    sum.figures[0]! += f.gold;
    sum.figures[1]! += f.matched;
    for (const b of Object.values(n.byType)) {
      sum.entities[0]! += b.gold;
      sum.entities[1]! += b.found;
    }
    console.log(
      [
        `${id}:`,
        `  quotes: gold ${q.gold}, found ${q.found}, matched ${q.matched}, speaker right ${q.speakerRight}; wrong: ${q.wrong.join(' | ') || 'none'}; not in gold: ${q.extra.join(' | ') || 'none'}`,
        `  events: gold ${e.gold}, found ${e.found}, matched ${e.matched}; missed: ${e.missed.join(', ') || 'none'}; not in gold: ${e.extra.join(', ') || 'none'}`,
        `  canonical: ${c.right}/${c.gold}; wrong: ${c.wrong.join(', ') || 'none'}`,
        `  figures: ${f.matched}/${f.gold}; missed: ${f.missed.join(', ') || 'none'}`,
        `  entities: ${Object.entries(n.byType).map(([t, b]) => `${t} ${b.found}/${b.gold}`).join(', ')}; missed: ${n.missed.join(', ') || 'none'}`,
      ].join('\n'),
    );
  }
  const line = {
    ...setFigures(sum.events, sum.quotes),
    canonical: { accuracy: ratio(sum.canonical[1]!, sum.canonical[0]!) },
    figures: { recall: ratio(sum.figures[1]!, sum.figures[0]!) },
    entities: { recall: ratio(sum.entities[1]!, sum.entities[0]!) },
  };
  console.log(`kept-aside per kind: ${JSON.stringify(line)}`);
  // Regression floors, set below the measurements recorded in bench/RESULTS.md.
  assert.ok(line.quotes && (line.quotes.recall ?? 0) >= FLOOR.quoteRecall, `quote recall ${line.quotes?.recall}`);
  assert.ok(line.quotes && (line.quotes.speakerAccuracy ?? 0) >= FLOOR.speakerAccuracy, `speaker accuracy ${line.quotes?.speakerAccuracy}`);
  assert.ok((line.events.recall ?? 0) >= FLOOR.eventRecall, `event recall ${line.events.recall}`);
  assert.ok(line.entities.recall >= FLOOR.entityRecall, `entity recall ${line.entities.recall}`);
});

const FLOOR = { quoteRecall: 0.75, speakerAccuracy: 0.85, eventRecall: 0.2, entityRecall: 0.85, devEventRecall: 0.55, devQuoteRecall: 0.75 };

test('development sets: quotes and events (rules may be tuned here)', () => {
  assert.equal(ingest.status, 0, ingest.stderr);
  const all = { events: [] as EventScore[], quotes: [] as QuoteScore[] };
  for (const [file, set] of Object.entries(devSets)) {
    const events: EventScore[] = [];
    const quotes: QuoteScore[] = [];
    for (const [id, g] of Object.entries(set.articles)) {
      const a = runJson<Shown>(['show', id, '--db', db]).value;
      const e = scoreEvents(g.events, a.events);
      events.push(e);
      const lines = [`${id}:`, `  events: gold ${e.gold}, found ${e.found}, matched ${e.matched}; missed: ${e.missed.join(', ') || 'none'}; not in gold: ${e.extra.join(', ') || 'none'}; wrong source: ${e.wrongSource.join(' | ') || 'none'}`];
      if (g.quotes) {
        const q = scoreQuotes(g.quotes, a.quotes);
        quotes.push(q);
        lines.push(`  quotes: gold ${q.gold}, found ${q.found}, matched ${q.matched}, speaker right ${q.speakerRight}; wrong: ${q.wrong.join(' | ') || 'none'}; not in gold: ${q.extra.join(' | ') || 'none'}`);
      }
      console.log(lines.join('\n'));
    }
    console.log(`dev ${file}: ${JSON.stringify(setFigures(events, quotes))}`);
    all.events.push(...events);
    all.quotes.push(...quotes);
  }
  const line = setFigures(all.events, all.quotes);
  console.log(`dev per kind: ${JSON.stringify(line)}`);
  assert.ok((line.events.recall ?? 0) >= FLOOR.devEventRecall, `dev event recall ${line.events.recall}`);
  assert.ok(line.quotes && (line.quotes.recall ?? 0) >= FLOOR.devQuoteRecall, `dev quote recall ${line.quotes?.recall}`);
});
