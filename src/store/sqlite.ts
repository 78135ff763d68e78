/**
 * The embedded SQLite store (better-sqlite3, WAL). One writer: the process
 * that ingests. Articles are written in batches, one transaction per batch
 * and a savepoint per article, so a crash never leaves half an article and a
 * failing article never takes its neighbours with it.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Article, Author, Entity, EntityType, Figure, FigureKind, Format, Mention, RawArticle, Section, SectionKind } from '../model.js';
import { MIGRATIONS } from './migrations.js';
import { optimizeIndex, SqliteSearch, SUMMARY_COLUMNS, toSummary } from './search-sql.js';
import type { Node } from '../query/language.js';
import { EntityTables, keyRef, type EntityEdit } from './entities-sql.js';
import { ARTICLES_REWRITTEN, ENTITIES_STALE, saveFacetColumns, STALE_ADDED, STALE_CHANGED } from './facet-columns.js';
import type { FurnitureModel } from '../clean/furniture.js';
import { KnowledgeTables } from './knowledge-sql.js';
import type { EventFilter, EventRow, FrameTotals, QuoteFilter, QuoteRow, SpeakerCount } from './store.js';
import type { FrameCount } from '../model.js';
import type { AddOutcome, ArticlePart, OutletAttribute, WatchedFeed, AnnotationFacet, ArticleColumns, ArticleSummary, FetchState, ListOptions, NewArticle, Ranked, Store, StoreStats, StoredRaw } from './store.js';
import { PIPELINE_VERSION } from '../version.js';

// URI names let a reader open a workspace in an unwritable folder as immutable
// (openReader); better-sqlite3 reads this when its addon loads, at the first open.
process.env.SQLITE_USE_URI ??= '1';

/** An error about the workspace file, worded for the user. */
export class StoreError extends Error {}

interface ArticleRow {
  id: number;
  hash: string;
  external_id: string | null;
  source: string;
  locator: string | null;
  format: string;
  outlet: string | null;
  url: string | null;
  title: string;
  published: string | null;
  language: string | null;
  authors: string;
  categories: string;
  meta: string;
  warnings: string;
  text: string;
  tone: number | null;
  tone_positive: number | null;
  tone_negative: number | null;
  tone_words: number | null;
}

// Parts are read in raw mode, as arrays in the order of their SELECT (the
// statements below): objects with named fields took a third longer to read.
type MentionRow = [article: number, start: number, end: number, type: string, entityId: string | null, parentId: string | null];
type FigureRow = [article: number, start: number, end: number, kind: string, value: string | null, num: number | null, max: string | null, unit: string | null, item: string | null, qualifier: string | null];
type SectionRow = [article: number, kind: string, start: number, end: number, name: string | null, role: string | null];

function toMention([, start, end, type, entityId, parentId]: MentionRow): Mention {
  const x: Mention = { start, end, type: type as EntityType };
  if (entityId !== null) x.entityId = entityId;
  if (parentId !== null) x.parentId = parentId;
  return x;
}

function toFigure([, start, end, kind, value, num, max, unit, item, qualifier]: FigureRow): Figure {
  const x: Figure = { start, end, kind: kind as FigureKind, value: num ?? value! };
  if (max !== null) x.max = /^-?\d+(\.\d+)?$/.test(max) && kind !== 'date' ? Number(max) : max;
  if (unit !== null) x.unit = unit;
  if (item !== null) x.item = item;
  if (qualifier !== null) x.qualifier = qualifier;
  return x;
}

function toSection([, kind, start, end, name, role]: SectionRow): Section {
  const sec: Section = { kind: kind as SectionKind, start, end };
  if (name !== null) sec.name = name;
  if (role !== null) sec.role = role;
  return sec;
}

/** Raw rows whose first column is an article id, made into `T`s and grouped by that id. */
function groupByArticle<R extends [number, ...unknown[]], T>(rows: R[], make: (row: R) => T): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const row of rows) {
    const list = m.get(row[0]);
    if (list) list.push(make(row));
    else m.set(row[0], [make(row)]);
  }
  return m;
}

const now = () => new Date().toISOString();

/** Articles read at a time by iterateArticles: one query a part for each page. */
const ARTICLE_PAGE = 500;
const ALL_PARTS: ReadonlySet<ArticlePart> = new Set(['sections', 'mentions', 'figures', 'quotes', 'events', 'tones']);
/** The furniture model learnt from the workspace's articles (src/clean/furniture.ts), with how many articles it was learnt from. */
const FURNITURE = 'furniture';

/** How long a writer waits for another process's write transaction (batches are short; `optimize` of a huge workspace is not). */
const WRITER_WAIT_MS = 300_000;
/** Readers take no lock in WAL mode; this covers the moments SQLite still needs one (recovering the log after a crash). */
const READER_WAIT_MS = 30_000;

export interface OpenOptions {
  /**
   * Open for reading only: nothing is written (no migration unless one is
   * due, no indexing), the file must exist, and a file the user cannot
   * write can still be read. Queries use this; ingest and edits do not.
   */
  readonly?: boolean;
  /** Refuse a path where there is no workspace yet (every command but those that take articles in). */
  mustExist?: boolean;
}

/** A SQLite error of the lock kind: another process holds the workspace longer than we wait. */
const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test((err as { code?: string }).code ?? '');

/** Errors opening or writing the file, worded for the user with the path. */
function storeError(path: string, err: unknown, doing: 'open' | 'write to' = 'open'): StoreError {
  if (err instanceof StoreError) return err;
  if (isBusy(err)) return new StoreError(`workspace ${path} is busy: another newslens process held it for too long; try again when it is done (${(err as { code: string }).code})`);
  return new StoreError(`cannot ${doing} workspace ${path}: ${(err as Error).message}`);
}

export function openSqliteStore(path: string, opts: OpenOptions = {}): SqliteStore {
  if ((opts.readonly || opts.mustExist) && !existsSync(path)) throw new StoreError(`no workspace at ${path} (ingest, fetch or watch create one; check --db or $NEWSLENS_DB)`);
  const db = opts.readonly ? openCurrentReader(path) : openWriter(path);
  const store = new SqliteStore(db, path);
  if (!opts.readonly) {
    try {
      // Articles written by an interrupted run or another tool are indexed now.
      store.indexNew();
    } catch (err) {
      db.close();
      throw storeError(path, err);
    }
  }
  return store;
}

function openWriter(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma(`busy_timeout = ${WRITER_WAIT_MS}`);
    useWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    return db;
  } catch (err) {
    db?.close();
    throw storeError(path, err);
  }
}

/**
 * WAL is a property of the file, set once when the file is new. Changing it
 * takes an exclusive lock, and SQLite answers BUSY at once (no busy handler:
 * it would deadlock) when two processes create one workspace together, so
 * the switch is tried again until the other has made it or the wait is over.
 */
function useWal(db: Database.Database): void {
  const until = Date.now() + WRITER_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!isBusy(err) || Date.now() > until) throw err;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
}

/** A reader of an older workspace has it upgraded first, by a short-lived writer (which says why if it cannot). */
function openCurrentReader(path: string): Database.Database {
  const db = openReader(path);
  if (db) return db;
  openWriter(path).close();
  const again = openReader(path);
  if (!again) throw new StoreError(`cannot open workspace ${path}: its schema could not be upgraded`);
  return again;
}

/**
 * A read-only connection, or undefined when the workspace's schema is older
 * than this newslens: the caller has it upgraded by a short-lived writer
 * and opens again (a second time it is current, or the upgrade failed).
 */
function openReader(path: string): Database.Database | undefined {
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma(`busy_timeout = ${READER_WAIT_MS}`);
      db.pragma('user_version');
    } catch (err) {
      db?.close();
      db = undefined;
      // A WAL file in a folder the user cannot write: SQLite cannot make its
      // shared-memory file. With no log beside it nothing is uncommitted, so
      // the file can be read as immutable (nobody can be writing it).
      const code = (err as { code?: string }).code ?? '';
      if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code) || existsSync(`${path}-wal`)) throw err;
      const uri = resolve(path).split('/').map(encodeURIComponent).join('/');
      db = new Database(`file:${uri}?immutable=1`, { readonly: true, fileMustExist: true });
    }
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw newerSchema(path, version);
    if (version < MIGRATIONS.length) {
      db.close();
      return undefined;
    }
    return db;
  } catch (err) {
    db?.close();
    throw storeError(path, err);
  }
}

const newerSchema = (path: string, v: number) => new StoreError(`workspace ${path} has schema version ${v}, newer than this newslens (${MIGRATIONS.length}); upgrade newslens`);

/**
 * Brings the schema up to date. The version is read again inside each
 * write transaction (BEGIN IMMEDIATE), so two processes opening a new
 * workspace at once apply each migration once: the second waits, then
 * finds it done.
 */
function migrate(db: Database.Database, path: string): void {
  for (;;) {
    const seen = db.pragma('user_version', { simple: true }) as number;
    if (seen > MIGRATIONS.length) throw newerSchema(path, seen);
    if (seen === MIGRATIONS.length) return;
    db.transaction(() => {
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v >= MIGRATIONS.length) return;
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

/**
 * Raw records are kept for `reprocess`. Most inputs are clean already, so a
 * raw text equal to the article's clean text is not stored twice: the record
 * says `textIsClean` and the text is read back from the article. (Before an
 * update changes that text, the raw text is written out; see replaceArticles.)
 */
type PackedRaw = Omit<RawArticle, 'text'> & { text?: string; textIsClean?: true };

function packRaw(raw: RawArticle, cleanText: string): string {
  if (raw.text !== cleanText) return JSON.stringify(raw);
  const { text: _, ...rest } = raw;
  return JSON.stringify({ ...rest, textIsClean: true } satisfies PackedRaw);
}

function unpackRaw(data: string, cleanText: string): RawArticle {
  const p = JSON.parse(data) as PackedRaw;
  const { textIsClean, text, ...rest } = p;
  return { ...rest, text: textIsClean ? cleanText : text ?? '' };
}

export class SqliteStore implements Store {
  private readonly insertArticle;
  private readonly insertSection;
  private readonly insertRaw;
  private readonly findByHashStmt;
  private readonly deleteSections;
  private readonly updateArticle;
  private readonly updateDerived;
  /** The outlet attributes, read again when this connection or another has written (data_version). */
  private outletRows: OutletAttribute[] | undefined;
  private outletRowsAt = -1;
  private readonly selectSearched;
  private readonly selectSections;
  private readonly insertMention;
  private readonly insertFigure;
  private readonly selectMentions;
  private readonly selectFigures;
  private readonly selectMentionsJson;
  private readonly deleteAnnotations;
  private readonly selectRaw;
  private readonly updateRaw;
  private readonly addTx;
  private readonly selectFetch;
  private readonly upsertFetch;
  private readonly selectEntry;
  private readonly insertEntry;
  private readonly search: SqliteSearch;
  /** The search side itself, for tests and benchmarks that compare our postings with FTS5. */
  get fullText(): SqliteSearch {
    return this.search;
  }
  private readonly entities: EntityTables;
  private readonly knowledge: KnowledgeTables;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.entities = new EntityTables(db);
    this.knowledge = new KnowledgeTables(db);
    this.search = new SqliteSearch(db, this.entities);
    this.insertArticle = db.prepare(`INSERT INTO articles
      (hash, external_id, source, locator, format, outlet, url, title, published, language, authors, categories, author_names, category_names, meta, warnings, text, pipeline_version, ingested_at, processed_at, furniture_seen)
      VALUES (@hash, @external_id, @source, @locator, @format, @outlet, @url, @title, @published, @language, @authors, @categories, @author_names, @category_names, @meta, @warnings, @text, @pipeline_version, @ingested_at, @processed_at, @furniture_seen)
      ON CONFLICT(hash) DO NOTHING`);
    this.insertSection = db.prepare('INSERT INTO sections (article_id, seq, kind, start, end, name, role) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.selectFetch = db.prepare('SELECT url, etag, last_modified, status, checked_at FROM fetch_state WHERE url = ?');
    this.upsertFetch = db.prepare(`INSERT INTO fetch_state (url, etag, last_modified, status, checked_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, status=excluded.status, checked_at=excluded.checked_at`);
    this.selectEntry = db.prepare('SELECT 1 FROM feed_entries WHERE feed = ? AND entry = ?').pluck();
    this.insertEntry = db.prepare('INSERT OR IGNORE INTO feed_entries (feed, entry, seen_at) VALUES (?, ?, ?)');
    this.insertRaw = db.prepare('INSERT INTO raw (article_id, data) VALUES (?, ?)');
    this.findByHashStmt = db.prepare('SELECT id FROM articles WHERE hash = ?').pluck();
    this.deleteSections = db.prepare('DELETE FROM sections WHERE article_id = ?');
    this.updateArticle = db.prepare(`UPDATE articles SET hash=@hash, external_id=@external_id, outlet=@outlet, url=@url, title=@title,
      published=@published, language=@language, authors=@authors, categories=@categories, author_names=@author_names, category_names=@category_names, meta=@meta, warnings=@warnings, text=@text,
      pipeline_version=@pipeline_version, processed_at=@processed_at, furniture_seen=@furniture_seen WHERE id=@id`);
    // The same, leaving the searched columns alone: their triggers re-index the article in FTS5
    // and the postings, which a reprocess that changed only annotations need not pay for.
    this.updateDerived = db.prepare(`UPDATE articles SET hash=@hash, external_id=@external_id, url=@url,
      published=@published, authors=@authors, categories=@categories, meta=@meta, warnings=@warnings,
      pipeline_version=@pipeline_version, processed_at=@processed_at, furniture_seen=@furniture_seen WHERE id=@id`);
    this.selectSearched = db.prepare('SELECT title, text, outlet, author_names, category_names, language FROM articles WHERE id = ?');
    this.addTx = db.transaction((n: NewArticle, time: string) => this.addOne(n, time));
    this.selectRaw = db.prepare('SELECT r.data, a.text FROM raw r JOIN articles a ON a.id = r.article_id WHERE r.article_id = ?');
    this.updateRaw = db.prepare('UPDATE raw SET data = ? WHERE article_id = ?');
    this.selectSections = db.prepare('SELECT article_id, kind, start, end, name, role FROM sections WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, seq').raw(true);
    this.insertMention = db.prepare('INSERT INTO mentions (article_id, seq, start, end, type, entity_id, surface, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertFigure = db.prepare('INSERT INTO figures (article_id, seq, start, end, kind, value, num, max, unit, item, qualifier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.selectMentions = db.prepare('SELECT article_id, start, end, type, entity_id, parent_id FROM mentions WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, seq').raw(true);
    this.selectMentionsJson = db
      .prepare(
        `SELECT article_id, json_group_array(CASE
           WHEN entity_id IS NULL AND parent_id IS NULL THEN json_object('start', start, 'end', end, 'type', type, 'text', surface)
           WHEN parent_id IS NULL THEN json_object('start', start, 'end', end, 'type', type, 'entityId', entity_id, 'text', surface)
           WHEN entity_id IS NULL THEN json_object('start', start, 'end', end, 'type', type, 'parentId', parent_id, 'text', surface)
           ELSE json_object('start', start, 'end', end, 'type', type, 'entityId', entity_id, 'parentId', parent_id, 'text', surface) END ORDER BY seq)
         FROM mentions WHERE article_id IN (SELECT value FROM json_each(?)) GROUP BY article_id`,
      )
      .raw(true);
    this.selectFigures = db.prepare('SELECT article_id, start, end, kind, value, num, max, unit, item, qualifier FROM figures WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, seq').raw(true);
    const delMentions = db.prepare('DELETE FROM mentions WHERE article_id = ?');
    const delFigures = db.prepare('DELETE FROM figures WHERE article_id = ?');
    this.deleteAnnotations = (id: number) => {
      delMentions.run(id);
      delFigures.run(id);
      this.knowledge.delete(id);
    };
  }

  private row(a: Article, time: string) {
    return {
      hash: a.hash,
      external_id: a.externalId ?? null,
      source: a.source,
      locator: a.locator ?? null,
      format: a.format,
      outlet: a.outlet ?? null,
      url: a.url ?? null,
      title: a.title,
      published: a.published ?? null,
      language: a.language ?? null,
      authors: JSON.stringify(a.authors),
      categories: JSON.stringify(a.categories),
      author_names: a.authors.map((x) => x.name).join('; '),
      category_names: a.categories.join('; '),
      meta: JSON.stringify(a.meta),
      warnings: JSON.stringify(a.warnings),
      text: a.text,
      pipeline_version: PIPELINE_VERSION,
      furniture_seen: a.furnitureSeen ? 1 : 0,
      ingested_at: time,
      processed_at: time,
    };
  }

  /** Sections, mentions and figures: everything an article has besides its row. */
  private writeParts(id: number, a: Article): void {
    a.sections.forEach((s, i) => this.insertSection.run(id, i, s.kind, s.start, s.end, s.name ?? null, s.role ?? null));
    a.mentions.forEach((m, i) => this.insertMention.run(id, i, m.start, m.end, m.type, m.entityId ?? null, a.text.slice(m.start, m.end), m.parentId ?? null));
    a.figures.forEach((f, i) =>
      this.insertFigure.run(id, i, f.start, f.end, f.kind, f.value === null ? null : String(f.value), typeof f.value === 'number' ? f.value : null, f.max === undefined ? null : String(f.max), f.unit ?? null, f.item ?? null, f.qualifier ?? null),
    );
    this.knowledge.write(id, a);
  }

  private addOne(n: NewArticle, time: string): AddOutcome {
    const info = this.insertArticle.run(this.row(n.article, time));
    if (info.changes === 0) return { status: 'duplicate', id: this.findByHashStmt.get(n.article.hash) as number };
    const id = Number(info.lastInsertRowid);
    this.writeParts(id, n.article);
    this.insertRaw.run(id, packRaw(n.raw, n.article.text));
    return { status: 'added', id };
  }

  /**
   * Writes articles in one short write transaction (BEGIN IMMEDIATE, so a
   * second writer waits its turn instead of failing), each in its own
   * savepoint so one failure loses nothing else; indexes them for search in
   * the same transaction, and marks the corpus entities as due a rebuild.
   */
  addArticles(batch: NewArticle[]): AddOutcome[] {
    if (!batch.length) return [];
    this.search.writes++;
    const time = now();
    try {
      return this.writeTx(() => {
        const outcomes = batch.map((n): AddOutcome => {
          try {
            return this.addTx(n, time);
          } catch (err) {
            return { status: 'failed', message: `could not store: ${(err as Error).message}` };
          }
        });
        if (outcomes.some((o) => o.status === 'added')) {
          this.search.indexNew();
          // Only added: the stored facet columns still hold for the articles before (unless an earlier write rewrote some).
          if (this.knowledge.getSetting(ENTITIES_STALE) === undefined) this.knowledge.setSetting(ENTITIES_STALE, STALE_ADDED);
        }
        return outcomes;
      });
    } catch (err) {
      throw storeError(this.path, err, 'write to');
    }
  }

  addArticle(n: NewArticle): AddOutcome {
    return this.addArticles([n])[0]!;
  }

  indexNew(): void {
    // Checked first without a write lock: an open that finds nothing to index writes nothing.
    if (this.search.upToDate()) return;
    this.writeTx(() => this.search.indexNew());
  }

  /** A write transaction that takes the write lock at its start, waiting for another writer's. */
  private writeTx<T>(body: () => T): T {
    return this.db.transaction(body).immediate();
  }

  replaceArticles(batch: Array<{ id: number; article: Article }>): AddOutcome[] {
    this.search.writes++;
    const time = now();
    const one = this.db.transaction(({ id, article }: { id: number; article: Article }): AddOutcome => {
      const other = this.findByHashStmt.get(article.hash) as number | undefined;
      if (other !== undefined && other !== id) return { status: 'duplicate', id: other };
      // Keep the raw record whole before the clean text it points at changes.
      const stored = this.selectRaw.get(id) as { data: string; text: string } | undefined;
      if (stored && stored.text !== article.text && stored.data.includes('"textIsClean":true')) {
        this.updateRaw.run(JSON.stringify(unpackRaw(stored.data, stored.text)), id);
      }
      const { ingested_at: _, source: _s, locator: _l, format: _f, ...row } = this.row(article, time);
      const was = this.selectSearched.get(id) as Record<string, unknown> | undefined;
      const searchedSame = was && (['title', 'text', 'outlet', 'author_names', 'category_names', 'language'] as const).every((c) => was[c] === row[c]);
      if (searchedSame) {
        const { title: _t, text: _x, outlet: _o, author_names: _a, category_names: _c, language: _g, ...derived } = row;
        this.updateDerived.run({ ...derived, id });
      } else this.updateArticle.run({ ...row, id });
      this.deleteSections.run(id);
      this.deleteAnnotations(id);
      this.writeParts(id, article);
      return { status: 'added', id };
    });
    return this.writeTx(() => {
      const outcomes = batch.map((b) => {
        try {
          return one(b);
        } catch (err) {
          return { status: 'failed', message: `could not update article ${b.id}: ${(err as Error).message}` } as AddOutcome;
        }
      });
      // Edited texts re-indexed in the postings with the batch (FTS5 follows by its triggers).
      this.search.indexNew();
      if (outcomes.some((o) => o.status === 'added')) {
        this.knowledge.setSetting(ENTITIES_STALE, STALE_CHANGED);
        // Readers' article columns must be read whole again (search-sql.ts), not grown.
        this.knowledge.setSetting(ARTICLES_REWRITTEN, String(Number(this.knowledge.getSetting(ARTICLES_REWRITTEN) ?? 0) + 1));
      }
      return outcomes;
    });
  }

  /**
   * Whole articles from their rows, their parts read with one query a
   * table for all of them (by the ids of the rows, which need not be
   * consecutive: an export of a query's matches reads only theirs); only
   * the `parts` asked for (an export of events needs no mentions), the
   * others left empty.
   */
  private toArticles(rows: ArticleRow[], parts: ReadonlySet<ArticlePart> = ALL_PARTS): Article[] {
    if (!rows.length) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const none = new Map<number, never[]>();
    const read = <R extends [number, ...unknown[]], T>(part: ArticlePart, stmt: Database.Statement, make: (row: R) => T) => (parts.has(part) ? groupByArticle(stmt.all(ids) as R[], make) : none);
    const sections = read('sections', this.selectSections, toSection);
    const mentions = read('mentions', this.selectMentions, toMention);
    const figures = read('figures', this.selectFigures, toFigure);
    const told = this.knowledge.readOf(ids, { quotes: parts.has('quotes'), events: parts.has('events'), tones: parts.has('tones') });
    return rows.map((r) => {
      const a: Article = {
        id: r.id,
        mentions: mentions.get(r.id) ?? [],
        figures: figures.get(r.id) ?? [],
        quotes: [],
        events: [],
        entityTones: [],
        frames: [],
        ...told.get(r.id),
        hash: r.hash,
        source: r.source,
        format: r.format as Format,
        title: r.title,
        authors: JSON.parse(r.authors) as Author[],
        categories: JSON.parse(r.categories) as string[],
        text: r.text,
        sections: sections.get(r.id) ?? [],
        meta: JSON.parse(r.meta) as Record<string, string>,
        warnings: JSON.parse(r.warnings) as string[],
      };
      const tone = KnowledgeTables.toneOf(r);
      if (tone) a.tone = tone;
      if (r.external_id !== null) a.externalId = r.external_id;
      if (r.locator !== null) a.locator = r.locator;
      if (r.outlet !== null) a.outlet = r.outlet;
      if (r.url !== null) a.url = r.url;
      if (r.published !== null) a.published = r.published;
      if (r.language !== null) a.language = r.language;
      return a;
    });
  }

  findByHash(hash: string): number | undefined {
    return this.findByHashStmt.get(hash) as number | undefined;
  }

  getArticle(ref: string): Article | undefined {
    const q = (sql: string, v: unknown) => this.db.prepare(`SELECT * FROM articles WHERE ${sql} LIMIT 1`).get(v) as ArticleRow | undefined;
    let row: ArticleRow | undefined;
    if (/^\d+$/.test(ref)) row = q('id = ?', Number(ref));
    row ??= q('external_id = ?', ref);
    if (!row && /^[0-9a-f]{8,}$/i.test(ref)) row = q('hash LIKE ?', `${ref.toLowerCase()}%`);
    return row ? this.toArticles([row])[0] : undefined;
  }

  listArticles(opts: ListOptions = {}): ArticleSummary[] {
    const order = opts.order === 'published' ? 'published IS NULL, published DESC, id' : 'id';
    const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY ${order} LIMIT ? OFFSET ?`).all(opts.limit ?? 50, opts.offset ?? 0) as Array<Record<string, unknown>>;
    return rows.map(toSummary);
  }

  match(text: Node): Int32Array {
    return this.search.match(text);
  }

  rank(text: Node, k: number, within?: Int32Array): Ranked[] {
    return this.search.rank(text, k, within);
  }

  /** Merges the full-text index and the postings into one segment each; for a workspace that is done growing. */
  optimizeIndex(): void {
    this.search.writes++;
    optimizeIndex(this.db);
  }

  columns(): ArticleColumns {
    return this.search.columns();
  }

  summaries(ids: number[]): ArticleSummary[] {
    return this.search.summaries(ids);
  }

  /** Regroups the mentions into corpus entities (users' edits applied again); one write transaction, read and write together. */
  rebuildEntities(): string[] {
    this.search.writes++;
    return this.writeTx(() => {
      const unmatched = this.entities.rebuild();
      saveFacetColumns(this.db);
      this.search.saveColumns();
      this.knowledge.setSetting(ENTITIES_STALE, undefined);
      return unmatched;
    });
  }

  /**
   * Rebuilds the corpus entities when articles were written or changed
   * since the last rebuild, whoever wrote them: a run killed before its
   * rebuild leaves the mark, and the next run (even one adding nothing)
   * finds it.
   */
  rebuildEntitiesIfStale(): void {
    if (this.knowledge.getSetting(ENTITIES_STALE) !== undefined) this.rebuildEntities();
  }

  editEntity(edit: EntityEdit): string[] {
    return this.writeTx(() => {
      // Stored by a key of each entity, not its name or id: a later rename, merge or new
      // article cannot make the correction point elsewhere.
      const stable = (ref: string) => {
        const hit = this.entities.lookup(ref);
        const key = hit && this.entities.anchorKey(hit.id);
        return { id: hit?.id, ref: key ? keyRef(key) : ref };
      };
      const target = stable(edit.target);
      const value = edit.action === 'merge' ? stable(edit.value).ref : edit.value;
      const keys = edit.action === 'split' && target.id !== undefined ? this.entities.keysHolding(target.id, edit.value) : undefined;
      this.entities.addEdit({ ...edit, target: target.ref, value }, keys);
      return this.rebuildEntities();
    });
  }

  undoEntityEdit(seq: number): boolean {
    return this.writeTx(() => {
      if (!this.entities.removeEdit(seq)) return false;
      this.rebuildEntities();
      return true;
    });
  }

  entityEdits(): Array<EntityEdit & { seq: number; at: string }> {
    return this.entities.edits().map(({ keys: _, ...e }) => e);
  }

  listEntities(opts: { type?: string; limit: number; offset: number }): Entity[] {
    return this.entities.list(opts);
  }

  entitiesNamed(name: string): Entity[] {
    const hit = this.entities.lookup(name);
    return hit ? [hit.id, ...hit.others.map((o) => o.id)].map((id) => this.entities.get(id)!) : [];
  }

  entityKeys(): Map<string, { id: number; name: string; type: string }> {
    const rows = this.db.prepare('SELECT k.key, e.id, e.name, e.type FROM entity_keys k JOIN entities e ON e.id = k.entity_id').all() as Array<{ key: string; id: number; name: string; type: string }>;
    return new Map(rows.map((r) => [r.key, { id: r.id, name: r.name, type: r.type }]));
  }

  entitiesOfKeys(keys: Iterable<string>): Map<string, { id: number; name: string; type: string }> {
    const stmt = this.db.prepare('SELECT e.id, e.name, e.type FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = ?');
    const out = new Map<string, { id: number; name: string; type: string }>();
    for (const key of new Set(keys)) {
      const row = stmt.get(key) as { id: number; name: string; type: string } | undefined;
      if (row) out.set(key, row);
    }
    return out;
  }

  texts(ids: ArrayLike<number>, whole = false): Iterable<{ id: number; title: string; text: string }> {
    return this.search.texts(ids, whole);
  }

  articlesMentioning(name: string): Int32Array {
    return this.search.articlesMentioning(name);
  }

  entityCounts(ids: ArrayLike<number>, limit: number): Array<{ key: string; type: string; count: number }> {
    return this.search.entityCounts(ids, limit);
  }

  articlesWith(kind: AnnotationFacet, values: string[]): Int32Array {
    return this.search.articlesWith(kind, values);
  }

  annotationCounts(kind: AnnotationFacet, ids: ArrayLike<number>, limit: number): Array<{ key: string; count: number }> {
    return this.search.annotationCounts(kind, ids, limit);
  }

  quotes(filter: QuoteFilter): QuoteRow[] {
    return this.knowledge.quotes(filter);
  }

  events(filter: EventFilter): EventRow[] {
    return this.knowledge.events(filter);
  }

  frameTotals(within?: ArrayLike<number>): FrameTotals {
    return this.knowledge.frameTotals(within);
  }

  toneByOutlet(keys: string[], within?: ArrayLike<number>): Array<{ outlet: string; articles: number; tone: number }> {
    return this.knowledge.toneByOutlet(keys, within);
  }

  meanTone(within: ArrayLike<number>): { articles: number; tone: number } | undefined {
    return this.knowledge.meanTone(within);
  }

  topSpeakers(within: ArrayLike<number>, limit: number): SpeakerCount[] {
    return this.knowledge.topSpeakers(within, limit);
  }

  keysNamed(name: string): string[] {
    return this.knowledge.keysOfEntities(this.entities.idsNamed(name));
  }

  frameDictionary(): string | undefined {
    return this.knowledge.getSetting('frames');
  }

  setFrameDictionary(text: string | undefined, count: (text: string) => FrameCount[]): number {
    this.knowledge.setSetting('frames', text);
    return this.knowledge.recountFrames(text === undefined ? () => [] : count);
  }

  countArticles(): number {
    return this.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  }

  *iterateArticles(opts: { parts?: ArticlePart[]; ids?: ArrayLike<number> } = {}): Iterable<Article> {
    const parts = opts.parts ? new Set(opts.parts) : ALL_PARTS;
    if (opts.ids) {
      const page = this.db.prepare('SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');
      for (let i = 0; i < opts.ids.length; i += ARTICLE_PAGE) {
        yield* this.toArticles(page.all(JSON.stringify(Array.prototype.slice.call(opts.ids, i, i + ARTICLE_PAGE))) as ArticleRow[], parts);
      }
      return;
    }
    // Paged by id rather than one open cursor, so callers may write meanwhile.
    let after = 0;
    for (;;) {
      const rows = this.db.prepare('SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?').all(after, ARTICLE_PAGE) as ArticleRow[];
      if (!rows.length) return;
      yield* this.toArticles(rows, parts);
      after = rows[rows.length - 1]!.id;
    }
  }

  mentionsJson(ids: ArrayLike<number>): Map<number, string> {
    // Made by SQLite's JSON functions, not read into objects and stringified:
    // half a million mentions in the corpus made that most of an export's time.
    // Its text is the stored surface, the article text's slice [start, end).
    // Keys as the Mention objects have them: entityId and parentId only when set.
    const out = new Map<number, string>();
    for (const [id, json] of this.selectMentionsJson.all(JSON.stringify(Array.from(ids))) as Array<[number, string]>) out.set(id, json);
    return out;
  }

  rawPage(afterId: number, limit: number, onlyOutdated: boolean, only?: ArrayLike<number>): StoredRaw[] {
    const rows = this.db
      .prepare(`SELECT a.id, a.pipeline_version AS version, r.data, a.text FROM articles a JOIN raw r ON r.article_id = a.id
        WHERE a.id > ? ${onlyOutdated ? 'AND a.pipeline_version < ?' : 'AND ? IS NOT NULL'} ${only ? 'AND a.id IN (SELECT value FROM json_each(?))' : ''} ORDER BY a.id LIMIT ?`)
      .all(afterId, PIPELINE_VERSION, ...(only ? [JSON.stringify(Array.from(only))] : []), limit) as Array<{ id: number; version: number; data: string; text: string }>;
    return rows.map((r) => ({ id: r.id, version: r.version, raw: unpackRaw(r.data, r.text) }));
  }

  outletAttributes(): OutletAttribute[] {
    // Kept until this connection or another writes (a long-lived reader, such as the server's, sees other writers' changes).
    const version = this.dataVersion();
    if (!this.outletRows || this.outletRowsAt !== version) {
      this.outletRows = this.db.prepare('SELECT outlet, attribute, value FROM outlet_attributes ORDER BY outlet, attribute').all() as OutletAttribute[];
      this.outletRowsAt = version;
    }
    return this.outletRows;
  }

  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  setOutletAttributes(rows: OutletAttribute[]): number {
    const insert = this.db.prepare('INSERT OR REPLACE INTO outlet_attributes (outlet, attribute, value) VALUES (?, ?, ?)');
    this.outletRows = undefined;
    return this.writeTx(() => {
      this.db.exec('DELETE FROM outlet_attributes');
      for (const r of rows) insert.run(r.outlet, r.attribute, r.value);
      return rows.length;
    });
  }

  furniture(): { model: FurnitureModel; articles: number } | undefined {
    const text = this.knowledge.getSetting(FURNITURE);
    return text === undefined ? undefined : (JSON.parse(text) as { model: FurnitureModel; articles: number });
  }

  setFurniture(model: FurnitureModel, articles: number): void {
    this.writeTx(() => this.knowledge.setSetting(FURNITURE, JSON.stringify({ model, articles })));
  }

  furnitureUnseen(): number[] {
    return this.db.prepare('SELECT id FROM articles WHERE furniture_seen = 0 ORDER BY id').pluck().all() as number[];
  }

  markFurnitureSeen(ids: number[]): void {
    const mark = this.db.prepare('UPDATE articles SET furniture_seen = 1 WHERE id = ?');
    this.writeTx(() => {
      for (const id of ids) mark.run(id);
    });
  }

  boilerplateSpans(ids: ArrayLike<number>): Map<number, Array<[number, number]>> {
    const out = new Map<number, Array<[number, number]>>();
    const stmt = this.db.prepare(`SELECT article_id AS id, start, end FROM sections WHERE kind = 'boilerplate' AND article_id IN (SELECT value FROM json_each(?))`);
    for (let i = 0; i < ids.length; i += 1000) {
      for (const r of stmt.all(JSON.stringify(Array.prototype.slice.call(ids, i, i + 1000))) as Array<{ id: number; start: number; end: number }>) {
        (out.get(r.id) ?? out.set(r.id, []).get(r.id)!).push([r.start, r.end]);
      }
    }
    return out;
  }

  stats(): StoreStats {
    const one = <T>(sql: string, ...args: unknown[]) => this.db.prepare(sql).get(...args) as T;
    const groups = (sql: string) => this.db.prepare(sql).all() as Array<{ key: string; count: number }>;
    const totals = one<{ n: number; chars: number | null; first: string | null; last: string | null; undated: number | null; outlets: number; outdated: number | null }>(
      `SELECT count(*) AS n, sum(length(text)) AS chars, min(published) AS first, max(published) AS last,
        sum(published IS NULL) AS undated, count(DISTINCT outlet) AS outlets, sum(pipeline_version < ?) AS outdated FROM articles`,
      PIPELINE_VERSION,
    );
    const s: StoreStats = {
      path: this.path,
      articles: totals.n,
      chars: totals.chars ?? 0,
      undated: totals.undated ?? 0,
      outlets: totals.outlets,
      outdated: totals.outdated ?? 0,
      byFormat: groups('SELECT format AS key, count(*) AS count FROM articles GROUP BY format ORDER BY count DESC'),
      byLanguage: groups(`SELECT coalesce(language, 'unknown') AS key, count(*) AS count FROM articles GROUP BY language ORDER BY count DESC LIMIT 10`),
      byOutlet: groups(`SELECT coalesce(outlet, 'unknown') AS key, count(*) AS count FROM articles GROUP BY outlet ORDER BY count DESC LIMIT 10`),
      sections: groups('SELECT kind AS key, count(*) AS count FROM sections GROUP BY kind ORDER BY count DESC'),
      mentions: groups('SELECT type AS key, count(*) AS count FROM mentions GROUP BY type ORDER BY count DESC'),
      figures: groups('SELECT kind AS key, count(*) AS count FROM figures GROUP BY kind ORDER BY count DESC'),
      fileBytes: fileSize(this.path),
    };
    if (totals.first) s.firstPublished = totals.first;
    if (totals.last) s.lastPublished = totals.last;
    return s;
  }

  fetchState(url: string): FetchState | undefined {
    const r = this.selectFetch.get(url) as { url: string; etag: string | null; last_modified: string | null; status: number | null; checked_at: string } | undefined;
    if (!r) return undefined;
    const st: FetchState = { url: r.url, checkedAt: r.checked_at };
    if (r.etag) st.etag = r.etag;
    if (r.last_modified) st.lastModified = r.last_modified;
    if (r.status !== null) st.status = r.status;
    return st;
  }

  saveFetchState(st: FetchState): void {
    this.upsertFetch.run(st.url, st.etag ?? null, st.lastModified ?? null, st.status ?? null, st.checkedAt);
  }

  watchedFeeds(): WatchedFeed[] {
    const rows = this.db.prepare('SELECT id, url, interval_seconds, follow, added_at, polled_at, last_result FROM watched_feeds ORDER BY id').all() as Array<{
      id: number;
      url: string;
      interval_seconds: number;
      follow: number;
      added_at: string;
      polled_at: string | null;
      last_result: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      intervalSeconds: r.interval_seconds,
      follow: r.follow === 1,
      addedAt: r.added_at,
      ...(r.polled_at ? { polledAt: r.polled_at } : {}),
      ...(r.last_result ? { lastResult: r.last_result } : {}),
    }));
  }

  watchFeed(url: string, intervalSeconds: number, follow: boolean): WatchedFeed {
    this.db
      .prepare('INSERT INTO watched_feeds (url, interval_seconds, follow, added_at) VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET interval_seconds = excluded.interval_seconds, follow = excluded.follow')
      .run(url, intervalSeconds, follow ? 1 : 0, new Date().toISOString());
    return this.watchedFeeds().find((f) => f.url === url)!;
  }

  unwatchFeed(id: number): boolean {
    return this.db.prepare('DELETE FROM watched_feeds WHERE id = ?').run(id).changes > 0;
  }

  feedPolled(id: number, at: string, result: string): void {
    this.db.prepare('UPDATE watched_feeds SET polled_at = ?, last_result = ? WHERE id = ?').run(at, result, id);
  }

  seenEntry(feed: string, entry: string): boolean {
    return this.selectEntry.get(feed, entry) !== undefined;
  }

  markEntry(feed: string, entry: string): void {
    this.insertEntry.run(feed, entry, new Date().toISOString());
  }

  close(): void {
    this.db.close();
  }
}

function fileSize(path: string): number {
  let n = 0;
  for (const f of [path, `${path}-wal`]) {
    try {
      n += statSync(f).size;
    } catch {
      /* no such file */
    }
  }
  return n;
}
