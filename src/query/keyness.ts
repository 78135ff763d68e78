/**
 * Keyness: the words (or two-word phrases) distinctive of one subcorpus
 * against another, by log-likelihood (G², Rayson & Garside 2000) with Log
 * Ratio (Hardie 2014) as the effect size. Collocations of a term with log-Dice
 * (Rychlý 2008), MI and t-score. Both count the words search matches.
 */
import type { Store } from '../store/store.js';
import { nodePatterns } from './kwic.js';
import { positiveTerms } from './language.js';
import { attributeOf, everyArticle, select } from './select.js';
import { stopwords } from './stopwords.js';
import { describePatterns, occurrences, scanWords, type Word } from './words.js';

/** Counting reads at most this many articles a side by default; more are sampled evenly. */
export const DEFAULT_MAX_ARTICLES = 20_000;

/** Up to `max` ids spread evenly over the list (every k-th), so a sample covers the whole period. */
export function sample(ids: ArrayLike<number>, max: number): number[] {
  const n = ids.length;
  if (n <= max) return Array.from(ids as ArrayLike<number>);
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(ids[Math.floor((i * n) / max)]!);
  return out;
}

/** Words worth counting: two or more characters, at least one a letter. */
const countable = (w: string) => w.length > 1 && /\p{L}/u.test(w);

export interface Counts {
  freq: Map<string, number>;
  docs: Map<string, number>;
  tokens: number;
  articles: number;
}

/** Each article's stop list (by its language), or none when stop words are kept. */
export function stopListOf(store: Store, keep: boolean | undefined): (id: number) => Set<string> | undefined {
  if (keep) return () => undefined;
  const cols = store.columns();
  return (id) => stopwords(cols.languages[cols.language[id] ?? -1]);
}

/**
 * Word (or word pair) counts of the articles. Stop words are counted among
 * the tokens (frequencies stay per million running words) but are never
 * terms, nor part of a pair.
 */
function count(store: Store, ids: number[], ngram: 1 | 2, stopOf: (id: number) => Set<string> | undefined): Counts {
  const c: Counts = { freq: new Map(), docs: new Map(), tokens: 0, articles: ids.length };
  for (const { id, text } of store.texts(ids)) {
    const ws = scanWords(text).filter((x) => countable(x.w));
    const stop = stopOf(id);
    const seen = new Set<string>();
    for (let i = 0; i + ngram <= ws.length; i++) {
      c.tokens++;
      if (stop && (stop.has(ws[i]!.w) || (ngram === 2 && stop.has(ws[i + 1]!.w)))) continue;
      const key = ngram === 1 ? ws[i]!.w : `${ws[i]!.w} ${ws[i + 1]!.w}`;
      c.freq.set(key, (c.freq.get(key) ?? 0) + 1);
      seen.add(key);
    }
    for (const k of seen) c.docs.set(k, (c.docs.get(k) ?? 0) + 1);
  }
  return c;
}

/** G² for a word seen a times in c tokens against b times in d tokens. */
export function logLikelihood(a: number, b: number, c: number, d: number): number {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  return 2 * ((a ? a * Math.log(a / e1) : 0) + (b ? b * Math.log(b / e2) : 0));
}

/** Binary log of the ratio of relative frequencies; a zero count is taken as 0.5. */
export function logRatio(a: number, b: number, c: number, d: number): number {
  return Math.log2(((a || 0.5) / c) / ((b || 0.5) / d));
}

export interface KeyTerm {
  term: string;
  target: number;
  reference: number;
  /** Articles of the target that use it. */
  targetArticles: number;
  /** Per million words. */
  targetPerMillion: number;
  referencePerMillion: number;
  logLikelihood: number;
  logRatio: number;
}

export interface KeynessOptions {
  /** The reference query; default: every article the target does not match. */
  reference?: string;
  ngram?: 1 | 2;
  limit?: number;
  /** Minimum occurrences in the target (default 5). */
  minFreq?: number;
  /** Minimum target articles using the term (default 2), so one article's pet word does not lead. */
  minArticles?: number;
  /** Minimum G² (default 3.84, p < 0.05 with one degree of freedom). */
  minLL?: number;
  maxArticles?: number;
  /** Count stop words as terms too (default: left out). */
  keepStopwords?: boolean;
}

export interface KeynessResult {
  target: { query: string; articles: number; counted: number; tokens: number };
  reference: { query: string; articles: number; counted: number; tokens: number };
  /** Over-represented in the target, strongest first. */
  key: KeyTerm[];
  /** Under-represented in the target (over-represented in the reference). */
  negative: KeyTerm[];
}

export function keyness(store: Store, target: string, opts: KeynessOptions = {}): KeynessResult {
  const t = select(store, target);
  let refIds: ArrayLike<number>;
  if (opts.reference !== undefined) refIds = select(store, opts.reference).ids;
  else {
    const inTarget = new Set(t.ids);
    refIds = everyArticle(t.columns).filter((id) => !inTarget.has(id));
  }
  const r = keynessOf(store, t.ids, refIds, opts);
  return {
    target: { query: target, articles: t.ids.length, counted: r.targetCounts.articles, tokens: r.targetCounts.tokens },
    reference: { query: opts.reference ?? `everything but: ${target}`, articles: refIds.length, counted: r.referenceCounts.articles, tokens: r.referenceCounts.tokens },
    key: r.key,
    negative: r.negative,
  };
}

export interface KeynessByGroup {
  /** The attribute value. */
  value: string;
  articles: number;
  key: KeyTerm[];
  negative: KeyTerm[];
}

/**
 * Keyness per value of an outlet attribute: the query's articles from
 * outlets with each value against its articles from outlets with the others
 * ("left" against "center" and "right").
 */
export function keynessBy(store: Store, query: string, attribute: string, opts: KeynessOptions = {}): { query: string; by: string; groups: KeynessByGroup[] } {
  const sel = select(store, query);
  const valueOf = attributeOf(store, attribute);
  const groups = new Map<string, number[]>();
  for (const id of sel.ids) {
    const v = valueOf.get(sel.columns.outlets[sel.columns.outlet[id] ?? -1] ?? '');
    if (v !== undefined) (groups.get(v) ?? groups.set(v, []).get(v)!).push(id);
  }
  const out: KeynessByGroup[] = [];
  for (const [value, ids] of [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
    const rest = [...groups].filter(([v]) => v !== value).flatMap(([, x]) => x);
    const r = keynessOf(store, ids, rest, opts);
    out.push({ value, articles: ids.length, key: r.key, negative: r.negative });
  }
  return { query, by: attribute, groups: out };
}

/** Keyness of one set of articles against another. */
export function keynessOf(
  store: Store,
  targetIds: ArrayLike<number>,
  refIds: ArrayLike<number>,
  opts: KeynessOptions = {},
): { key: KeyTerm[]; negative: KeyTerm[]; targetCounts: Counts; referenceCounts: Counts } {
  const max = opts.maxArticles ?? DEFAULT_MAX_ARTICLES;
  const ngram = opts.ngram ?? 1;
  const stopOf = stopListOf(store, opts.keepStopwords);
  const tc = count(store, sample(targetIds, max), ngram, stopOf);
  const rc = count(store, sample(refIds, max), ngram, stopOf);
  const minFreq = opts.minFreq ?? 5;
  const minArticles = opts.minArticles ?? 2;
  const minLL = opts.minLL ?? 3.84;
  const key: KeyTerm[] = [];
  const negative: KeyTerm[] = [];
  const c = Math.max(1, tc.tokens);
  const d = Math.max(1, rc.tokens);
  const consider = (term: string) => {
    const a = tc.freq.get(term) ?? 0;
    const b = rc.freq.get(term) ?? 0;
    const ll = logLikelihood(a, b, c, d);
    if (ll < minLL) return;
    const k: KeyTerm = {
      term,
      target: a,
      reference: b,
      targetArticles: tc.docs.get(term) ?? 0,
      targetPerMillion: Math.round((a / c) * 1e7) / 10,
      referencePerMillion: Math.round((b / d) * 1e7) / 10,
      logLikelihood: Math.round(ll * 100) / 100,
      logRatio: Math.round(logRatio(a, b, c, d) * 100) / 100,
    };
    if (a / c > b / d) {
      if (a >= minFreq && k.targetArticles >= minArticles) key.push(k);
    } else if (b >= minFreq && (rc.docs.get(term) ?? 0) >= minArticles) negative.push(k);
  };
  for (const term of tc.freq.keys()) consider(term);
  for (const term of rc.freq.keys()) if (!tc.freq.has(term)) consider(term);
  const limit = opts.limit ?? 50;
  const byLL = (x: KeyTerm, y: KeyTerm) => y.logLikelihood - x.logLikelihood || (x.term < y.term ? -1 : 1);
  return { key: key.sort(byLL).slice(0, limit), negative: negative.sort(byLL).slice(0, limit), targetCounts: tc, referenceCounts: rc };
}

// ---- collocations -----------------------------------------------------------

export type Measure = 'logdice' | 'mi' | 'tscore';
export const MEASURES: readonly Measure[] = ['logdice', 'mi', 'tscore'];

export interface Collocate {
  term: string;
  /** Co-occurrences within the window, and how many of them fall left / right of the node. */
  together: number;
  left: number;
  right: number;
  /** The collocate's frequency in the subcorpus. */
  frequency: number;
  logDice: number;
  mi: number;
  tScore: number;
}

export interface CollocatesOptions {
  term?: string;
  /** Words each side (default 5). */
  window?: number;
  /** Minimum co-occurrences (default 3). */
  minFreq?: number;
  measure?: Measure;
  limit?: number;
  maxArticles?: number;
  /** Let stop words be collocates too (default: left out). */
  keepStopwords?: boolean;
}

export interface CollocatesResult {
  query: string;
  term: string;
  articles: number;
  counted: number;
  tokens: number;
  nodeFrequency: number;
  collocates: Collocate[];
}

export function collocates(store: Store, query: string, opts: CollocatesOptions = {}): CollocatesResult {
  const sel = select(store, query);
  const patterns = nodePatterns(query, opts.term, positiveTerms(sel.parsed.text));
  const window = opts.window ?? 5;
  const ids = sample(sel.ids, opts.maxArticles ?? DEFAULT_MAX_ARTICLES);
  const freq = new Map<string, number>();
  const together = new Map<string, { left: number; right: number }>();
  let tokens = 0;
  let node = 0;
  const stopOf = stopListOf(store, opts.keepStopwords);
  for (const { id, text } of store.texts(ids)) {
    const ws: Word[] = scanWords(text).filter((x) => countable(x.w));
    const stop = stopOf(id);
    tokens += ws.length;
    for (const x of ws) freq.set(x.w, (freq.get(x.w) ?? 0) + 1);
    const occ = occurrences(ws, patterns);
    node += occ.length;
    // A word near two occurrences of the node is one co-occurrence, not two: counts can then
    // never exceed the word's frequency.
    const taken = new Set<number>();
    for (const [f, l] of occ) for (let i = f; i <= l; i++) taken.add(i);
    for (const [f, l] of occ) {
      for (let i = Math.max(0, f - window); i <= Math.min(ws.length - 1, l + window); i++) {
        if (taken.has(i)) continue;
        taken.add(i);
        const w = ws[i]!.w;
        if (stop?.has(w)) continue;
        let t = together.get(w);
        if (!t) together.set(w, (t = { left: 0, right: 0 }));
        if (i < f) t.left++;
        else t.right++;
      }
    }
  }
  const span = 2 * window;
  const minFreq = opts.minFreq ?? 3;
  const list: Collocate[] = [];
  for (const [term, t] of together) {
    const fnc = t.left + t.right;
    if (fnc < minFreq) continue;
    const fc = freq.get(term) ?? fnc;
    const expected = (node * fc * span) / Math.max(1, tokens);
    list.push({
      term,
      together: fnc,
      left: t.left,
      right: t.right,
      frequency: fc,
      logDice: round2(14 + Math.log2((2 * fnc) / (node + fc))),
      mi: round2(Math.log2(fnc / expected)),
      tScore: round2((fnc - expected) / Math.sqrt(fnc)),
    });
  }
  const measure = opts.measure ?? 'logdice';
  const key = measure === 'logdice' ? 'logDice' : measure === 'mi' ? 'mi' : 'tScore';
  list.sort((a, b) => b[key] - a[key] || b.together - a.together || (a.term < b.term ? -1 : 1));
  return {
    query,
    term: opts.term ?? describePatterns(patterns),
    articles: sel.ids.length,
    counted: ids.length,
    tokens,
    nodeFrequency: node,
    collocates: list.slice(0, opts.limit ?? 30),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
