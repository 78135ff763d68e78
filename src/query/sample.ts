/**
 * Random samples for manual validation: a reproducible draw (seeded) of a
 * query's articles, quotes or events, each row with an empty `verdict` for
 * the coder. The draw is a seeded Fisher–Yates shuffle of the candidates'
 * ids, so the same seed on the same workspace gives the same sample.
 */
import { rng } from '../random.js';
import type { Store } from '../store/store.js';
import { listEvents, listQuotes } from './knowledge.js';
import { select } from './select.js';

export type SampleKind = 'articles' | 'quotes' | 'events';
export const SAMPLE_KINDS: readonly SampleKind[] = ['articles', 'quotes', 'events'];

/** Quotes and events are drawn from at most this many (the newest first) matching the query. */
const POOL_LIMIT = 200_000;

/** `n` of `items`, drawn without replacement by a seeded shuffle, in the drawn order. */
export function draw<T>(items: T[], n: number, seed: number): T[] {
  const a = [...items];
  const next = rng(seed);
  const k = Math.min(n, a.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

export interface SampleResult {
  kind: SampleKind;
  query: string;
  seed: number;
  /** How many there were to draw from. */
  population: number;
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
}

export function sample(store: Store, kind: SampleKind, query: string, n: number, seed: number): SampleResult {
  if (kind === 'articles') {
    const ids = Array.from(select(store, query).ids);
    const rows = store.summaries(draw(ids, n, seed)).map((a) => ({ article: a.id, published: a.published ?? null, outlet: a.outlet ?? null, title: a.title, verdict: '' }));
    return { kind, query, seed, population: ids.length, columns: ['article', 'published', 'outlet', 'title', 'verdict'], rows };
  }
  if (kind === 'quotes') {
    const all = listQuotes(store, { query, limit: POOL_LIMIT });
    const rows = draw(all, n, seed).map((q) => ({ article: q.article, published: q.published ?? null, outlet: q.outlet ?? null, kind: q.kind, speaker: q.speaker ?? null, cue: q.cue ?? null, confidence: q.confidence ?? null, text: q.text, verdict: '' }));
    return { kind, query, seed, population: all.length, columns: ['article', 'published', 'outlet', 'kind', 'speaker', 'cue', 'confidence', 'text', 'verdict'], rows };
  }
  const all = listEvents(store, { query, limit: POOL_LIMIT });
  const rows = draw(all, n, seed).map((e) => ({
    article: e.article,
    published: e.published ?? null,
    outlet: e.outlet ?? null,
    code: e.code,
    source: e.source?.name ?? null,
    target: e.target?.name ?? null,
    trigger: e.trigger,
    mood: e.mood,
    confidence: e.confidence,
    sentence: e.sentence,
    verdict: '',
  }));
  return { kind, query, seed, population: all.length, columns: ['article', 'published', 'outlet', 'code', 'source', 'target', 'trigger', 'mood', 'confidence', 'sentence', 'verdict'], rows };
}
