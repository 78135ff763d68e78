/**
 * The annotations facets count, in memory: for each article, the corpus
 * entities it mentions, the CAMEO roots of its asserted events, and the
 * frames counted in it. Counting a facet is then a pass over the matching
 * ids, like the outlet facet, instead of a SQL join over the mention tables
 * per query (about 650 ms for a broad query on 6,204 annotated articles).
 * Loaded on the first facet asked for, and again after the data changes.
 */
import type Database from 'better-sqlite3';

/** The setting a write that adds or changes articles sets, and the entity rebuild clears: while set, the stored entity column is not current. */
export const ENTITIES_STALE = 'entities_stale';

/** The setting counting writes that rewrote stored articles (reprocess): while it stays, the article columns only grow (search-sql.ts). */
export const ARTICLES_REWRITTEN = 'articles_rewritten';

/** Growable typed arrays, so a match of any size is copied once. */
export class IntBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  pushAll(vs: Int32Array): void {
    if (this.length + vs.length > this.data.length) {
      const next = new Int32Array(Math.max(this.data.length * 2, this.length + vs.length));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(vs, this.length);
    this.length += vs.length;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Interns names to codes. */
export class Names {
  readonly list: string[] = [];
  private readonly codes = new Map<string, number>();
  /** Names coded as `list` codes them, to code more. */
  static of(list: readonly string[] = []): Names {
    const names = new Names();
    for (const x of list) names.code(x);
    return names;
  }
  code(name: string): number {
    let c = this.codes.get(name);
    if (c === undefined) {
      c = this.list.length;
      this.list.push(name);
      this.codes.set(name, c);
    }
    return c;
  }
}

/** Per article (by id), its values: values[start[id] .. start[id + 1]), each once. */
export interface IdColumn {
  start: Int32Array;
  values: Int32Array;
  /** One more than the largest value. */
  size: number;
}

/** One more than the largest value; a plain loop, as a cold search reads a million values here. */
function sizeOf(values: Int32Array): number {
  let size = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! >= size) size = values[i]! + 1;
  return size;
}

/** A column whose values are codes of names. */
export interface CodeColumn extends IdColumn {
  names: string[];
}


/** Builds a column from rows in ascending article order, each value once per article. */
function column(n: number, rows: Iterable<[number, number]>, size: number): IdColumn {
  const start = new Int32Array(n + 1);
  const values = new IntBuffer();
  const seenIn = new Int32Array(size).fill(-1);
  let next = 0;
  for (const [id, v] of rows) {
    if (id >= n) continue;
    while (next <= id) start[next++] = values.length;
    if (seenIn[v] === id) continue;
    seenIn[v] = id;
    values.push(v);
  }
  while (next <= n) start[next++] = values.length;
  return { start, values: values.done(), size };
}

function coded(n: number, rows: Array<[number, string]>): CodeColumn {
  const names = new Names();
  const pairs = rows.map(([id, name]) => [id, names.code(name)] as [number, number]);
  return { ...column(n, pairs, names.list.length), names: names.list };
}

/**
 * Each article's entities, from the mentions and the key → entity table. The slow part of a cold
 * search (a join over every mention: about 250 ms for 500,000 mentions), so it is kept in the
 * workspace once built (saveFacetColumns) and read from there while it is current.
 */
function computeEntityColumn(db: Database.Database, n: number, from = 0): IdColumn {
  const rows = db
    .prepare('SELECT m.article_id, group_concat(DISTINCT k.entity_id) FROM mentions m JOIN entity_keys k ON k.key = m.entity_id WHERE m.article_id >= ? GROUP BY m.article_id ORDER BY m.article_id')
    .raw()
    .all(from) as Array<[number, string]>;
  const start = new Int32Array(n + 1);
  const values = new IntBuffer();
  let next = 0;
  for (const [id, list] of rows) {
    if (id >= n) continue;
    while (next <= id) start[next++] = values.length;
    for (const e of list.split(',')) values.push(Number(e));
  }
  while (next <= n) start[next++] = values.length;
  const done = values.done();
  return { start, values: done, size: sizeOf(done) };
}

/** A typed array's bytes as a blob to store (no copy). */
export const asBlob = (a: Uint8Array | Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** A stored blob's bytes, copied out: a typed array needs its own aligned memory. */
export const blobBytes = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const fromBlob = (b: Buffer) => new Int32Array(blobBytes(b));

/**
 * Each article's CAMEO roots (asserted events), as numbers (14 for "14"). About 25 ms for 50,000
 * events, so it is stored beside the entities'.
 */
function computeEventColumn(db: Database.Database, n: number, from = 0): IdColumn {
  const rows = db.prepare("SELECT article_id, CAST(root AS INTEGER) FROM events WHERE mood = 'asserted' AND article_id >= ? ORDER BY article_id").raw().all(from) as Array<[number, number]>;
  return column(n, rows, 100);
}

const COMPUTE = { entity: computeEntityColumn, event: computeEventColumn };
type Stored = keyof typeof COMPUTE;

/**
 * Stores each article's entities and event roots. Call in the transaction that rebuilt the
 * entities, which every write of articles is followed by, so they agree with the tables.
 */
export function saveFacetColumns(db: Database.Database): void {
  const maxId = (db.prepare('SELECT coalesce(max(id), 0) FROM articles').pluck().get() as number) ?? 0;
  const save = db.prepare('INSERT OR REPLACE INTO facet_columns (kind, start, vals) VALUES (?, ?, ?)');
  for (const kind of Object.keys(COMPUTE) as Stored[]) {
    const col = COMPUTE[kind](db, maxId + 1);
    save.run(kind, asBlob(col.start), asBlob(col.values));
  }
}

/**
 * How the stored columns stand to the tables: `current` (nothing written since the rebuild that
 * stored them), `added` (only new articles since: the stored part holds, the new articles are read
 * from the tables), or `changed` (stored articles were rewritten: everything is read again).
 */
export type Freshness = 'current' | 'added' | 'changed';

/** The setting's values (ENTITIES_STALE): a write that only adds articles, and one that rewrites some. */
export const STALE_ADDED = 'added';
export const STALE_CHANGED = 'changed';

export const freshnessOf = (stale: string | undefined): Freshness => (stale === undefined ? 'current' : stale === STALE_ADDED ? 'added' : 'changed');

function storedColumn(db: Database.Database, kind: Stored, n: number, freshness: Freshness): IdColumn {
  const row = freshness !== 'changed' ? (db.prepare('SELECT start, vals FROM facet_columns WHERE kind = ?').get(kind) as { start: Buffer; vals: Buffer } | undefined) : undefined;
  if (!row) return COMPUTE[kind](db, n);
  const stored = fromBlob(row.start);
  const storedN = stored.length - 1;
  const values = fromBlob(row.vals);
  // Articles past the stored ones: none while current; read from the tables when only added.
  const delta = freshness === 'added' && storedN < n ? COMPUTE[kind](db, n, storedN) : undefined;
  const start = new Int32Array(n + 1);
  start.set(stored.subarray(0, Math.min(stored.length, n + 1)));
  const base = stored[Math.min(storedN, n)] ?? 0;
  for (let i = storedN + 1; i <= n; i++) start[i] = base + (delta ? delta.start[i]! - delta.start[storedN]! : 0);
  if (!delta) return { start, values, size: sizeOf(values) };
  const added = delta.values.subarray(delta.start[storedN]!, delta.start[n]!);
  const all = new Int32Array(base + added.length);
  all.set(values.subarray(0, base));
  all.set(added, base);
  return { start, values: all, size: Math.max(sizeOf(values), sizeOf(added)) };
}

/** The facet columns, each loaded when first asked for. */
export class FacetColumns {
  private loaded: { entity?: IdColumn; event?: IdColumn; frame?: CodeColumn } = {};
  private readonly n: number;
  constructor(
    private readonly db: Database.Database,
    maxId: number,
    private readonly freshness: Freshness,
  ) {
    this.n = maxId + 1;
  }

  /** Values are corpus entity ids. */
  get entity(): IdColumn {
    return (this.loaded.entity ??= storedColumn(this.db, 'entity', this.n, this.freshness));
  }

  /** CAMEO roots of asserted events, as numbers: 14 for "14". */
  get event(): IdColumn {
    return (this.loaded.event ??= storedColumn(this.db, 'event', this.n, this.freshness));
  }

  get frame(): CodeColumn {
    return (this.loaded.frame ??= coded(this.n, this.db.prepare('SELECT article_id, frame FROM frame_counts ORDER BY article_id').raw().all() as Array<[number, string]>));
  }
}

/** The articles (ascending) having any of these values, in one pass over the column. */
export function articlesHaving(col: IdColumn, wanted: readonly number[]): Int32Array {
  const { start, values } = col;
  const out = new IntBuffer();
  const one = wanted.length === 1 ? wanted[0]! : -1;
  const set = new Set(wanted);
  for (let id = 0; id + 1 < start.length; id++) {
    for (let j = start[id]!; j < start[id + 1]!; j++) {
      if (one >= 0 ? values[j] === one : set.has(values[j]!)) {
        out.push(id);
        break;
      }
    }
  }
  return out.done();
}

/** What countTop keeps on a column between calls: the totals, a counts array left all zero, and the heads. */
interface Scratch {
  totals?: Int32Array;
  present?: Int32Array;
  counts?: Int32Array;
  heads?: Head[];
  /** Counts made on the column: the heads are built for the second (a one-off command needs none). */
  counted?: number;
}

/**
 * The column cut to its most frequent values (a given number of them, ties at the edge kept), under
 * dense codes. Entity mentions are Zipfian: at 69k articles the 1,500 most mentioned of 214,000
 * entities hold 58% of the article–entity pairs, and their counts fit in the first-level cache
 * where the whole column's are scattered over a megabyte. A broad query's top values are all in
 * the head, and counting the head alone finds them exactly (see countTop).
 */
interface Head {
  /** Dense code → value. */
  value: Int32Array;
  start: Int32Array;
  /** Dense codes: 16 bits while the head has no more than 65,536 values (half the memory read). */
  codes: Uint16Array | Int32Array;
  totals: Int32Array;
  counts: Int32Array;
  /** Every dense code: the candidates for the top. */
  every: Int32Array;
  /** The least total in the head; every value outside it has fewer. 0 when the head is every value. */
  least: number;
}

/**
 * The heads counted in turn: the first holds a broad query's top ten; the second, eight times as
 * large, a long list (a hundred values) or a narrower query, still in 16-bit codes.
 */
const HEAD_SIZES = [2048, 16384];

function headsOf(col: IdColumn & Scratch): Head[] {
  if (!col.heads) {
    col.heads = [];
    if (!col.totals) [col.totals, col.present] = totalsOf(col);
    const totals = col.totals;
    const sorted = Int32Array.from(col.present!, (v) => totals[v]!).sort();
    // A head that is every value ends the list.
    for (const size of HEAD_SIZES) if (col.heads.at(-1)?.least !== 0) col.heads.push(headOf(col, sorted.length > size ? sorted[sorted.length - size]! : 0));
  }
  return col.heads;
}

/** The head of the values with `least` articles or more (0: every value); the column's totals are counted. */
function headOf(col: IdColumn & Scratch, least: number): Head {
  const totals = col.totals!;
  const present = col.present!;
  const dense = new Int32Array(col.size).fill(-1);
  const value = new IntBuffer();
  for (let i = 0; i < present.length; i++) {
    const v = present[i]!;
    if (totals[v]! >= least) {
      dense[v] = value.length;
      value.push(v);
    }
  }
  const n = col.start.length - 1;
  const start = new Int32Array(n + 1);
  const codes = new IntBuffer();
  for (let id = 0; id < n; id++) {
    for (let j = col.start[id]!; j < col.start[id + 1]!; j++) if (dense[col.values[j]!]! >= 0) codes.push(dense[col.values[j]!]!);
    start[id + 1] = codes.length;
  }
  const values = value.done();
  const dense16 = values.length <= 1 << 16 ? Uint16Array.from(codes.done()) : codes.done();
  const head: Head = { value: values, start, codes: dense16, totals: Int32Array.from(values, (v) => totals[v]!), counts: new Int32Array(values.length), every: Int32Array.from(values.keys()), least };
  return head;
}

/**
 * Per value, how many of these articles have it. A selection of more than half the articles is
 * counted as the totals less the articles left out. Returns the values touched (those that may be
 * non-zero), for the caller to find the top among and to zero again.
 */
function tally(col: IdColumn & Scratch, counts: Int32Array, ids: ArrayLike<number>): ArrayLike<number> {
  const { start, values } = col;
  const n = start.length - 1;
  if (ids.length * 2 > n) {
    if (!col.totals) [col.totals, col.present] = totalsOf(col);
    counts.set(col.totals);
    decrementLeftOut(start, values, counts, ids);
    return col.present!;
  }
  const list = new IntBuffer();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= n) continue;
    for (let j = start[id]!; j < start[id + 1]!; j++) if (counts[values[j]!]!++ === 0) list.push(values[j]!);
  }
  return list.done();
}

/**
 * tally() over the head's dense codes. Every head value is a candidate (there are a few thousand),
 * so the loop keeps no list of those touched: without that test per value it runs twice as fast.
 */
function tallyHead(head: Head, ids: ArrayLike<number>): void {
  const { start, codes, counts } = head;
  const n = start.length - 1;
  if (ids.length * 2 > n) {
    counts.set(head.totals);
    decrementLeftOut(start, codes, counts, ids);
    return;
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= n) continue;
    const end = start[id + 1]!;
    for (let j = start[id]!; j < end; j++) counts[codes[j]!]!++;
  }
}

/** Takes off the counts of every article not among `ids` (ascending). */
function decrementLeftOut(start: Int32Array, codes: ArrayLike<number>, counts: Int32Array, ids: ArrayLike<number>): void {
  const n = start.length - 1;
  const kept = new Uint8Array(n);
  for (let i = 0; i < ids.length; i++) if (ids[i]! < n) kept[ids[i]!] = 1;
  for (let id = 0; id < n; id++) if (!kept[id]) for (let j = start[id]!; j < start[id + 1]!; j++) counts[codes[j]!]!--;
}

/**
 * The `limit` values most of these articles have, most first; ties go to `before`. Only the values
 * the articles have are visited (a corpus has hundreds of thousands of entities, a query's articles
 * a few thousand).
 *
 * From the second count on a column, the heads are counted first, smaller first. A head's answer is exact when it is every value, or when it fills
 * the list and the last value's count reaches the head's least total: a value outside the head
 * has fewer articles in all, so fewer here, and cannot be among the top or tie with the last.
 * Otherwise (a narrow query, or a long list) the whole column is counted.
 */
export function countTop(col: IdColumn & Scratch, ids: ArrayLike<number>, limit: number, before: (a: number, b: number) => number): Array<{ value: number; count: number }> {
  const heads = (col.counted = (col.counted ?? 0) + 1) > 1 ? headsOf(col) : [];
  for (const head of heads) {
    if (head.least !== 0 && ids.length < head.least) continue;
    const { counts, value } = head;
    tallyHead(head, ids);
    const top = topOf(counts, limit, (a, b) => before(value[a]!, value[b]!), head.every).map((d) => ({ value: value[d]!, count: counts[d]! }));
    counts.fill(0);
    if (head.least === 0 || (top.length === limit && top[limit - 1]!.count >= head.least)) return top;
  }
  const counts = (col.counts ??= new Int32Array(col.size));
  const touched = tally(col, counts, ids);
  const top = topOf(counts, limit, before, touched).map((v) => ({ value: v, count: counts[v]! }));
  for (let i = 0; i < touched.length; i++) counts[touched[i]!] = 0;
  return top;
}

function totalsOf(col: IdColumn): [Int32Array, Int32Array] {
  const t = new Int32Array(col.size);
  for (let j = 0; j < col.values.length; j++) t[col.values[j]!]!++;
  const present = new IntBuffer();
  t.forEach((c, v) => c && present.push(v));
  return [t, present.done()];
}

/**
 * The indexes of the `limit` largest counts (zero left out), largest first, ties to `before`;
 * among `candidates` when given, else all. Only those at or above the limit-th count are sorted.
 */
export function topOf(counts: Int32Array, limit: number, before: (a: number, b: number) => number, candidates?: ArrayLike<number>): number[] {
  const m = candidates ? candidates.length : counts.length;
  const at = candidates ? (i: number) => candidates[i]! : (i: number) => i;
  let max = 0;
  for (let i = 0; i < m; i++) if (counts[at(i)]! > max) max = counts[at(i)]!;
  if (!max || limit <= 0) return [];
  const histogram = new Int32Array(max + 1);
  for (let i = 0; i < m; i++) if (counts[at(i)]! > 0) histogram[counts[at(i)]!]!++;
  // The count the limit-th value has: values with fewer cannot be among the top.
  let threshold = max;
  for (let seen = histogram[max]!; seen < limit && threshold > 1; ) seen += histogram[--threshold]!;
  const out: number[] = [];
  for (let i = 0; i < m; i++) if (counts[at(i)]! >= threshold && counts[at(i)]! > 0) out.push(at(i));
  return out.sort((a, b) => counts[b]! - counts[a]! || before(a, b)).slice(0, limit);
}
