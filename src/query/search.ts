/**
 * Ranked search with facets: one function shared by the CLI and, later, the
 * HTTP API and web UI.
 */
import { CAMEO_ROOTS } from '../nlp/cameo.js';
import type { ArticleColumns, Multi, Store } from '../store/store.js';
import { topOf } from '../store/facet-columns.js';
import { topK } from '../store/top.js';
import { nearDuplicateGroups, signature } from '../stories/minhash.js';
import { positiveTerms } from './language.js';
import { select, type Selection } from './select.js';
import { snippetOf } from './snippet.js';

export const FACETS = ['outlet', 'author', 'category', 'month', 'language', 'entity', 'event', 'frame'] as const;
export type FacetName = (typeof FACETS)[number];
export type SortOrder = 'relevance' | 'newest' | 'oldest';
export const SORTS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

export interface SearchOptions {
  limit?: number;
  offset?: number;
  sort?: SortOrder;
  /** Which facets to count (default all); [] for none. */
  facets?: readonly FacetName[];
  /** Values per facet (default 10). */
  facetLimit?: number;
  /** Snippet length in words (default 24). */
  snippetWords?: number;
  /** Fold the page's near-duplicates (MinHash Jaccard ≥ 0.7, as stories mark them) into the first of each set. */
  collapse?: boolean;
}

export interface FacetValue {
  value: string;
  count: number;
  /** For entity facets: the entity type. */
  type?: string;
  /** For event facets (value: the CAMEO root code): the root's name. */
  label?: string;
}

export interface SearchHit {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
  language?: string;
  /** Relevance (BM25, higher is better); absent for queries without words. */
  score?: number;
  snippet: string;
  /** [start, end) of the matched words in `snippet`. */
  highlights: Array<[number, number]>;
  /** With `collapse`: the near-duplicates of this hit on the page, folded into it. */
  duplicates?: Array<{ id: number; outlet?: string }>;
}

export interface SearchResult {
  query: string;
  total: number;
  offset: number;
  sort: SortOrder;
  hits: SearchHit[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
  ms: number;
}

export function search(store: Store, query: string, opts: SearchOptions = {}): SearchResult {
  const t0 = performance.now();
  const limit = opts.limit ?? 20;
  const offset = opts.offset ?? 0;
  const sel = select(store, query);
  const sort: SortOrder = opts.sort ?? (sel.fts ? 'relevance' : 'newest');
  const page = pageOf(store, sel, sort, offset, limit);
  const patterns = positiveTerms(sel.parsed.text);
  const rows = Array.from(store.texts(page.map((r) => r.id)));
  const texts = new Map(rows.map((t) => [t.id, t.text]));
  const scoreById = new Map(page.map((r) => [r.id, r.score]));
  const hits = rows.map((s) => {
    const sn = snippetOf(s.text, patterns, opts.snippetWords ?? 24);
    const h: SearchHit = { id: s.id, title: s.title, snippet: sn.text, highlights: sn.highlights };
    if (s.outlet !== undefined) h.outlet = s.outlet;
    if (s.published !== undefined) h.published = s.published;
    if (s.language !== undefined) h.language = s.language;
    const score = scoreById.get(s.id);
    if (score !== undefined) h.score = Math.round(score * 1000) / 1000;
    return h;
  });
  const facets = countFacets(store, sel, opts.facets ?? FACETS, opts.facetLimit ?? 10);
  const shown = opts.collapse ? collapseDuplicates(hits, texts) : hits;
  return { query, total: sel.ids.length, offset, sort, hits: shown, facets, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

/**
 * The page with each set of near-duplicates (syndicated copies of one text) shown once, at its
 * best-placed member. Only the page's own hits are compared: folding across the whole result
 * would mean hashing every match, which a search page cannot afford on a large corpus.
 */
function collapseDuplicates(hits: SearchHit[], texts: Map<number, string>): SearchHit[] {
  const groups = nearDuplicateGroups(hits.map((h) => signature(texts.get(h.id) ?? '')));
  const folded = new Set<number>();
  for (const g of groups) {
    const [first, ...rest] = [...g].sort((a, b) => a - b);
    hits[first!]!.duplicates = rest.map((i) => ({ id: hits[i]!.id, ...(hits[i]!.outlet !== undefined ? { outlet: hits[i]!.outlet } : {}) }));
    for (const i of rest) folded.add(i);
  }
  return hits.filter((_, i) => !folded.has(i));
}

/** One page of hits in the requested order, with relevance when ranked. */
function pageOf(store: Store, sel: Selection, sort: SortOrder, offset: number, limit: number): Array<{ id: number; score?: number }> {
  const k = offset + limit;
  if (sort === 'relevance' && sel.parsed.text) return store.rank(sel.parsed.text, k, sel.filtered ? sel.ids : undefined).slice(offset);
  const { ids, columns } = sel;
  const sign = sort === 'oldest' ? -1 : 1;
  // Undated articles come last either way; ties go to the lower id.
  const day = (i: number) => columns.day[ids[i]!]!;
  const better = (a: number, b: number) => {
    const da = day(a);
    const db = day(b);
    if (Number.isNaN(da) !== Number.isNaN(db)) return Number.isNaN(db);
    if (da !== db && !Number.isNaN(da)) return sign * (da - db) > 0;
    return ids[a]! < ids[b]!;
  };
  return topK(ids.length, k, better).slice(offset).map((i) => ({ id: ids[i]! }));
}

function countFacets(store: Store, sel: Selection, which: readonly FacetName[], limit: number): Partial<Record<FacetName, FacetValue[]>> {
  const out: Partial<Record<FacetName, FacetValue[]>> = {};
  const { ids, columns } = sel;
  for (const f of which) {
    if (f === 'outlet') out.outlet = countSingle(ids, columns.outlet, columns.outlets, limit);
    else if (f === 'language') out.language = countSingle(ids, columns.language, columns.languages, limit);
    else if (f === 'author') out.author = countMulti(ids, columns.authors, limit);
    else if (f === 'category') out.category = countMulti(ids, columns.categories, limit);
    else if (f === 'month') out.month = countMonths(ids, columns);
    else if (f === 'entity') out.entity = store.entityCounts(ids, limit).map((e) => ({ value: e.key, type: e.type, count: e.count }));
    else if (f === 'event') out.event = store.annotationCounts('event', ids, limit).map((e) => ({ value: e.key, label: CAMEO_ROOTS[e.key]?.name ?? '', count: e.count }));
    else if (f === 'frame') out.frame = store.annotationCounts('frame', ids, limit).map((e) => ({ value: e.key, count: e.count }));
  }
  return out;
}

/** The most frequent values, most first, ties by name. */
function top(counts: Int32Array, names: string[], limit: number): FacetValue[] {
  const byName = (a: number, b: number) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0);
  return topOf(counts, limit, byName).map((code) => ({ value: names[code]!, count: counts[code]! }));
}

function countSingle(ids: Int32Array, column: Int32Array, names: string[], limit: number): FacetValue[] {
  const counts = new Int32Array(names.length);
  for (let i = 0; i < ids.length; i++) {
    const c = column[ids[i]!]!;
    if (c >= 0) counts[c]!++;
  }
  return top(counts, names, limit);
}

function countMulti(ids: Int32Array, m: Multi, limit: number): FacetValue[] {
  const counts = new Int32Array(m.names.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    for (let j = m.start[id]!; j < m.start[id + 1]!; j++) counts[m.values[j]!]!++;
  }
  return top(counts, m.names, limit);
}

/** Every month with matches, in calendar order (a timeline, not a top list). */
function countMonths(ids: Int32Array, columns: ArticleColumns): FacetValue[] {
  const counts = new Int32Array(columns.months.length);
  for (let i = 0; i < ids.length; i++) {
    const m = columns.month[ids[i]!]!;
    if (m >= 0) counts[m]!++;
  }
  const out: FacetValue[] = [];
  counts.forEach((count, m) => count && out.push({ value: columns.months[m]!, count }));
  return out.sort((a, b) => (a.value < b.value ? -1 : 1));
}
