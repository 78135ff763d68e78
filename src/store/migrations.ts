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
  // 4: the full-text index (FTS5, BM25) over title, text and the fields the
  // search language filters on. External content: the index holds no second
  // copy of the text; the view says what each column is. Triggers keep the
  // index in step when articles change or go; new articles are indexed by
  // the store in bulk when their batch commits (SqliteStore.indexNew), since
  // FTS5 writes a segment at every savepoint and ingest uses one per article. Author and category names are
  // kept as plain text beside their JSON because FTS5 reads its content
  // through a schema-qualified query in which json_each cannot be resolved. Mentions keep their surface
  // form so entity filters and facets need no text slicing. articles_columns
  // covers what facets read, in id order, so loading them never touches
  // article texts.
  `
  ALTER TABLE articles ADD COLUMN author_names TEXT NOT NULL DEFAULT '';
  ALTER TABLE articles ADD COLUMN category_names TEXT NOT NULL DEFAULT '';
  UPDATE articles SET
    author_names = (SELECT coalesce(group_concat(json_extract(j.value, '$.name'), '; '), '') FROM json_each(articles.authors) j),
    category_names = (SELECT coalesce(group_concat(j.value, '; '), '') FROM json_each(articles.categories) j);
  CREATE VIEW search_source AS
    SELECT id, title, text AS body, coalesce(outlet, '') AS outlet, author_names AS author, category_names AS category, coalesce(language, '') AS lang
    FROM articles;
  CREATE VIRTUAL TABLE search USING fts5(title, body, outlet, author, category, lang,
    content = 'search_source', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
  CREATE TRIGGER search_remove BEFORE DELETE ON articles BEGIN
    INSERT INTO search (search, rowid, title, body, outlet, author, category, lang)
      SELECT 'delete', id, title, body, outlet, author, category, lang FROM search_source WHERE id = old.id;
  END;
  CREATE TRIGGER search_change_old BEFORE UPDATE OF title, text, outlet, author_names, category_names, language ON articles BEGIN
    INSERT INTO search (search, rowid, title, body, outlet, author, category, lang)
      SELECT 'delete', id, title, body, outlet, author, category, lang FROM search_source WHERE id = old.id;
  END;
  CREATE TRIGGER search_change_new AFTER UPDATE OF title, text, outlet, author_names, category_names, language ON articles BEGIN
    INSERT INTO search (rowid, title, body, outlet, author, category, lang)
      SELECT id, title, body, outlet, author, category, lang FROM search_source WHERE id = new.id;
  END;
  INSERT INTO search (search) VALUES ('rebuild');
  ALTER TABLE mentions ADD COLUMN surface TEXT NOT NULL DEFAULT '';
  UPDATE mentions SET surface = (SELECT substr(a.text, mentions.start + 1, mentions.end - mentions.start) FROM articles a WHERE a.id = mentions.article_id);
  CREATE INDEX mentions_surface ON mentions(surface COLLATE NOCASE);
  CREATE INDEX articles_columns ON articles(id, outlet, published, language, authors, categories);
  `,
  // 5: canonical entities. Mentions carry their entity's key (entity_id) and
  // a parent key; the entity tables are rebuilt from the mentions after
  // ingest and reprocess, then users' edits (entity_edits, kept apart) are
  // applied again, so corrections survive reprocessing.
  `
  ALTER TABLE mentions ADD COLUMN parent_id TEXT;
  CREATE INDEX mentions_entity ON mentions(entity_id);
  CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    role TEXT,
    parent TEXT,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
  );
  CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
  CREATE TABLE entity_keys (
    key TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX entity_keys_entity ON entity_keys(entity_id);
  CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL,
    alias TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (entity_id, alias)
  ) WITHOUT ROWID;
  CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);
  CREATE TABLE entity_edits (
    seq INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    value TEXT NOT NULL,
    at TEXT NOT NULL
  );
  `,
  // 6: who said and did what (quotes, events), tone, frames. Actors are
  // kept by entity key in their own tables, so "quotes by X" and "events of
  // X" follow the canonical entity through entity_keys as mentions do.
  `
  ALTER TABLE articles ADD COLUMN tone REAL;
  ALTER TABLE articles ADD COLUMN tone_positive REAL;
  ALTER TABLE articles ADD COLUMN tone_negative REAL;
  ALTER TABLE articles ADD COLUMN tone_words INTEGER;
  CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_keys TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT
  );
  CREATE INDEX quotes_article ON quotes(article_id);
  CREATE TABLE quote_speakers (
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity_key TEXT NOT NULL
  );
  CREATE INDEX quote_speakers_key ON quote_speakers(entity_key);
  CREATE INDEX quote_speakers_quote ON quote_speakers(quote_id);
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT NOT NULL,
    root TEXT NOT NULL,
    source TEXT,
    source_keys TEXT,
    target TEXT,
    target_keys TEXT,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    date TEXT,
    place TEXT,
    place_key TEXT,
    goldstein REAL NOT NULL,
    confidence REAL NOT NULL,
    mood TEXT NOT NULL
  );
  CREATE INDEX events_article ON events(article_id);
  CREATE INDEX events_root ON events(root);
  CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    entity_key TEXT NOT NULL
  );
  CREATE INDEX event_actors_key ON event_actors(entity_key);
  CREATE INDEX event_actors_event ON event_actors(event_id);
  CREATE TABLE entity_tone (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_key TEXT NOT NULL,
    tone REAL NOT NULL,
    positive REAL NOT NULL,
    negative REAL NOT NULL,
    words INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_key)
  ) WITHOUT ROWID;
  CREATE INDEX entity_tone_key ON entity_tone(entity_key);
  CREATE TABLE frame_counts (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    frame TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (article_id, frame)
  ) WITHOUT ROWID;
  CREATE INDEX frame_counts_frame ON frame_counts(frame);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 7: our own positional postings beside FTS5, for ranking broad queries
  // fast (src/store/postings.ts). Segments as ingest batches wrote them;
  // search_dirty lists articles changed or removed since they were indexed
  // (and ids reused), which the next update re-indexes; while it is not
  // empty, FTS5 answers every query. Existing workspaces are indexed when
  // next opened.
  `
  CREATE TABLE search_segments (
    id INTEGER PRIMARY KEY,
    docs INTEGER NOT NULL,
    high INTEGER NOT NULL,
    lengths BLOB NOT NULL
  );
  CREATE TABLE search_postings (
    term TEXT NOT NULL,
    segment INTEGER NOT NULL,
    df INTEGER NOT NULL,
    postings BLOB NOT NULL,
    positions BLOB NOT NULL
  );
  CREATE UNIQUE INDEX search_postings_term ON search_postings(term, segment);
  CREATE TABLE search_dirty (id INTEGER PRIMARY KEY);
  CREATE TRIGGER search_dirty_delete AFTER DELETE ON articles BEGIN
    INSERT OR IGNORE INTO search_dirty (id) VALUES (old.id);
  END;
  CREATE TRIGGER search_dirty_update AFTER UPDATE OF title, text, outlet, author_names, category_names, language ON articles BEGIN
    INSERT OR IGNORE INTO search_dirty (id) VALUES (new.id);
  END;
  CREATE TRIGGER search_dirty_insert AFTER INSERT ON articles WHEN new.id <= (SELECT coalesce(max(high), 0) FROM search_segments) BEGIN
    INSERT OR IGNORE INTO search_dirty (id) VALUES (new.id);
  END;
  `,
  // 8: entities that hold. Every mention key gets a number once (an entity
  // is numbered by the smallest of its keys', so ids survive rebuilds); a
  // split of an alias an article tied to another name moves those mentions
  // to a key of their own, keeping the annotated key in linked_id so the
  // next rebuild starts again from the annotations; whether an article was
  // built knowing its workspace's furniture (src/clean/furniture.ts); quotes' confidence
  // (as events have); outlets' attributes
  // (bias, country, ownership …) for grouping and filtering.
  `
  CREATE TABLE entity_key_ids (
    key TEXT PRIMARY KEY,
    id INTEGER NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE mentions ADD COLUMN linked_id TEXT;
  CREATE INDEX mentions_relinked ON mentions(linked_id) WHERE linked_id IS NOT NULL;
  ALTER TABLE entity_edits ADD COLUMN keys TEXT;
  ALTER TABLE quotes ADD COLUMN confidence REAL;
  ALTER TABLE articles ADD COLUMN furniture_seen INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE outlet_attributes (
    outlet TEXT NOT NULL,
    attribute TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (outlet, attribute)
  ) WITHOUT ROWID;
  `,
  // 9: each article's corpus entities and event roots, as the facet counts
  // read them (src/store/facet-columns.ts), written with every entity
  // rebuild, so a cold search does not join every mention; the feeds the
  // server watches (newslens serve polls them on their interval).
  `
  CREATE TABLE facet_columns (
    kind TEXT PRIMARY KEY,
    start BLOB NOT NULL,
    vals BLOB NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE watched_feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    interval_seconds INTEGER NOT NULL,
    follow INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL,
    polled_at TEXT,
    last_result TEXT
  );
  `,
  // 10: the article columns (outlet, language, date, authors, categories of
  // every article, src/store/article-columns.ts) as they stood at the last
  // entity rebuild, so a new connection reads a few blobs instead of every
  // article row.
  `
  CREATE TABLE article_columns (
    name TEXT PRIMARY KEY,
    data BLOB NOT NULL
  ) WITHOUT ROWID;
  `,
  // 11: CAMEO actor codes beside an event's source and target names (src/nlp/actor-codes.ts);
  // events coded before stay without until `newslens reprocess`.
  `
  ALTER TABLE events ADD COLUMN source_code TEXT;
  ALTER TABLE events ADD COLUMN target_code TEXT;
  `,
];
