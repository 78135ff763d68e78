/**
 * The scaled workspace's copies given their source article's annotations (bench/search.ts
 * --annotations): annotating a million articles would take a day here, and what the benchmarks
 * need is a million articles whose entity, event and frame facets hold what real news holds.
 *
 * Each copy's text is its source's rotated at a line break (ROTATION_CUT), so every offset is
 * moved with it; a span that the cut falls inside (a section across it, say) is left out. SQLite
 * counts characters where the stored offsets count UTF-16 units, so in a text with characters
 * outside the BMP the moved offsets of that copy are off by those; news text has few. Then the
 * store's own entity rebuild makes the entities, their counts and the facet columns.
 */
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite.js';

/**
 * Where copy @k of a text starts (1-based, SQLite's substr): at the line break after the k mod 5
 * fifth of the text (copies 0, 5, 10 … unrotated). The copy is text[cut…] + "\n" + text[…cut).
 */
export const ROTATION_CUT = `CASE WHEN @k % 5 = 0 THEN 1 ELSE
  coalesce(nullif(instr(substr(text, CAST(length(text) * (@k % 5) / 5 AS INTEGER) + 1), char(10)), 0) + CAST(length(text) * (@k % 5) / 5 AS INTEGER) + 1, 1) END`;

/** An offset of the source moved to the copy: c characters went to the end, after a line break. */
const moved = (p: string) => `(CASE WHEN v.c = 0 OR ${p} >= v.c THEN ${p} - v.c ELSE ${p} + v.len - v.c + 1 END)`;
/** A span that stays whole: both ends on one side of the cut. */
const whole = (s: string, e: string) => `(v.c = 0 OR ${s} >= v.c OR ${e} <= v.c)`;

export function copyAnnotations(bigPath: string, basePath: string, copies: number, log: (s: string) => void): Record<string, number> {
  const db = new Database(bigPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.exec(`ATTACH DATABASE '${basePath.replace(/'/g, "''")}' AS base`);
  const t0 = performance.now();
  const took = () => `${Math.round((performance.now() - t0) / 1000)} s`;
  db.exec('CREATE TEMP TABLE variant (new_id INTEGER PRIMARY KEY, base_id INTEGER NOT NULL, k INTEGER NOT NULL, c INTEGER NOT NULL, len INTEGER NOT NULL)');
  // Copy k of base article b has hash b.hash || ':' || k, bound as bench/search.ts bound it (a number).
  const mapping = db.prepare(`INSERT INTO temp.variant SELECT a.id, b.id, @k, b.cut - 1, b.len
    FROM (SELECT id, hash, length(text) AS len, ${ROTATION_CUT} AS cut FROM base.articles) b JOIN main.articles a ON a.hash = b.hash || ':' || @k`);
  for (let k = 0; k < copies; k++) mapping.run({ k });
  const mapped = db.prepare('SELECT count(*) FROM temp.variant').pluck().get() as number;
  // The copies must still be rotations of their sources as they stand: else every offset is wrong.
  const off = db
    .prepare(`SELECT count(*) FROM temp.variant v JOIN main.articles a ON a.id = v.new_id WHERE length(a.text) != v.len + (v.c > 0)`)
    .pluck()
    .get() as number;
  if (off) throw new Error(`${off} copies are no longer rotations of their source articles (the base changed since they were made)`);
  log(`${mapped} copies mapped to their sources (${took()})`);
  db.exec('CREATE INDEX temp.variant_base ON variant (base_id)');
  // Quote and event ids of copy k are the source's plus (k + 1) times the largest: their speakers and actors follow with no lookup.
  const span = (table: string) => (db.prepare(`SELECT coalesce(max(id), 0) + 1 FROM base.${table}`).pluck().get() as number);
  const quoteSpan = span('quotes');
  const eventSpan = span('events');

  const steps: Array<[string, string]> = [
    [
      'mentions',
      `INSERT INTO main.mentions (article_id, seq, start, end, type, entity_id, surface, parent_id, linked_id)
       SELECT v.new_id, m.seq, ${moved('m.start')}, ${moved('m.end')}, m.type, m.entity_id, m.surface, m.parent_id, m.linked_id
       FROM temp.variant v JOIN base.mentions m ON m.article_id = v.base_id WHERE ${whole('m.start', 'm.end')}`,
    ],
    [
      'figures',
      `INSERT INTO main.figures (article_id, seq, start, end, kind, value, num, max, unit, item, qualifier)
       SELECT v.new_id, f.seq, ${moved('f.start')}, ${moved('f.end')}, f.kind, f.value, f.num, f.max, f.unit, f.item, f.qualifier
       FROM temp.variant v JOIN base.figures f ON f.article_id = v.base_id WHERE ${whole('f.start', 'f.end')}`,
    ],
    [
      'sections',
      `INSERT INTO main.sections (article_id, seq, kind, start, end, name, role)
       SELECT v.new_id, s.seq, s.kind, ${moved('s.start')}, ${moved('s.end')}, s.name, s.role
       FROM temp.variant v JOIN base.sections s ON s.article_id = v.base_id WHERE ${whole('s.start', 's.end')}`,
    ],
    ['frame_counts', `INSERT INTO main.frame_counts SELECT v.new_id, f.frame, f.count FROM temp.variant v JOIN base.frame_counts f ON f.article_id = v.base_id`],
    ['entity_tone', `INSERT INTO main.entity_tone SELECT v.new_id, t.entity_key, t.tone, t.positive, t.negative, t.words, t.sentences FROM temp.variant v JOIN base.entity_tone t ON t.article_id = v.base_id`],
    [
      'quotes',
      `INSERT INTO main.quotes (id, article_id, seq, start, end, kind, speaker, speaker_keys, speaker_start, speaker_end, cue, confidence)
       SELECT (v.k + 1) * ${quoteSpan} + q.id, v.new_id, q.seq, ${moved('q.start')}, ${moved('q.end')}, q.kind, q.speaker, q.speaker_keys,
         CASE WHEN q.speaker_start IS NULL THEN NULL ELSE ${moved('q.speaker_start')} END, CASE WHEN q.speaker_end IS NULL THEN NULL ELSE ${moved('q.speaker_end')} END, q.cue, q.confidence
       FROM temp.variant v JOIN base.quotes q ON q.article_id = v.base_id
       WHERE ${whole('q.start', 'q.end')} AND (q.speaker_start IS NULL OR ${whole('q.speaker_start', 'q.speaker_end')})`,
    ],
    [
      'quote_speakers',
      `INSERT INTO main.quote_speakers (quote_id, entity_key)
       SELECT (v.k + 1) * ${quoteSpan} + qs.quote_id, qs.entity_key FROM temp.variant v JOIN base.quotes bq ON bq.article_id = v.base_id
         JOIN base.quote_speakers qs ON qs.quote_id = bq.id WHERE (v.k + 1) * ${quoteSpan} + bq.id IN (SELECT id FROM main.quotes)`,
    ],
    [
      'events',
      `INSERT INTO main.events (id, article_id, seq, code, root, source, source_keys, target, target_keys, trigger_start, trigger_end, sentence_start, sentence_end,
         date, place, place_key, goldstein, confidence, mood)
       SELECT (v.k + 1) * ${eventSpan} + e.id, v.new_id, e.seq, e.code, e.root, e.source, e.source_keys, e.target, e.target_keys, ${moved('e.trigger_start')}, ${moved('e.trigger_end')},
         ${moved('e.sentence_start')}, ${moved('e.sentence_end')}, e.date, e.place, e.place_key, e.goldstein, e.confidence, e.mood
       FROM temp.variant v JOIN base.events e ON e.article_id = v.base_id WHERE ${whole('e.sentence_start', 'e.sentence_end')}`,
    ],
    [
      'event_actors',
      `INSERT INTO main.event_actors (event_id, role, entity_key)
       SELECT (v.k + 1) * ${eventSpan} + ea.event_id, ea.role, ea.entity_key FROM temp.variant v JOIN base.events be ON be.article_id = v.base_id
         JOIN base.event_actors ea ON ea.event_id = be.id WHERE (v.k + 1) * ${eventSpan} + be.id IN (SELECT id FROM main.events)`,
    ],
  ];
  const rows: Record<string, number> = {};
  for (const [table, sql] of steps) {
    rows[table] = db.transaction(() => db.prepare(sql).run().changes)();
    log(`${table}: ${rows[table]} rows (${took()})`);
  }
  db.close();
  // The store's own rebuild: entities, keys, counts and the facet columns, as an ingest ends.
  const store = openSqliteStore(bigPath);
  try {
    store.rebuildEntities();
  } finally {
    store.close();
  }
  log(`entities rebuilt (${took()})`);
  return { ...rows, seconds: Math.round((performance.now() - t0) / 1000) };
}
