/**
 * Quotes, events and frames across a workspace, each optionally limited to
 * a query's articles; and discovery of recurring phrases (candidate frames
 * such as "color revolution") shared across articles and outlets.
 */
import { createRequire } from 'node:module';
import type { EventMood, QuoteKind } from '../model.js';
import type { EventRow, EventSort, FrameTotals, QuoteRow, QuoteSort, Store } from '../store/store.js';
import { sample } from './keyness.js';
import { allIds, isoDay, select } from './select.js';
import { scanWords } from './words.js';

/** Articles of a query ('' or absent: every article, no filter). */
const within = (store: Store, query: string | undefined) => (query?.trim() ? select(store, query).ids : undefined);

/** An unknown entity name is the user's to fix. */
export class UnknownEntityError extends Error {}

/** The mention keys of an entity by name or alias; an unknown name is an error. */
export function keysOrFail(store: Store, name: string): string[] {
  const keys = store.keysNamed(name);
  if (!keys.length) throw new UnknownEntityError(`no entity named "${name}" (newslens entities lists them)`);
  return keys;
}

export interface QuoteQuery {
  by?: string;
  about?: string;
  kinds?: QuoteKind[];
  query?: string;
  minConfidence?: number;
  sort?: QuoteSort;
  limit: number;
  offset?: number;
}

export function listQuotes(store: Store, q: QuoteQuery): QuoteRow[] {
  return store.quotes({
    ...(q.by ? { speakerKeys: keysOrFail(store, q.by) } : {}),
    ...(q.about ? { aboutKeys: keysOrFail(store, q.about) } : {}),
    ...(q.kinds ? { kinds: q.kinds } : {}),
    ...(q.query?.trim() ? { within: within(store, q.query)! } : {}),
    ...(q.minConfidence !== undefined ? { minConfidence: q.minConfidence } : {}),
    ...(q.sort ? { sort: q.sort } : {}),
    limit: q.limit,
    offset: q.offset ?? 0,
  });
}

export interface EventQuery {
  actor?: string;
  role?: 'source' | 'target';
  code?: string;
  moods?: EventMood[];
  query?: string;
  minConfidence?: number;
  sort?: EventSort;
  limit: number;
  offset?: number;
}

export function listEvents(store: Store, q: EventQuery): EventRow[] {
  return store.events({
    ...(q.actor ? { actorKeys: keysOrFail(store, q.actor) } : {}),
    ...(q.role ? { role: q.role } : {}),
    ...(q.code ? { code: q.code } : {}),
    ...(q.moods ? { moods: q.moods } : {}),
    ...(q.query?.trim() ? { within: within(store, q.query)! } : {}),
    ...(q.minConfidence !== undefined ? { minConfidence: q.minConfidence } : {}),
    ...(q.sort ? { sort: q.sort } : {}),
    limit: q.limit,
    offset: q.offset ?? 0,
  });
}

export function frameReport(store: Store, query?: string): FrameTotals {
  return store.frameTotals(within(store, query));
}

export interface Phrase {
  phrase: string;
  articles: number;
  outlets: number;
  /** How bound its words are: articles with the phrase / articles with its rarest word. */
  cohesion: number;
  first: { article: number; published?: string | undefined; outlet?: string | undefined };
}

export interface PhraseOptions {
  query?: string;
  minArticles?: number;
  minOutlets?: number;
  limit?: number;
  maxArticles?: number;
}

const STOP = new Set((createRequire(import.meta.url)('stopword') as { eng: string[] }).eng);
const content = (w: string) => w.length > 1 && !STOP.has(w) && /\p{L}/u.test(w);
/** Phrases seen once are dropped every this many articles (lossy counting keeps memory bounded). */
const PRUNE_EVERY = 2000;

/**
 * Recurring phrases (2–4 words, not starting or ending with a stop word)
 * found in at least `minArticles` articles from `minOutlets` outlets,
 * ranked by outlets × log(articles) × cohesion, so set phrases ("color
 * revolution") rank above common word pairs ("last week").
 */
export function discoverPhrases(store: Store, o: PhraseOptions = {}): Phrase[] {
  const minArticles = o.minArticles ?? 3;
  const minOutlets = o.minOutlets ?? 2;
  const cols = store.columns();
  const ids = sample(within(store, o.query) ?? [...allIds(cols)], o.maxArticles ?? 20_000);
  const grams = new Map<string, { df: number; outlets: Set<number>; first: number; firstDay: number; seen: number }>();
  const wordDf = new Map<string, number>();
  let n = 0;
  for (const { id, text } of store.texts(ids)) {
    const outlet = cols.outlet[id] ?? -1;
    const day = cols.day[id] ?? NaN;
    const words = scanWords(text).map((w) => w.w);
    const here = new Set<string>();
    for (const w of new Set(words)) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
    for (let i = 0; i < words.length; i++) {
      if (!content(words[i]!)) continue;
      for (let len = 2; len <= 4 && i + len <= words.length; len++) {
        const last = words[i + len - 1]!;
        if (!content(last)) continue;
        here.add(words.slice(i, i + len).join(' '));
      }
    }
    for (const g of here) {
      let e = grams.get(g);
      if (!e) grams.set(g, (e = { df: 0, outlets: new Set(), first: id, firstDay: day, seen: n }));
      e.df++;
      if (outlet >= 0) e.outlets.add(outlet);
      if (day < e.firstDay || (Number.isNaN(e.firstDay) && !Number.isNaN(day))) [e.first, e.firstDay] = [id, day];
    }
    if (++n % PRUNE_EVERY === 0) for (const [g, e] of grams) if (e.df < 2 && e.seen < n - PRUNE_EVERY) grams.delete(g);
  }
  const out: Phrase[] = [];
  for (const [g, e] of grams) {
    if (e.df < minArticles || e.outlets.size < minOutlets) continue;
    const rarest = Math.min(...g.split(' ').filter(content).map((w) => wordDf.get(w) ?? e.df));
    const cohesion = e.df / rarest;
    const day = cols.day[e.first]!;
    const outlet = cols.outlet[e.first]!;
    out.push({
      phrase: g,
      articles: e.df,
      outlets: e.outlets.size,
      cohesion: +cohesion.toFixed(3),
      first: { article: e.first, published: Number.isNaN(day) ? undefined : isoDay(day), outlet: outlet >= 0 ? cols.outlets[outlet] : undefined },
    });
  }
  const score = (p: Phrase) => p.outlets * Math.log2(1 + p.articles) * p.cohesion;
  out.sort((a, b) => score(b) - score(a) || a.phrase.localeCompare(b.phrase));
  // A phrase inside a longer one found in as many articles adds nothing.
  const kept: Phrase[] = [];
  for (const p of out) {
    if (kept.some((k) => k.articles >= p.articles && ` ${k.phrase} `.includes(` ${p.phrase} `))) continue;
    kept.push(p);
    if (kept.length >= (o.limit ?? 30)) break;
  }
  return kept;
}
