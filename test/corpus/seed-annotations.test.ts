/**
 * Entities and figures of the two seeds against our gold annotation
 * (test/corpus/gold/seeds.json). Figures must all be right; entities are
 * scored, and the figures are recorded in bench/RESULTS.md.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runJson, tempDir } from '../helpers.js';
import { SEEDS } from './shared.js';

interface GoldFigure {
  text: string;
  kind: string;
  value: number | string;
  max?: number | string;
  unit?: string;
  item?: string;
  qualifier?: string;
}
interface GoldQuote {
  kind: string;
  text?: string;
  cue?: string;
  context?: string;
  speaker?: string;
}
interface GoldEvent {
  trigger: string;
  context: string;
  root: string;
  source: string[] | null;
  mood: string;
}
interface Gold {
  entities: Array<[string, string]>;
  misc: Array<[string, string]>;
  figures: GoldFigure[];
  quotes: GoldQuote[];
  events: GoldEvent[];
  canonical: Record<string, string>;
}
interface ShownQuote {
  kind: string;
  text: string;
  cue?: string;
  speaker?: string;
}
interface ShownEvent {
  root: string;
  trigger: string;
  sentence: string;
  mood: string;
  source?: { name: string };
}
interface Shown {
  mentions: Array<{ type: string; text: string; entityId?: string }>;
  figures: Array<GoldFigure & { value: number | string | null }>;
  quotes: ShownQuote[];
  events: ShownEvent[];
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
    const a = shown(file);
    const found = new Set(a.mentions.map((m) => `${m.type}\t${m.text}`));
    const want = gold[file]!.entities;
    const missed = want.filter(([t, n]) => !found.has(`${t}\t${n}`));
    const byType = (type: string) => {
      const all = want.filter(([t]) => t === type);
      return `${type} ${all.length - missed.filter(([t]) => t === type).length}/${all.length}`;
    };
    console.log(`${file}: ${byType('PER')}, ${byType('ORG')}, ${byType('LOC')}; missed: ${missed.map(([t, n]) => `${n} (${t})`).join(', ') || 'none'}`);
    // Every person and place; organisations, two known misses at most (see bench/RESULTS.md).
    assert.deepEqual(missed.filter(([t]) => t !== 'ORG'), []);
    assert.ok(missed.length <= 2, `missed ${missed.length}`);
  });
}

const pct = (a: number, b: number) => (b ? +(a / b).toFixed(3) : 1);
/** Totals over both seeds, printed for bench/RESULTS.md. */
const totals = { quotes: { gold: 0, found: 0, matched: 0, speakerRight: 0 }, events: { gold: 0, found: 0, matched: 0, sourceGold: 0, sourceRight: 0, moodRight: 0 }, canonical: { gold: 0, right: 0 } };

/** The system's quote that answers a gold one: same kind and words (quotations), verb (indirect) or speaker (segments). */
function quoteMatch(g: GoldQuote, q: ShownQuote): boolean {
  if (g.kind !== q.kind) return false;
  if (g.kind === 'segment') return q.speaker === g.speaker;
  if (g.kind === 'indirect') return q.cue === g.cue && (!g.context || q.text.includes(g.context));
  return q.text.trim() === g.text;
}

for (const file of Object.keys(gold).filter((k) => k !== 'about')) {
  test(`${file}: every quote found and attributed to the right speaker`, () => {
    const a = shown(file);
    const g = gold[file]!.quotes;
    const used = new Set<number>();
    const wrong: string[] = [];
    let matched = 0;
    for (const want of g) {
      const i = a.quotes.findIndex((q, k) => !used.has(k) && quoteMatch(want, q));
      if (i < 0) {
        wrong.push(`missed ${want.kind} ${want.text ?? want.cue ?? want.speaker}`);
        continue;
      }
      used.add(i);
      matched++;
      if ((a.quotes[i]!.speaker ?? undefined) !== want.speaker) wrong.push(`"${want.text ?? want.cue}" attributed to ${a.quotes[i]!.speaker ?? 'no one'}, not ${want.speaker ?? 'no one'}`);
    }
    const t = totals.quotes;
    t.gold += g.length;
    t.found += a.quotes.length;
    t.matched += matched;
    t.speakerRight += matched - wrong.filter((w) => w.includes('attributed')).length;
    const extra = a.quotes.filter((_, k) => !used.has(k)).map((q) => `${q.kind} "${q.text.slice(0, 40)}"`);
    console.log(`${file} quotes: gold ${g.length}, found ${a.quotes.length}, matched ${matched}; not in gold: ${extra.join(' | ') || 'none'}`);
    // The issue's target: every quote attributed to the right speaker.
    assert.deepEqual(wrong, []);
  });

  test(`${file}: events against the gold (precision and recall recorded)`, () => {
    const a = shown(file);
    const g = gold[file]!.events;
    const used = new Set<number>();
    const t = totals.events;
    const missed: string[] = [];
    for (const want of g) {
      const i = a.events.findIndex((e, k) => !used.has(k) && e.trigger === want.trigger && e.sentence.includes(want.context) && e.root === want.root);
      if (i < 0) {
        missed.push(`${want.root} ${want.trigger} (${want.context})`);
        continue;
      }
      used.add(i);
      t.matched++;
      const e = a.events[i]!;
      if (want.source) {
        t.sourceGold++;
        if (e.source && want.source.includes(e.source.name)) t.sourceRight++;
      }
      if (e.mood === want.mood) t.moodRight++;
    }
    t.gold += g.length;
    t.found += a.events.length;
    const extra = a.events.filter((_, k) => !used.has(k)).map((e) => `${e.root} ${e.trigger}`);
    console.log(`${file} events: gold ${g.length}, found ${a.events.length}; missed: ${missed.join(', ') || 'none'}; not in gold: ${extra.join(', ') || 'none'}`);
    assert.ok(g.length - missed.length >= g.length * 0.6, `recall under 0.6: missed ${missed.join(', ')}`);
  });

  test(`${file}: names resolved to their canonical entity`, () => {
    const a = shown(file);
    const wrong: string[] = [];
    for (const [surface, name] of Object.entries(gold[file]!.canonical)) {
      totals.canonical.gold++;
      const ms = a.mentions.filter((m) => m.text === surface);
      if (ms.length && ms.every((m) => m.entityId?.slice(m.entityId.indexOf('|') + 1) === name)) totals.canonical.right++;
      else wrong.push(`${surface} → ${ms.map((m) => m.entityId).join(', ') || 'not found'}`);
    }
    assert.deepEqual(wrong, []);
  });
}

test('seeds: precision and recall per kind', () => {
  const q = totals.quotes;
  const e = totals.events;
  const line = {
    quotes: { precision: pct(q.matched, q.found), recall: pct(q.matched, q.gold), speakerAccuracy: pct(q.speakerRight, q.matched) },
    events: { precision: pct(e.matched, e.found), recall: pct(e.matched, e.gold), sourceAccuracy: pct(e.sourceRight, e.sourceGold), moodAccuracy: pct(e.moodRight, e.matched) },
    canonical: { accuracy: pct(totals.canonical.right, totals.canonical.gold) },
  };
  console.log(`seeds per kind: ${JSON.stringify(line)}`);
  assert.ok(line.events.precision >= 0.6, `event precision ${line.events.precision}`);
});
