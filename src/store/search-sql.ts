/**
 * The SQLite side of search: matching and BM25 ranking (our postings,
 * src/store/search-engine.ts, with FTS5 as the index of record and the
 * fallback), and the in-memory article columns that facets and filters read.
 */
import type Database from 'better-sqlite3';
import type { EntityTables } from './entities-sql.js';
import type { AnnotationFacet, ArticleColumns, ArticleSummary, ArticleText, Multi, Ranked, SearchAccess } from './store.js';
import { toFts, type Node } from '../query/language.js';
import { mergeSegments, updatePostings } from './postings-update.js';
import { COLUMN_WEIGHTS, SearchEngine, type Evaluated } from './search-engine.js';
import { loadArticleColumns, saveArticleColumns } from './article-columns.js';
import { ARTICLES_REWRITTEN, articlesHaving, countTop, ENTITIES_STALE, FacetColumns, freshnessOf, IntBuffer, Names } from './facet-columns.js';

const WEIGHTS = COLUMN_WEIGHTS.map((w) => w.toFixed(1)).join(', ');
const DAY_MS = 86_400_000;

/** An articles row (SUMMARY_COLUMNS) as a summary. */
export function toSummary(r: Record<string, unknown>): ArticleSummary {
  const s: ArticleSummary = { id: r.id as number, title: r.title as string, format: r.format as string, source: r.source as string, chars: r.chars as number };
  if (r.outlet !== null) s.outlet = r.outlet as string;
  if (r.published !== null) s.published = r.published as string;
  if (r.language !== null) s.language = r.language as string;
  return s;
}

function toText(r: Record<string, unknown>): ArticleText {
  const t: ArticleText = { id: r.id as number, title: r.title as string, text: r.text as string };
  if (r.outlet !== null) t.outlet = r.outlet as string;
  if (r.published !== null) t.published = r.published as string;
  if (r.language !== null) t.language = r.language as string;
  return t;
}

export const SUMMARY_COLUMNS = 'id, title, outlet, published, language, format, source, length(text) AS chars';

/** Indexes every article past the highest id in the index (search_docsize is FTS5's table of indexed rows). */
const INDEX_NEW_SQL = `INSERT INTO search (rowid, title, body, outlet, author, category, lang)
  SELECT id, title, body, outlet, author, category, lang FROM search_source
  WHERE id > (SELECT coalesce(max(id), 0) FROM search_docsize) ORDER BY id`;

/**
 * Indexes the articles added since the last call (those past the highest id
 * the index holds), in FTS5 and in our postings, and re-indexes in the
 * postings those changed since. One statement for a whole batch, outside
 * any savepoint, so FTS5 writes one segment, not one per article.
 */
export function indexNew(db: Database.Database): void {
  db.prepare(INDEX_NEW_SQL).run();
  updatePostings(db);
}

/** Merges FTS5's index and our postings into one segment each (FTS5 'optimize'). */
export function optimizeIndex(db: Database.Database): void {
  db.exec(`INSERT INTO search (search) VALUES ('optimize')`);
  mergeSegments(db, true);
}

export class SqliteSearch implements SearchAccess {
  private cached?: { key: string; columns: ArticleColumns; rewritten: string };
  private facets?: { key: string; columns: FacetColumns };
  /** The articles of the entities last asked for (entity: filters), by name, for one data version. */
  private mentioning?: { key: string; sets: Map<string, Int32Array> };
  /** Writes by this connection; with PRAGMA data_version (others' writes) it tells when columns are stale. */
  writes = 0;

  private kept: Uint8Array | undefined;
  private readonly engine: SearchEngine;
  /** The query the engine just evaluated for match(), kept for the rank() of the same search, which uses it up. */
  private last?: { key: string; exists: Uint8Array; ev: Evaluated };

  constructor(
    private readonly db: Database.Database,
    private readonly entities: EntityTables,
  ) {
    this.engine = new SearchEngine(db);
    db.function('newslens_kept', { deterministic: false, varargs: false }, (id: unknown) => (this.kept && this.kept[Number(id)] ? 1 : 0));
  }

  indexNew(): void {
    indexNew(this.db);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /**
   * The statement for this SQL, prepared once: a search runs a dozen small statements, and
   * preparing each anew (and each PRAGMA, which better-sqlite3 prepares per call) was a tenth
   * of a search's time on a busy server. Keyed by mode too, as raw() and pluck() stick.
   */
  private sql(text: string, mode: 'rows' | 'raw' | 'pluck' = 'rows'): Database.Statement {
    const key = `${mode} ${text}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      stmt = this.db.prepare(text);
      if (mode === 'raw') stmt.raw();
      if (mode === 'pluck') stmt.pluck();
      this.statements.set(key, stmt);
    }
    return stmt;
  }

  /** Whether FTS5 and the postings hold every article as stored (read only: no lock taken). */
  upToDate(): boolean {
    const r = this.db
      .prepare(`SELECT (SELECT coalesce(max(id), 0) FROM articles) AS articles, (SELECT coalesce(max(id), 0) FROM search_docsize) AS fts,
        (SELECT coalesce(max(high), 0) FROM search_segments) AS postings, EXISTS (SELECT 1 FROM search_dirty) AS dirty`)
      .get() as { articles: number; fts: number; postings: number; dirty: number };
    return r.fts >= r.articles && r.postings >= r.articles && !r.dirty;
  }

  /** Our postings' answer for the query, or undefined when FTS5 must answer (see SearchEngine.evaluate). */
  private evaluated(text: Node): Evaluated | undefined {
    const { exists, outlet, outlets } = this.columns();
    const key = JSON.stringify(text);
    if (this.last?.key === key && this.last.exists === exists) return this.last.ev;
    const ev = this.engine.evaluate(text, exists, { code: outlet, names: outlets });
    this.last = ev ? { key, exists, ev } : undefined;
    return ev;
  }

  /** Whether our postings answer this query now (else FTS5 does): for tests and benchmarks. */
  usesPostings(text: Node): boolean {
    return this.evaluated(text) !== undefined;
  }

  match(text: Node): Int32Array {
    const ev = this.evaluated(text);
    return ev ? ev.ids : this.matchFts(ftsOf(text));
  }

  /** FTS5's own matches, ascending: the fallback, and the reference the engine is tested against. */
  matchFts(fts: string): Int32Array {
    return Int32Array.from(this.sql('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid', 'pluck').all(fts) as number[]);
  }

  rank(text: Node, k: number, within?: Int32Array): Ranked[] {
    const ev = this.evaluated(text);
    // Used up: a later search of the same words evaluates again (and a benchmark's repeats measure real work).
    this.last = undefined;
    if (ev) return this.engine.rank(ev, within ?? ev.ids, k);
    return this.rankFts(ftsOf(text), k, within);
  }

  /** FTS5's own ranking: the reference the engine is tested against. */
  rankFts(fts: string, k: number, within?: Int32Array): Ranked[] {
    // FTS5 keeps only the best k while it scores (ORDER BY rank LIMIT), and
    // computes BM25 only for rows that pass the WHERE clause, so a filtered
    // query scores only the articles its filters kept. The filter is a
    // membership mask read by a function: FTS5 treats "rowid IN (…)" as one
    // lookup per listed id, each rerunning the match.
    const sql = `SELECT rowid, rank FROM search WHERE search MATCH ? AND rank MATCH 'bm25(${WEIGHTS})'
      ${within ? 'AND newslens_kept(rowid)' : ''} ORDER BY rank LIMIT ?`;
    const run = () => (this.sql(sql, 'raw').all(fts, k) as Array<[number, number]>).map(([id, r]) => ({ id, score: -r }));
    return within ? this.withMask(within, run) : run();
  }

  summaries(ids: number[]): ArticleSummary[] {
    if (!ids.length) return [];
    const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Array<Record<string, unknown>>;
    const byId = new Map(rows.map((r) => [r.id as number, toSummary(r)]));
    return ids.map((id) => byId.get(id)).filter((s): s is ArticleSummary => s !== undefined);
  }

  *texts(ids: ArrayLike<number>, whole = false): Iterable<ArticleText> {
    const stmt = this.sql('SELECT id, title, text, outlet, published, language FROM articles WHERE id IN (SELECT value FROM json_each(?))');
    const skipped = this.sql(
      `SELECT article_id AS id, start, end FROM sections WHERE kind IN ('boilerplate', 'contact') AND article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, start`,
    );
    for (let i = 0; i < ids.length; i += 200) {
      const page = Array.from(Array.prototype.slice.call(ids, i, i + 200) as number[]);
      const json = JSON.stringify(page);
      const rows = new Map((stmt.all(json) as Array<Record<string, unknown>>).map((r) => [r.id as number, toText(r)]));
      const spans = new Map<number, Array<{ start: number; end: number }>>();
      for (const s of skipped.all(json) as Array<{ id: number; start: number; end: number }>) (spans.get(s.id) ?? spans.set(s.id, []).get(s.id)!).push(s);
      for (const id of page) {
        const r = rows.get(id);
        if (!r) continue;
        const blank = spans.get(id);
        if (!blank || whole) {
          yield r;
          continue;
        }
        let text = '';
        let at = 0;
        for (const s of blank) {
          text += r.text.slice(at, s.start) + ' '.repeat(s.end - s.start);
          at = s.end;
        }
        yield { ...r, text: text + r.text.slice(at) };
      }
    }
  }

  articlesMentioning(name: string): Int32Array {
    // Kept until the data changes: an analyst asks for the same entity page after page.
    const key = this.columnsKey();
    if (this.mentioning?.key !== key) this.mentioning = { key, sets: new Map() };
    const known = this.mentioning.sets.get(name);
    if (known) return known;
    // The canonical entity (and so every alias it goes by), from the entity column the facet counts
    // read: a scan of it takes 20 ms at a million articles where the join of every mention took
    // 500 ms for a much-mentioned entity. Mentions not yet linked are found by their surface.
    const entities = this.entities.idsNamed(name);
    let ids = entities.length ? articlesHaving(this.facetColumns().entity, entities) : new Int32Array(0);
    if (!ids.length) ids = Int32Array.from(this.sql('SELECT DISTINCT article_id FROM mentions WHERE surface = ? COLLATE NOCASE ORDER BY article_id', 'pluck').all(name) as number[]);
    if (this.mentioning.sets.size >= 64) this.mentioning.sets.delete(this.mentioning.sets.keys().next().value!);
    this.mentioning.sets.set(name, ids);
    return ids;
  }

  entityCounts(ids: ArrayLike<number>, limit: number): Array<{ key: string; type: string; count: number }> {
    if (!ids.length || this.sql('SELECT 1 FROM mentions LIMIT 1').get() === undefined) return [];
    // Grouped by canonical entity once entities exist (from memory), else by the names as tagged.
    if (this.sql('SELECT 1 FROM entities LIMIT 1').get() !== undefined) {
      const top = countTop(this.facetColumns().entity, ids, limit, (a, b) => a - b);
      const named = new Map(
        (this.sql('SELECT id, name, type FROM entities WHERE id IN (SELECT value FROM json_each(?))', 'raw').all(JSON.stringify(top.map((t) => t.value))) as Array<[number, string, string]>).map(([id, name, type]) => [id, { name, type }]),
      );
      return top.flatMap(({ value, count }) => {
        const e = named.get(value);
        return e ? [{ key: e.name, type: e.type, count }] : [];
      });
    }
    return this.countWithin(ids, (where, params) =>
      this.db
        .prepare(
          `SELECT max(m.surface) AS key, m.type AS type, count(DISTINCT m.article_id) AS count FROM mentions m
           WHERE ${where} GROUP BY m.surface COLLATE NOCASE, m.type ORDER BY count DESC, key LIMIT ?`,
        )
        .all(...params, limit) as Array<{ key: string; type: string; count: number }>,
    );
  }

  articlesWith(kind: AnnotationFacet, values: string[]): Int32Array {
    const sql =
      kind === 'event'
        ? `SELECT DISTINCT article_id FROM events WHERE mood = 'asserted' AND (${values.map(() => 'code LIKE ?').join(' OR ') || '0'}) ORDER BY article_id`
        : `SELECT DISTINCT article_id FROM frame_counts WHERE ${values.map(() => 'frame = ? COLLATE NOCASE').join(' OR ') || '0'} ORDER BY article_id`;
    const args = kind === 'event' ? values.map((v) => `${v}%`) : values;
    return Int32Array.from(this.sql(sql, 'pluck').all(...args) as number[]);
  }

  annotationCounts(kind: AnnotationFacet, ids: ArrayLike<number>, limit: number): Array<{ key: string; count: number }> {
    if (!ids.length) return [];
    if (kind === 'event') return countTop(this.facetColumns().event, ids, limit, (a, b) => a - b).map(({ value, count }) => ({ key: String(value).padStart(2, '0'), count }));
    const col = this.facetColumns().frame;
    const name = col.names;
    return countTop(col, ids, limit, (a, b) => (name[a]! < name[b]! ? -1 : name[a]! > name[b]! ? 1 : 0)).map(({ value, count }) => ({ key: name[value]!, count }));
  }

  /** The annotation columns (facet-columns.ts), loaded again once the data has changed. */
  private facetColumns(): FacetColumns {
    const { maxId } = this.columns();
    const key = this.columnsKey();
    if (this.facets?.key !== key) {
      const stale = this.sql('SELECT value FROM settings WHERE key = ?', 'pluck').get(ENTITIES_STALE) as string | undefined;
      this.facets = { key, columns: new FacetColumns(this.db, maxId, freshnessOf(stale)) };
    }
    return this.facets.columns;
  }

  /**
   * Runs a count over annotation rows `m` of these articles: `where` limits
   * m.article_id to them. A short list is looked up by id; a long one is a
   * mask read during one pass over the table.
   */
  private countWithin<T>(ids: ArrayLike<number>, count: (where: string, params: unknown[]) => T): T {
    if (ids.length > 50_000) return this.withMask(ids, () => count('newslens_kept(m.article_id)', []));
    return count('m.article_id IN (SELECT value FROM json_each(?))', [JSON.stringify(Array.from(ids))]);
  }

  /** Runs `body` with the ids as the mask that newslens_kept(rowid) reads. */
  private withMask<T>(ids: ArrayLike<number>, body: () => T): T {
    let max = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
    this.kept = new Uint8Array(max + 1);
    for (let i = 0; i < ids.length; i++) this.kept[ids[i]!] = 1;
    try {
      return body();
    } finally {
      this.kept = undefined;
    }
  }

  /** Changes with every write, by this connection or another. */
  private columnsKey(): string {
    return `${this.sql('PRAGMA data_version', 'pluck').get() as number}:${this.writes}`;
  }

  columns(): ArticleColumns {
    const key = this.columnsKey();
    if (this.cached?.key === key) return this.cached.columns;
    // After writes that only added articles (an ingest batch, a feed poll), the columns grow by the
    // new rows instead of being read whole again (about 170 ms for 69,000 articles, 2 s per million).
    const rewritten = (this.sql('SELECT value FROM settings WHERE key = ?', 'pluck').get(ARTICLES_REWRITTEN) as string | undefined) ?? '0';
    // A new connection starts from the columns stored at the last entity rebuild, when they hold.
    const from = this.cached ? (this.cached.rewritten === rewritten ? this.cached.columns : undefined) : loadArticleColumns(this.db, rewritten);
    const columns = this.loadColumns(from);
    this.cached = { key, columns, rewritten };
    return columns;
  }

  /** Stores the article columns as they stand (article-columns.ts); in the write transaction of an entity rebuild. */
  saveColumns(): void {
    const columns = this.columns();
    saveArticleColumns(this.db, columns, this.cached!.rewritten);
  }

  /** The columns of every article, or, given the columns as they were, those plus the articles added since. */
  private loadColumns(from?: ArticleColumns): ArticleColumns {
    const maxId = (this.sql('SELECT coalesce(max(id), 0) FROM articles', 'pluck').get() as number) ?? 0;
    if (from && from.maxId > maxId) from = undefined;
    const n = maxId + 1;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(make: (n: number) => T, fill: number, old?: T): T => {
      const a = make(n).fill(fill) as T;
      if (old) a.set(old);
      return a;
    };
    const exists = grown((k) => new Uint8Array(k), 0, from?.exists);
    const outlet = grown((k) => new Int32Array(k), -1, from?.outlet);
    const language = grown((k) => new Int32Array(k), -1, from?.language);
    const day = grown((k) => new Float64Array(k), NaN, from?.day);
    const month = grown((k) => new Int32Array(k), -1, from?.month);
    const months = Names.of(from?.months);
    const outlets = Names.of(from?.outlets);
    const languages = Names.of(from?.languages);
    const authors = new MultiBuilder(n, (json) => (JSON.parse(json) as Array<{ name: string }>).map((a) => a.name), from?.authors);
    const categories = new MultiBuilder(n, (json) => JSON.parse(json) as string[], from?.categories);
    const rows = this.sql('SELECT id, outlet, published, language, authors, categories FROM articles INDEXED BY articles_columns WHERE id > ? ORDER BY id', 'raw');
    const days = new Map<string, number>();
    for (const r of rows.iterate(from?.maxId ?? 0) as Iterable<[number, string | null, string | null, string | null, string, string]>) {
      const id = r[0];
      exists[id] = 1;
      if (r[1] !== null) outlet[id] = outlets.code(r[1]);
      if (r[3] !== null) language[id] = languages.code(r[3]);
      if (r[2] !== null) {
        const date = r[2].slice(0, 10);
        let d = days.get(date);
        if (d === undefined) days.set(date, (d = Math.floor(Date.parse(date) / DAY_MS)));
        if (!Number.isNaN(d)) {
          day[id] = d;
          month[id] = months.code(date.slice(0, 7));
        }
      }
      authors.add(id, r[4]);
      categories.add(id, r[5]);
    }
    return { maxId, exists, outlet, outlets: outlets.list, language, languages: languages.list, day, month, months: months.list, authors: authors.done(), categories: categories.done() };
  }
}

/** Builds a Multi column in id order; a JSON value seen before is not parsed again. */
class MultiBuilder {
  private readonly start: Int32Array;
  private readonly values = new IntBuffer();
  private readonly names: Names;
  private readonly parsed = new Map<string, number[]>();
  private next = 0;
  constructor(
    private readonly n: number,
    private readonly parse: (json: string) => string[],
    /** The column as it was: kept, and grown by the articles added after it. */
    from?: Multi,
  ) {
    this.start = new Int32Array(n + 1);
    this.names = Names.of(from?.names);
    if (from) {
      const oldN = Math.min(from.start.length - 1, n);
      this.start.set(from.start.subarray(0, oldN));
      this.values.pushAll(from.values);
      this.next = oldN;
    }
  }
  /** Call in ascending id order. */
  add(id: number, json: string): void {
    while (this.next <= id) this.start[this.next++] = this.values.length;
    let codes = this.parsed.get(json);
    if (!codes) {
      let list: string[] = [];
      try {
        list = this.parse(json).filter((x) => typeof x === 'string' && x.trim() !== '');
      } catch {
        /* a malformed list counts as none */
      }
      codes = [...new Set(list)].map((x) => this.names.code(x));
      if (this.parsed.size < 100_000) this.parsed.set(json, codes);
    }
    for (const c of codes) this.values.push(c);
  }
  done(): Multi {
    while (this.next <= this.n) this.start[this.next++] = this.values.length;
    return { start: this.start, values: this.values.done(), names: this.names.list };
  }
}

function ftsOf(text: Node): string {
  const fts = toFts(text);
  if (fts === undefined) throw new Error('a query without words reached the full-text index');
  return fts;
}
