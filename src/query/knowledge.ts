/**
 * Quotes, events and frames across a workspace, each optionally limited to
 * a query's articles; and discovery of recurring phrases (candidate frames
 * such as "color revolution") shared across articles and outlets.
 */
import type { EventMood, QuoteKind } from '../model.js';
import type { EventRow, EventSort, FrameTotals, QuoteRow, QuoteSort, Store } from '../store/store.js';
import { logLikelihood, sample, stopListOf } from './keyness.js';
import { everyArticle, isoDay, select } from './select.js';
import { eachWord } from './words.js';

/** Articles of a query ('' or absent: every article, no filter). */
const within = (store: Store, query: string | undefined) => (query?.trim() ? select(store, query).ids : undefined);

/** An unknown entity name is the user's to fix. */
export class UnknownEntityError extends Error {
  /** The error for a name or reference that names no entity. */
  static of(ref: string): UnknownEntityError {
    return new UnknownEntityError(`no entity named "${ref}" (newslens entities lists them)`);
  }
}

/** The mention keys of an entity by name or alias; an unknown name is an error. */
export function keysOrFail(store: Store, name: string): string[] {
  const keys = store.keysNamed(name);
  if (!keys.length) throw UnknownEntityError.of(name);
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

/** A CAMEO actor code or its start: three capital letters a part ("RUS", "RUSGOV", "IGOEUREEC"). */
export const isActorCode = (s: string) => /^(?:[A-Z]{3})+$/.test(s);

export function listEvents(store: Store, q: EventQuery): EventRow[] {
  // "--actor RUSGOV": a code, whatever entity shares its letters ("USA").
  const byCode = q.actor !== undefined && isActorCode(q.actor);
  return store.events({
    ...(q.actor && byCode ? { actorCode: q.actor } : {}),
    ...(q.actor && !byCode ? { actorKeys: keysOrFail(store, q.actor) } : {}),
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
  /**
   * Where it is most distinctive: the outlet (whole workspace) or the query's subcorpus, with the
   * log-likelihood (G², article counts) of its use there against the rest.
   */
  distinctive: { of: string; articles: number; logLikelihood: number };
  first: { article: number; published?: string | undefined; outlet?: string | undefined };
}

export interface PhraseOptions {
  query?: string;
  minArticles?: number;
  minOutlets?: number;
  limit?: number;
  maxArticles?: number;
}

/** Phrases seen once are dropped every this many articles (lossy counting keeps memory bounded). */
const PRUNE_EVERY = 500;
/** Phrase discovery reads at most this many articles a side, spread evenly (see PhraseOptions.maxArticles). */
export const PHRASE_SAMPLE = 3000;

const isUpper = (c: number) => (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase());

/**
 * Each article's candidate phrases (and, into `words`, the content words they
 * may start with): two to four words in a row, written in
 * lower case (a capitalised word mid-sentence is a name: "United States",
 * "New York" are entities, not frames), neither first nor last a stop word,
 * no word a number.
 */
function phrasesOf(text: string, stop: Set<string>, words = new Set<string>()): Set<string> {
  const list: Array<{ w: string; lower: boolean }> = [];
  eachWord(text, (w, start, end) => {
    // A word joined to the next or previous by "." or "/" is part of an address ("pic.twitter.com").
    const address = /[./@]\w/.test(text.slice(end, end + 2)) || /\w[./@]/.test(text.slice(Math.max(0, start - 2), start));
    list.push({ w, lower: !address && !isUpper(text.charCodeAt(start)) && !/^\d+$/.test(w) && w.length > 1 });
  });
  const out = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (!a.lower || stop.has(a.w)) continue;
    words.add(a.w);
    let gram = a.w;
    for (let len = 2; len <= 4 && i + len <= list.length; len++) {
      const b = list[i + len - 1]!;
      if (!b.lower) break;
      gram += ' ' + b.w;
      if (!stop.has(b.w)) out.add(gram);
    }
  }
  return out;
}

/**
 * Recurring framing phrases: multi-word expressions found in at least
 * `minArticles` articles from `minOutlets` outlets, ranked by how
 * distinctive they are — of the query's articles against the rest when a
 * query is given, else of the outlet that uses them most against all
 * others (G² on article counts) — times their cohesion, so set phrases
 * ("color revolution", "maximum pressure") rank above phrases every outlet
 * writes ("last week"). Names and function-word runs are no candidates
 * (see phrasesOf). Reads a sample of at most PHRASE_SAMPLE articles a side.
 */
export function discoverPhrases(store: Store, o: PhraseOptions = {}): Phrase[] {
  const minArticles = o.minArticles ?? 3;
  const minOutlets = o.minOutlets ?? 2;
  const max = o.maxArticles ?? PHRASE_SAMPLE;
  const cols = store.columns();
  const stopOf = stopListOf(store, false);
  const target = within(store, o.query);
  const ids = sample(target ?? everyArticle(cols), max);
  // Per phrase: articles, the outlet of the first (and, once a second outlet uses it, counts by outlet).
  const grams = new Map<string, { df: number; outlet: number; byOutlet?: Map<number, number>; first: number; firstDay: number; seen: number }>();
  const wordDf = new Map<string, number>();
  const outletArticles = new Map<number, number>();
  let n = 0;
  for (const { id, text } of store.texts(ids)) {
    const outlet = cols.outlet[id] ?? -1;
    outletArticles.set(outlet, (outletArticles.get(outlet) ?? 0) + 1);
    const day = cols.day[id] ?? NaN;
    const words = new Set<string>();
    const here = phrasesOf(text, stopOf(id) ?? new Set(), words);
    for (const w of words) wordDf.set(w, (wordDf.get(w) ?? 0) + 1);
    for (const g of here) {
      let e = grams.get(g);
      if (!e) grams.set(g, (e = { df: 0, outlet, first: id, firstDay: day, seen: n }));
      e.df++;
      if (e.byOutlet) e.byOutlet.set(outlet, (e.byOutlet.get(outlet) ?? 0) + 1);
      else if (e.outlet !== outlet) e.byOutlet = new Map([[e.outlet, e.df - 1], [outlet, 1]]);
      if (day < e.firstDay || (Number.isNaN(e.firstDay) && !Number.isNaN(day))) [e.first, e.firstDay] = [id, day];
    }
    if (++n % PRUNE_EVERY === 0) for (const [g, e] of grams) if (e.df < 2 && e.seen < n - PRUNE_EVERY) grams.delete(g);
  }
  const outletsOf = (e: { df: number; outlet: number; byOutlet?: Map<number, number> }) => e.byOutlet ?? new Map([[e.outlet, e.df]]);
  const kept = [...grams].filter(([, e]) => e.df >= minArticles && [...outletsOf(e).keys()].filter((x) => x >= 0).length >= minOutlets);
  // Against the rest: with a query, the articles it does not match (a sample), counted for the kept phrases only.
  let rest: { df: Map<string, number>; articles: number } | undefined;
  if (target) {
    const inTarget = new Set(ids);
    const others = sample(everyArticle(cols).filter((id) => !inTarget.has(id)), max);
    const df = new Map<string, number>();
    const wanted = new Set(kept.map(([g]) => g));
    for (const { id, text } of store.texts(others)) for (const g of phrasesOf(text, stopOf(id) ?? new Set())) if (wanted.has(g)) df.set(g, (df.get(g) ?? 0) + 1);
    rest = { df, articles: others.length };
  }
  const out: Array<Phrase & { score: number }> = [];
  for (const [g, e] of kept) {
    const rarest = Math.min(...g.split(' ').filter((w) => wordDf.has(w)).map((w) => wordDf.get(w)!));
    const cohesion = e.df / rarest;
    let distinctive: Phrase['distinctive'];
    if (rest) {
      const b = rest.df.get(g) ?? 0;
      const ll = e.df / n > b / Math.max(1, rest.articles) ? logLikelihood(e.df, b, n, Math.max(1, rest.articles)) : 0;
      distinctive = { of: o.query!, articles: e.df, logLikelihood: +ll.toFixed(1) };
    } else {
      distinctive = { of: '', articles: 0, logLikelihood: 0 };
      for (const [outlet, k] of outletsOf(e)) {
        if (outlet < 0) continue;
        const size = outletArticles.get(outlet)!;
        if (k / size <= (e.df - k) / Math.max(1, n - size)) continue;
        const ll = logLikelihood(k, e.df - k, size, Math.max(1, n - size));
        if (ll > distinctive.logLikelihood) distinctive = { of: cols.outlets[outlet]!, articles: k, logLikelihood: +ll.toFixed(1) };
      }
    }
    const day = cols.day[e.first]!;
    const outlet = cols.outlet[e.first]!;
    out.push({
      phrase: g,
      articles: e.df,
      outlets: [...outletsOf(e).keys()].filter((x) => x >= 0).length,
      cohesion: +cohesion.toFixed(3),
      distinctive,
      first: { article: e.first, published: Number.isNaN(day) ? undefined : isoDay(day), outlet: outlet >= 0 ? cols.outlets[outlet] : undefined },
      score: distinctive.logLikelihood * cohesion,
    });
  }
  out.sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase));
  // Overlapping pieces of one expression ("image toggle", "toggle caption", "image toggle caption")
  // found in nearly the same articles are one phrase: the first shown stands for them.
  const shown: Phrase[] = [];
  const overlap = (a: string, b: string) => {
    const x = a.split(' ');
    const y = b.split(' ');
    for (let k = 1; k <= Math.min(x.length, y.length); k++) if (x.slice(-k).join(' ') === y.slice(0, k).join(' ') || y.slice(-k).join(' ') === x.slice(0, k).join(' ')) return true;
    return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
  };
  for (const { score: _, ...p } of out) {
    if (shown.some((k) => Math.min(k.articles, p.articles) >= 0.9 * Math.max(k.articles, p.articles) && overlap(k.phrase, p.phrase))) continue;
    shown.push(p);
    if (shown.length >= (o.limit ?? 30)) break;
  }
  return shown;
}
