/**
 * The Store interface: the only way the stages, queries and interfaces reach
 * stored data, so a server database can sit beside SQLite later.
 */
import type { Article, RawArticle } from '../model.js';

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
export interface FetchState {
  url: string;
  etag?: string;
  lastModified?: string;
  status?: number;
  checkedAt: string;
}

export interface Store {
  readonly path: string;
  fetchState(url: string): FetchState | undefined;
  saveFetchState(state: FetchState): void;
  /** Whether a feed's entry (by id or URL) was taken in before. */
  seenEntry(feed: string, entry: string): boolean;
  markEntry(feed: string, entry: string): void;
  /**
   * Writes one article in its own savepoint, so a failure loses nothing else.
   * Inside beginBatch/commitBatch the articles share one transaction (fast
   * bulk writes that hold no articles in memory); outside, each commits alone.
   */
  addArticle(article: NewArticle): AddOutcome;
  beginBatch(): void;
  commitBatch(): void;
  /** The id of the article with this content hash, if stored. */
  findByHash(hash: string): number | undefined;
  /** By numeric id, external id, or a prefix (8+ hex digits) of the content hash. */
  getArticle(ref: string): Article | undefined;
  listArticles(opts?: ListOptions): ArticleSummary[];
  countArticles(): number;
  /** Every article in id order, streamed (for export). */
  iterateArticles(): Iterable<Article>;
  /** Raw inputs after `afterId`, in id order, for reprocessing. */
  rawPage(afterId: number, limit: number, onlyOutdated: boolean): StoredRaw[];
  /** Replaces an article's derived data (reprocess); keeps id and raw. */
  replaceArticles(batch: Array<{ id: number; article: Article }>): AddOutcome[];
  stats(): StoreStats;
  close(): void;
}
