/**
 * The kept-aside gold set (test/corpus/gold/kept-aside.json): four articles
 * of the AllSides corpus drawn at random and annotated by hand after the
 * quote and event rules were written, so these figures say how the rules
 * generalise, where the seeds (developed on) cannot. Precision and recall
 * per kind are printed for bench/RESULTS.md; the floors asserted here sit
 * below the first measurement and guard against regressions only. The
 * events development set (gold/events-dev.json) is scored beside it.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runJson, tempDir } from '../helpers.js';
import { ratio, scoreCanonical, scoreEntities, scoreEvents, scoreFigures, scoreQuotes, type GoldArticle, type Shown } from './annotation-score.js';
import { CORPORA } from './shared.js';

const gold = JSON.parse(readFileSync(join(ROOT, 'test/corpus/gold/kept-aside.json'), 'utf8')) as { corpus: string; articles: Record<string, GoldArticle> };
/** The events development set: other articles, the ones event rules may be tuned on. */
const dev = JSON.parse(readFileSync(join(ROOT, 'test/corpus/gold/events-dev.json'), 'utf8')) as { corpus: string; articles: Record<string, Pick<GoldArticle, 'events'>> };
const wanted = new Set([...Object.keys(gold.articles), ...Object.keys(dev.articles)]);
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
  const sum = { quotes: [0, 0, 0, 0], events: [0, 0, 0, 0, 0, 0], canonical: [0, 0], figures: [0, 0], entities: [0, 0] };
  for (const [id, g] of Object.entries(gold.articles)) {
    const a = runJson<Shown>(['show', id, '--db', db]).value;
    const q = scoreQuotes(g.quotes, a.quotes);
    const e = scoreEvents(g.events, a.events);
    const c = scoreCanonical(g.canonical, a.mentions);
    const f = scoreFigures(g.figures, a.figures);
    const n = scoreEntities(g.entities, a.mentions);
    [q.gold, q.found, q.matched, q.speakerRight].forEach((v, i) => (sum.quotes[i]! += v));
    [e.gold, e.found, e.matched, e.sourceGold, e.sourceRight, e.moodRight].forEach((v, i) => (sum.events[i]! += v));
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
  const [qg, qf, qm, qs] = sum.quotes as [number, number, number, number];
  const [eg, ef, em, esg, esr, emr] = sum.events as [number, number, number, number, number, number];
  const line = {
    quotes: { precision: ratio(qm, qf), recall: ratio(qm, qg), speakerAccuracy: ratio(qs, qm), speakerRightOfGold: ratio(qs, qg) },
    events: { precision: ratio(em, ef), recall: ratio(em, eg), sourceAccuracy: ratio(esr, esg), moodAccuracy: ratio(emr, em) },
    canonical: { accuracy: ratio(sum.canonical[1]!, sum.canonical[0]!) },
    figures: { recall: ratio(sum.figures[1]!, sum.figures[0]!) },
    entities: { recall: ratio(sum.entities[1]!, sum.entities[0]!) },
  };
  console.log(`kept-aside per kind: ${JSON.stringify(line)}`);
  // Regression floors, set below the first measurement (bench/RESULTS.md).
  assert.ok(line.quotes.recall >= FLOOR.quoteRecall, `quote recall ${line.quotes.recall}`);
  assert.ok(line.quotes.speakerAccuracy >= FLOOR.speakerAccuracy, `speaker accuracy ${line.quotes.speakerAccuracy}`);
  assert.ok(line.events.recall >= FLOOR.eventRecall, `event recall ${line.events.recall}`);
  assert.ok(line.entities.recall >= FLOOR.entityRecall, `entity recall ${line.entities.recall}`);
});

const FLOOR = { quoteRecall: 0.75, speakerAccuracy: 0.85, eventRecall: 0.2, entityRecall: 0.85 };

test('events development set: precision and recall (rules may be tuned here)', () => {
  assert.equal(ingest.status, 0, ingest.stderr);
  const sum = { gold: 0, found: 0, matched: 0, sourceGold: 0, sourceRight: 0, moodRight: 0, codeGold: 0, codeRight: 0, actorCodeGold: 0, actorCodeRight: 0 };
  for (const [id, g] of Object.entries(dev.articles)) {
    const e = scoreEvents(g.events, runJson<Shown>(['show', id, '--db', db]).value.events);
    for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += e[k];
    console.log(`${id} events: gold ${e.gold}, found ${e.found}, matched ${e.matched}; missed: ${e.missed.join(', ') || 'none'}; not in gold: ${e.extra.join(', ') || 'none'}`);
  }
  const line = {
    precision: ratio(sum.matched, sum.found),
    recall: ratio(sum.matched, sum.gold),
    sourceAccuracy: ratio(sum.sourceRight, sum.sourceGold),
    moodAccuracy: ratio(sum.moodRight, sum.matched),
    // Of the matched events (right root) whose gold records them: the full code, the actor codes.
    fullCodeAccuracy: sum.codeGold ? ratio(sum.codeRight, sum.codeGold) : null,
    actorCodeAccuracy: sum.actorCodeGold ? ratio(sum.actorCodeRight, sum.actorCodeGold) : null,
  };
  console.log(`events dev: ${JSON.stringify(line)}`);
  assert.ok(line.recall >= 0.6, `dev event recall ${line.recall}`);
});
