/**
 * A query's subcorpus: the ids of the articles it matches. Every analysis (search, kwic, trends, keyness,
 * networks, stories, compare) starts here, so they all read a query alike.
 */
import type { ArticleColumns, Store } from '../store/store.js';
import { parseQuery, QueryError, toFts, type ParsedQuery } from './language.js';
import { ParamError } from './param-error.js';

export interface Selection {
  query: string;
  parsed: ParsedQuery;
  /** The FTS5 expression, when the query has words. */
  fts?: string;
  /** Ascending. */
  ids: Int32Array;
  /** Whether structured filters (dates, entities) removed some of the text matches. */
  filtered: boolean;
  columns: ArticleColumns;
}

/** Dates in the article columns are day numbers: days since 1970-01-01 (UTC). */
export const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(iso) / DAY_MS;

/** The articles a query matches; an empty query matches every article. */
export function select(store: Store, query: string): Selection {
  const parsed = parseQuery(query);
  const columns = store.columns();
  // The articles of each entity, event and frame filter, ascending.
  const lists = [
    ...parsed.entities.map((name) => store.articlesMentioning(name)),
    ...parsed.events.map((codes) => store.articlesWith('event', codes)),
    ...parsed.frames.map((frame) => store.articlesWith('frame', [frame])),
  ];
  let ids: Int32Array;
  let fts: string | undefined;
  let before: number;
  if (parsed.text) {
    fts = toFts(parsed.text);
    if (fts === undefined) throw new QueryError(query, 0, 'the query has no letters or digits to search for');
    ids = store.match(parsed.text);
    before = ids.length;
  } else if (lists.length) {
    // No words: the shortest list is the start (for entity:Trump, a quarter of the articles rather than all).
    const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    lists.splice(lists.indexOf(shortest), 1);
    ids = shortest.filter((id) => columns.exists[id] === 1);
    before = everyArticle(columns).length;
  } else {
    // A copy: a selection's ids are the caller's.
    ids = everyArticle(columns).slice();
    before = ids.length;
  }
  const keep = filterFor(store, parsed, columns, query, lists);
  if (keep) ids = ids.filter(keep);
  const sel: Selection = { query, parsed, ids, columns, filtered: ids.length < before };
  if (fts !== undefined) sel.fts = fts;
  return sel;
}

/** The structured filters (outlet attributes, dates, and the lists of entity, event and frame filters) as one predicate, or undefined when there are none. */
function filterFor(store: Store, parsed: ParsedQuery, columns: ArticleColumns, query: string, lists: Int32Array[]): ((id: number) => boolean) | undefined {
  const tests: Array<(id: number) => boolean> = [];
  for (const { attribute, value } of parsed.outletAttributes) {
    const outlets = outletsWith(store, attribute, value, query);
    const codes = new Set(columns.outlets.flatMap((o, i) => (outlets.has(o) ? [i] : [])));
    tests.push((id) => codes.has(columns.outlet[id] ?? -1));
  }
  if (parsed.after !== undefined) {
    const from = dayOf(parsed.after);
    tests.push((id) => (columns.day[id] ?? NaN) >= from);
  }
  if (parsed.before !== undefined) {
    const to = dayOf(parsed.before);
    tests.push((id) => (columns.day[id] ?? NaN) < to);
  }
  for (const list of lists) tests.push(within(list, columns));
  if (!tests.length) return undefined;
  if (tests.length === 1) return tests[0];
  return (id) => tests.every((t) => t(id));
}

/** Membership in a list of article ids, as a mask by id: a filter reads it for every candidate article. */
function within(ids: ArrayLike<number>, columns: ArticleColumns): (id: number) => boolean {
  const mask = new Uint8Array(columns.exists.length);
  for (let i = 0; i < ids.length; i++) if (ids[i]! < mask.length) mask[ids[i]!] = 1;
  return (id) => mask[id] === 1;
}

const everyId = new WeakMap<ArticleColumns, Int32Array>();

/**
 * Every article's id, ascending, as one array kept with these columns (which
 * are made anew when articles change): a million ids drawn from a generator
 * took a query of everything 25 ms before it did anything. Not to be changed.
 */
export function everyArticle(columns: ArticleColumns): Int32Array {
  let ids = everyId.get(columns);
  if (!ids) {
    let n = 0;
    for (let id = 1; id <= columns.maxId; id++) n += columns.exists[id]!;
    ids = new Int32Array(n);
    for (let id = 1, i = 0; id <= columns.maxId; id++) if (columns.exists[id]) ids[i++] = id;
    everyId.set(columns, ids);
  }
  return ids;
}

/** The ids of one outlet's articles, ascending. */
export function* idsOfOutlet(columns: ArticleColumns, outlet: number): Generator<number> {
  for (let id = 1; id <= columns.maxId; id++) if (columns.exists[id] && columns.outlet[id] === outlet) yield id;
}

/** The date (`YYYY-MM-DD`) of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The month (`YYYY-MM`) of a day number. */
export function monthOf(day: number): string {
  return isoDay(day).slice(0, 7);
}

/** The outlets whose attribute has this value (any case). */
export function outletsWith(store: Store, attribute: string, value: string, query: string): Set<string> {
  const low = value.toLowerCase();
  return new Set([...attributeOf(store, attribute, query)].filter(([, v]) => v.toLowerCase() === low).map(([o]) => o));
}

/**
 * Outlet → its value of an attribute (outlets without one are left out). An attribute no outlet has
 * is the user's to fix: located in the query that named it (`outlet.X:`), else the `by` option's.
 */
export function attributeOf(store: Store, attribute: string, query?: string): Map<string, string> {
  const all = store.outletAttributes();
  const rows = all.filter((r) => r.attribute.toLowerCase() === attribute.toLowerCase());
  if (!rows.length) {
    const known = [...new Set(all.map((r) => r.attribute))];
    const problem = `no outlet has an attribute "${attribute}"${known.length ? ` (attributes: ${known.join(', ')})` : ' (set them with newslens outlets --set FILE)'}`;
    if (query === undefined) throw new ParamError('by', `: ${problem}`);
    throw new QueryError(query, Math.max(0, query.indexOf(`outlet.${attribute}`)), problem);
  }
  return new Map(rows.map((r) => [r.outlet, r.value]));
}
