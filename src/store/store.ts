/**
 * The Store interface: the only way the stages, queries and interfaces reach
 * stored data, so a server database can sit beside SQLite later.
 */
import type { FurnitureModel } from '../clean/furniture.js';
import type { Node } from '../query/language.js';
import type { Event, EventMood, FrameCount, Quote, QuoteKind, Article, Entity, RawArticle } from '../model.js';
import type { EntityEdit } from './entities-sql.js';

export interface ArticleSummary {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
  language?: string;
  format: string;
  source: string;
  chars: number;
}

export interface NewArticle {
  article: Article;
  raw: RawArticle;
}

/** What happened to one article handed to the store. */
/** An article's parts besides its row ("tones": its tone, its entities' tones and its frame counts). */
export type ArticlePart = 'sections' | 'mentions' | 'figures' | 'quotes' | 'events' | 'tones';

export interface OutletAttribute {
  outlet: string;
  attribute: string;
  value: string;
}

export type AddOutcome = { status: 'added'; id: number } | { status: 'duplicate'; id: number } | { status: 'failed'; message: string };

export interface ListOptions {
  limit?: number;
  offset?: number;
  /** `published` (newest first) or `id` (ingest order). */
  order?: 'published' | 'id';
}

export interface StoreStats {
  path: string;
  articles: number;
  chars: number;
  firstPublished?: string;
  lastPublished?: string;
  undated: number;
  byFormat: Array<{ key: string; count: number }>;
  byLanguage: Array<{ key: string; count: number }>;
  byOutlet: Array<{ key: string; count: number }>;
  outlets: number;
  sections: Array<{ key: string; count: number }>;
  mentions: Array<{ key: string; count: number }>;
  figures: Array<{ key: string; count: number }>;
  outdated: number;
  fileBytes: number;
}

export interface StoredRaw {
  id: number;
  version: number;
  raw: RawArticle;
}

/** What the fetcher last learnt about a URL. */
export interface WatchedFeed {
  id: number;
  url: string;
  intervalSeconds: number;
  follow: boolean;
  addedAt: string;
  polledAt?: string;
  lastResult?: string;
}

export interface FetchState {
  url: string;
  etag?: string;
  lastModified?: string;
  status?: number;
  checkedAt: string;
}

/**
 * Per-article values that facets, filters and sorting read, held in memory as
 * arrays indexed by article id (what search engines call doc values): counting
 * facets over 100,000 matches is then a loop, not 100,000 row lookups.
 * Codes index into the name lists; -1 is "none".
 */
export interface ArticleColumns {
  /** Largest article id; arrays have maxId + 1 entries. */
  maxId: number;
  /** 1 where an article with this id exists. */
  exists: Uint8Array;
  outlet: Int32Array;
  outlets: string[];
  language: Int32Array;
  languages: string[];
  /** Days since 1970-01-01 of the published date; NaN when undated. */
  day: Float64Array;
  /** The published month (`YYYY-MM`) as a code into `months`; -1 when undated. */
  month: Int32Array;
  months: string[];
  /** Authors and categories: ids of article i are values[start[i] .. start[i+1]). */
  authors: Multi;
  categories: Multi;
}

export interface Multi {
  start: Int32Array;
  values: Int32Array;
  names: string[];
}

export interface Ranked {
  id: number;
  /** Relevance, higher is better (negated FTS5 bm25). */
  score: number;
}

/** An article's text with what a search hit shows beside it (read in the same row: a summary's length would read the text twice). */
export interface ArticleText {
  id: number;
  title: string;
  text: string;
  outlet?: string;
  published?: string;
  language?: string;
}

/** Full-text and column access for src/query. */
export interface SearchAccess {
  /** Ids, ascending, of the articles matching a parsed query's text part. */
  match(text: Node): Int32Array;
  /** The `k` most relevant matches (BM25), best first; only among `within` when given. */
  rank(text: Node, k: number, within?: Int32Array): Ranked[];
  columns(): ArticleColumns;
  summaries(ids: number[]): ArticleSummary[];
  /**
   * The clean texts of these articles, in the order given, fetched a page at a time; what is
   * not the article's own words (site furniture, boilerplate, a contact line) blanked with
   * spaces, so counts and phrases are of the article and offsets still hold. `whole`: as stored.
   */
  texts(ids: ArrayLike<number>, whole?: boolean): Iterable<ArticleText>;
  /** Articles mentioning an entity by this name (any case), ascending ids. */
  articlesMentioning(name: string): Int32Array;
  /** How many of these articles mention each entity (by surface form), top `limit`. */
  entityCounts(ids: ArrayLike<number>, limit: number): Array<{ key: string; type: string; count: number }>;
  /**
   * Articles with an event reported as fact (mood asserted) whose CAMEO code
   * starts with one of `codes`, or with a count for this frame (any case); ascending ids.
   */
  articlesWith(kind: AnnotationFacet, values: string[]): Int32Array;
  /** How many of these articles have each event root (asserted events) or frame, top `limit`. */
  annotationCounts(kind: AnnotationFacet, ids: ArrayLike<number>, limit: number): Array<{ key: string; count: number }>;
}

export type AnnotationFacet = 'event' | 'frame';

/** Corpus entities (canonical actors) and users' corrections to them. */
export interface EntityAccess {
  /** Regroups mentions into entities and re-applies the edits; returns the edits that no longer apply. */
  rebuildEntities(): string[];
  /** Rebuilds when articles were written since the last rebuild (by anyone, even a run that was killed). */
  rebuildEntitiesIfStale(): void;
  /** Records an edit and rebuilds. */
  editEntity(edit: EntityEdit): string[];
  /** Takes back the edit with this number and rebuilds; false when there is none. */
  undoEntityEdit(seq: number): boolean;
  entityEdits(): Array<EntityEdit & { seq: number; at: string }>;
  listEntities(opts: { type?: string; limit: number; offset: number }): Entity[];
  /**
   * The entity a reference means ("#id", "Name (TYPE)", a name or alias: the entity owning most
   * of the mentions written so), then the others the name could mean; empty when none. Throws
   * AmbiguousEntityError when no entity clearly owns the name.
   */
  entitiesNamed(name: string): Entity[];
  /** Mention key → its entity, for grouping mentions by actor. */
  entityKeys(): Map<string, { id: number; name: string; type: string }>;
  /** The same, for a few keys only (one article's mentions). */
  entitiesOfKeys(keys: Iterable<string>): Map<string, { id: number; name: string; type: string }>;
}

export interface QuoteFilter {
  /** Quotes whose speaker is one of these entity keys. */
  speakerKeys?: string[];
  /** Quotes whose words mention one of these entity keys. */
  aboutKeys?: string[];
  kinds?: QuoteKind[];
  within?: ArrayLike<number>;
  minConfidence?: number;
  /** Default newest (by article date). */
  sort?: QuoteSort;
  limit: number;
  offset?: number;
}

export type QuoteSort = 'newest' | 'oldest' | 'confidence' | 'prominence' | 'repetition';
export const QUOTE_SORTS: readonly QuoteSort[] = ['newest', 'oldest', 'confidence', 'prominence', 'repetition'];
export type EventSort = 'newest' | 'oldest' | 'confidence' | 'date';
export const EVENT_SORTS: readonly EventSort[] = ['newest', 'oldest', 'confidence', 'date'];

export interface QuoteRow extends Quote {
  article: number;
  title: string;
  outlet?: string | undefined;
  published?: string | undefined;
  /** What was said. */
  text: string;
}

export interface EventFilter {
  actorKeys?: string[];
  /** A CAMEO actor code or its start ("RUS" takes RUSGOV and RUSMIL too). */
  actorCode?: string;
  role?: 'source' | 'target';
  /** A CAMEO code or its prefix ("17", "173"). */
  code?: string;
  moods?: EventMood[];
  within?: ArrayLike<number>;
  minConfidence?: number;
  /** Default newest (by article date). */
  sort?: EventSort;
  limit: number;
  offset?: number;
}

export interface EventRow extends Event {
  article: number;
  title: string;
  outlet?: string | undefined;
  published?: string | undefined;
  trigger: string;
  sentence: string;
}

export interface FrameTotals {
  /** Whether the workspace has a frame dictionary. */
  dictionary: boolean;
  frames: Array<{ frame: string; articles: number; count: number }>;
  byOutlet: Array<{ frame: string; outlet: string; articles: number; count: number }>;
  byMonth: Array<{ frame: string; month: string; articles: number; count: number }>;
}

/** Quotes, events, tone and frames across the corpus. */
export interface SpeakerCount {
  speaker: string;
  quotes: number;
  articles: number;
}

export interface KnowledgeAccess {
  quotes(filter: QuoteFilter): QuoteRow[];
  events(filter: EventFilter): EventRow[];
  frameTotals(within?: ArrayLike<number>): FrameTotals;
  /** Mean tone toward an entity (its keys) per outlet. */
  toneByOutlet(keys: string[], within?: ArrayLike<number>): Array<{ outlet: string; articles: number; tone: number }>;
  /** Mean article tone over these articles (those with a tone), if any has one. */
  meanTone(within: ArrayLike<number>): { articles: number; tone: number } | undefined;
  /** The most quoted speakers in these articles: canonical entity, else the phrase naming the speaker. */
  topSpeakers(within: ArrayLike<number>, limit: number): SpeakerCount[];
  /** Every mention key of the entities a name refers to (canonical name or alias). */
  keysNamed(name: string): string[];
  /** The stored frame dictionary's text, if any. */
  frameDictionary(): string | undefined;
  /** Stores a frame dictionary (or removes it) and recounts every article; returns the articles counted. */
  setFrameDictionary(text: string | undefined, count: (text: string) => FrameCount[]): number;
}

export interface Store extends SearchAccess, EntityAccess, KnowledgeAccess {
  readonly path: string;
  fetchState(url: string): FetchState | undefined;
  saveFetchState(state: FetchState): void;
  /** The feeds the server polls, oldest first. */
  watchedFeeds(): WatchedFeed[];
  /** Adds a feed to watch (or changes its interval and follow, when it is watched already). */
  watchFeed(url: string, intervalSeconds: number, follow: boolean): WatchedFeed;
  unwatchFeed(id: number): boolean;
  /** Records a poll's time and outcome (a one-line summary). */
  feedPolled(id: number, at: string, result: string): void;
  /** Whether a feed's entry (by id or URL) was taken in before. */
  seenEntry(feed: string, entry: string): boolean;
  markEntry(feed: string, entry: string): void;
  /**
   * Writes articles in one short transaction, each in its own savepoint so a
   * failure loses nothing else, and indexes them. Callers annotate first and
   * write after: a transaction never waits on annotation.
   */
  addArticles(batch: NewArticle[]): AddOutcome[];
  /** One article, as addArticles. */
  addArticle(article: NewArticle): AddOutcome;
  /** Merges the search indexes into one segment each: faster queries on a workspace that is done growing. */
  optimizeIndex(): void;
  /** The id of the article with this content hash, if stored. */
  findByHash(hash: string): number | undefined;
  /** By numeric id, external id, or a prefix (8+ hex digits) of the content hash. */
  getArticle(ref: string): Article | undefined;
  listArticles(opts?: ListOptions): ArticleSummary[];
  countArticles(): number;
  /**
   * The mentions of these articles as JSON text, an array per article (none
   * for an article without mentions): what JSON.stringify writes of each
   * article's mentions with their text added (`{start, end, type, entityId?,
   * parentId?, text}`), for the articles export.
   */
  mentionsJson(ids: ArrayLike<number>): Map<number, string>;
  /** Every article in id order, or only those of `ids` (ascending); with only the `parts` asked for, the rest left empty. */
  iterateArticles(opts?: { parts?: ArticlePart[]; ids?: ArrayLike<number> }): Iterable<Article>;
  /** Raw inputs after `afterId`, in id order, for reprocessing; only those of `only` when given. */
  rawPage(afterId: number, limit: number, onlyOutdated: boolean, only?: ArrayLike<number>): StoredRaw[];
  /** Outlets' attributes (bias, country, ownership …), as last set: one row per outlet and attribute. */
  outletAttributes(): OutletAttribute[];
  /** Replaces every outlet attribute with these; returns how many were stored. */
  setOutletAttributes(rows: OutletAttribute[]): number;
  /** What each outlet's pages repeat around its articles, as last learnt (src/clean/furniture.ts). */
  furniture(): { model: FurnitureModel; articles: number } | undefined;
  setFurniture(model: FurnitureModel, articles: number): void;
  /** Articles built before any furniture was known for the workspace (to look at once it is). */
  furnitureUnseen(): number[];
  markFurnitureSeen(ids: number[]): void;
  /** The boilerplate sections of these articles, as [start, end). */
  boilerplateSpans(ids: ArrayLike<number>): Map<number, Array<[number, number]>>;
  /** Replaces an article's derived data (reprocess); keeps id and raw. */
  replaceArticles(batch: Array<{ id: number; article: Article }>): AddOutcome[];
  stats(): StoreStats;
  /** Changes whenever another connection commits a write (SQLite's data_version): for caches in long-lived readers. */
  dataVersion(): number;
  close(): void;
}
