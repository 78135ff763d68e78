/**
 * Versioned schema. Each migration runs once, in order, inside a transaction;
 * `PRAGMA user_version` records how far a workspace has come. Append only:
 * never edit a migration that has shipped.
 */
export const MIGRATIONS: string[] = [
  // 1: articles, their sections, and the raw input they were built from.
  `
  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    external_id TEXT,
    source TEXT NOT NULL,
    locator TEXT,
    format TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    title TEXT NOT NULL DEFAULT '',
    published TEXT,
    language TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    warnings TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    pipeline_version INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    processed_at TEXT NOT NULL
  );
  CREATE INDEX articles_published ON articles(published);
  CREATE INDEX articles_outlet ON articles(outlet);
  CREATE INDEX articles_external_id ON articles(external_id);
  CREATE TABLE sections (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    name TEXT,
    role TEXT,
    PRIMARY KEY (article_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE raw (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    data TEXT NOT NULL
  );
  `,
  // 2: the annotate stage's named-entity mentions and figures.
  `
  CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    type TEXT NOT NULL,
    entity_id TEXT,
    PRIMARY KEY (article_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX mentions_type ON mentions(type);
  CREATE TABLE figures (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    num REAL,
    max TEXT,
    unit TEXT,
    item TEXT,
    qualifier TEXT,
    PRIMARY KEY (article_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX figures_kind ON figures(kind);
  `,
  // 3: what the fetcher knows about each URL (for conditional requests), and
  // the feed entries a watch has already taken in, so restarts resume.
  `
  CREATE TABLE fetch_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    status INTEGER,
    checked_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE feed_entries (
    feed TEXT NOT NULL,
    entry TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed, entry)
  ) WITHOUT ROWID;
  `,
];
