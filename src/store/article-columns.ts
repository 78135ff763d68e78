/**
 * The article columns kept in the workspace (migration 10): written with every entity rebuild,
 * which ends every write of articles, and read by a new connection in place of every article's
 * row. Reading the rows is most of a cold search (30 ms for 6,000 articles, 2 s for a million);
 * the blobs take a few milliseconds. A snapshot is used only while no article it holds has been
 * rewritten since (ARTICLES_REWRITTEN); articles added after it are read from their rows.
 */
import type Database from 'better-sqlite3';
import { asBlob, blobBytes } from './facet-columns.js';
import type { ArticleColumns } from './store.js';

type Typed = Uint8Array | Int32Array | Float64Array;

const ARRAYS = ['exists', 'outlet', 'language', 'day', 'month', 'authors.start', 'authors.values', 'categories.start', 'categories.values'] as const;
type ArrayName = (typeof ARRAYS)[number];

interface Meta {
  maxId: number;
  rewritten: string;
  outlets: string[];
  languages: string[];
  months: string[];
  authors: string[];
  categories: string[];
}

function arraysOf(c: ArticleColumns): Record<ArrayName, Typed> {
  return {
    exists: c.exists,
    outlet: c.outlet,
    language: c.language,
    day: c.day,
    month: c.month,
    'authors.start': c.authors.start,
    'authors.values': c.authors.values,
    'categories.start': c.categories.start,
    'categories.values': c.categories.values,
  };
}

/** Stores the columns as they stand; call in the write transaction that made them so. */
export function saveArticleColumns(db: Database.Database, c: ArticleColumns, rewritten: string): void {
  const meta: Meta = { maxId: c.maxId, rewritten, outlets: c.outlets, languages: c.languages, months: c.months, authors: c.authors.names, categories: c.categories.names };
  const save = db.prepare('INSERT OR REPLACE INTO article_columns (name, data) VALUES (?, ?)');
  save.run('meta', Buffer.from(JSON.stringify(meta)));
  for (const [name, a] of Object.entries(arraysOf(c))) save.run(name, asBlob(a));
}

/** The stored columns, or undefined when there are none or some of their articles were rewritten since. */
export function loadArticleColumns(db: Database.Database, rewritten: string): ArticleColumns | undefined {
  const rows = new Map(db.prepare('SELECT name, data FROM article_columns').raw().all() as Array<[string, Buffer]>);
  const metaBlob = rows.get('meta');
  if (!metaBlob) return undefined;
  const meta = JSON.parse(metaBlob.toString('utf8')) as Meta;
  if (meta.rewritten !== rewritten || ARRAYS.some((name) => !rows.has(name))) return undefined;
  const bytes = (name: ArrayName) => blobBytes(rows.get(name)!);
  return {
    maxId: meta.maxId,
    exists: new Uint8Array(bytes('exists')),
    outlet: new Int32Array(bytes('outlet')),
    outlets: meta.outlets,
    language: new Int32Array(bytes('language')),
    languages: meta.languages,
    day: new Float64Array(bytes('day')),
    month: new Int32Array(bytes('month')),
    months: meta.months,
    authors: { start: new Int32Array(bytes('authors.start')), values: new Int32Array(bytes('authors.values')), names: meta.authors },
    categories: { start: new Int32Array(bytes('categories.start')), values: new Int32Array(bytes('categories.values')), names: meta.categories },
  };
}
