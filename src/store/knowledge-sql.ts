/**
 * Quotes, events, tone and frame counts in SQLite (migration 6): written
 * with each article, read back into it, and listed across the corpus by
 * canonical entity (through entity_keys), CAMEO code, kind or frame.
 */
import type Database from 'better-sqlite3';
import type { Article, EntityTone, Event, EventActor, EventMood, FrameCount, Quote, QuoteKind } from '../model.js';
import type { EventFilter, EventRow, EventSort, FrameTotals, QuoteFilter, QuoteRow, QuoteSort, SpeakerCount } from './store.js';

const keysOf = (a: EventActor | undefined) => a?.ids?.join('\t') ?? null;
const splitKeys = (s: string | null) => (s ? s.split('\t') : undefined);
const jsonList = (xs: ArrayLike<number> | undefined) => (xs ? JSON.stringify(Array.from(xs)) : null);

function actor(name: string | null, keys: string | null): EventActor | undefined {
  if (name === null) return undefined;
  const ids = splitKeys(keys);
  return ids ? { name, ids } : { name };
}

// Quotes and events are read into articles in raw mode, as arrays in the
// order of these fields; listings, which read a page with their article's
// columns, take their fields in the same order.
const QUOTE_FIELDS = ['article_id', 'start', 'end', 'kind', 'speaker', 'speaker_keys', 'speaker_start', 'speaker_end', 'cue', 'confidence'] as const;
type QuoteDb = [article: number, start: number, end: number, kind: string, speaker: string | null, speakerKeys: string | null, speakerStart: number | null, speakerEnd: number | null, cue: string | null, confidence: number | null];
const EVENT_FIELDS = ['article_id', 'code', 'root', 'source', 'source_keys', 'target', 'target_keys', 'trigger_start', 'trigger_end', 'sentence_start', 'sentence_end', 'date', 'place', 'place_key', 'goldstein', 'confidence', 'mood', 'source_code', 'target_code'] as const;
type EventDb = [
  article: number,
  code: string,
  root: string,
  source: string | null,
  sourceKeys: string | null,
  target: string | null,
  targetKeys: string | null,
  triggerStart: number,
  triggerEnd: number,
  sentenceStart: number,
  sentenceEnd: number,
  date: string | null,
  place: string | null,
  placeKey: string | null,
  goldstein: number,
  confidence: number,
  mood: string,
  sourceCode: string | null,
  targetCode: string | null,
];
const fieldsOf = <T>(r: Record<string, unknown>, fields: readonly string[]) => fields.map((f) => r[f]) as T;

type ToneRow = [article: number, entity: string, tone: number, positive: number, negative: number, words: number, sentences: number];
type FrameRow = [article: number, frame: string, count: number];

/** What makes two quotes the same words: their first 80 characters, case aside. */
const ECHO_KEY = (q: string, a: string) => `lower(substr(${a}.text, ${q}.start + 1, 80))`;
/** Quotes shorter than this ("terrorists") are echoed by chance, not repeated. */
const ECHO_MIN_CHARS = 20;

/** Undated articles last whichever way dates run. */
const NEWEST = 'a.published IS NULL, a.published DESC';
const OLDEST = 'a.published IS NULL, a.published';

/**
 * prominence: speakers the corpus names most first; repetition: words more
 * outlets quote (the first 80 characters, case aside) first.
 */
const QUOTE_ORDER: Record<QuoteSort, string> = {
  newest: NEWEST,
  oldest: OLDEST,
  confidence: `coalesce(x.confidence, 0) DESC, ${NEWEST}`,
  prominence: `(SELECT max(e.mentions) FROM quote_speakers s JOIN entity_keys k ON k.key = s.entity_key JOIN entities e ON e.id = k.entity_id WHERE s.quote_id = x.id) DESC NULLS LAST, ${NEWEST}`,
  repetition: `(SELECT outlets FROM temp.quote_echo WHERE k = ${ECHO_KEY('x', 'a')}) DESC NULLS LAST, ${NEWEST}`,
};

/** date: by the date the event happened, where the sentence says it. */
const EVENT_ORDER: Record<EventSort, string> = {
  newest: NEWEST,
  oldest: OLDEST,
  confidence: `x.confidence DESC, ${NEWEST}`,
  date: 'x.date IS NULL, x.date DESC',
};

function toQuote([, start, end, kind, speaker, speakerKeys, speakerStart, speakerEnd, cue, confidence]: QuoteDb): Quote {
  const q: Quote = { start, end, kind: kind as QuoteKind };
  if (speaker !== null) q.speaker = speaker;
  const ids = splitKeys(speakerKeys);
  if (ids) q.speakerIds = ids;
  if (speakerStart !== null) q.speakerStart = speakerStart;
  if (speakerEnd !== null) q.speakerEnd = speakerEnd;
  if (cue !== null) q.cue = cue;
  if (confidence !== null) q.confidence = confidence;
  return q;
}

function toEvent([, code, root, sourceName, sourceKeys, targetName, targetKeys, triggerStart, triggerEnd, sentenceStart, sentenceEnd, date, placeName, placeKey, goldstein, confidence, mood, sourceCode, targetCode]: EventDb): Event {
  const e: Event = { code, root, triggerStart, triggerEnd, sentenceStart, sentenceEnd, goldstein, confidence, mood: mood as EventMood };
  const source = actor(sourceName, sourceKeys);
  const target = actor(targetName, targetKeys);
  if (source && sourceCode !== null) source.code = sourceCode;
  if (target && targetCode !== null) target.code = targetCode;
  const place = actor(placeName, placeKey);
  if (source) e.source = source;
  if (target) e.target = target;
  if (place) e.place = place;
  if (date !== null) e.date = date;
  return e;
}

export class KnowledgeTables {
  private readonly insertQuote;
  private readonly insertSpeaker;
  private readonly insertEvent;
  private readonly insertActor;
  private readonly insertTone;
  private readonly insertFrame;
  private readonly updateTone;
  private readonly articleText;
  private readonly deletes;
  private readonly selectQuotes;
  private readonly selectEvents;
  private readonly selectTones;
  private readonly selectFrames;

  constructor(private readonly db: Database.Database) {
    this.insertQuote = db.prepare('INSERT INTO quotes (article_id, seq, start, end, kind, speaker, speaker_keys, speaker_start, speaker_end, cue, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertSpeaker = db.prepare('INSERT INTO quote_speakers (quote_id, entity_key) VALUES (?, ?)');
    this.insertEvent = db.prepare(`INSERT INTO events (article_id, seq, code, root, source, source_keys, target, target_keys, trigger_start, trigger_end,
      sentence_start, sentence_end, date, place, place_key, goldstein, confidence, mood, source_code, target_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertActor = db.prepare('INSERT INTO event_actors (event_id, role, entity_key) VALUES (?, ?, ?)');
    this.insertTone = db.prepare('INSERT INTO entity_tone (article_id, entity_key, tone, positive, negative, words, sentences) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertFrame = db.prepare('INSERT INTO frame_counts (article_id, frame, count) VALUES (?, ?, ?)');
    this.updateTone = db.prepare('UPDATE articles SET tone = ?, tone_positive = ?, tone_negative = ?, tone_words = ? WHERE id = ?');
    this.articleText = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
    this.deletes = ['quotes', 'events', 'entity_tone', 'frame_counts'].map((table) => db.prepare(`DELETE FROM ${table} WHERE article_id = ?`));
    // By a list of article ids: a page of articles is read with one query a table, not one an article.
    this.selectQuotes = db.prepare(`SELECT ${QUOTE_FIELDS.join(', ')} FROM quotes WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, seq`).raw(true);
    this.selectEvents = db.prepare(`SELECT ${EVENT_FIELDS.join(', ')} FROM events WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, seq`).raw(true);
    this.selectTones = db.prepare('SELECT article_id, entity_key AS entity, tone, positive, negative, words, sentences FROM entity_tone WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, sentences DESC, entity_key').raw(true);
    this.selectFrames = db.prepare('SELECT article_id, frame, count FROM frame_counts WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, count DESC, frame').raw(true);
  }

  write(id: number, a: Article): void {
    a.quotes.forEach((q, i) => {
      const qid = Number(
        this.insertQuote.run(id, i, q.start, q.end, q.kind, q.speaker ?? null, q.speakerIds?.join('\t') ?? null, q.speakerStart ?? null, q.speakerEnd ?? null, q.cue ?? null, q.confidence ?? null).lastInsertRowid,
      );
      for (const key of q.speakerIds ?? []) this.insertSpeaker.run(qid, key);
    });
    a.events.forEach((e, i) => {
      const eid = Number(
        this.insertEvent.run(id, i, e.code, e.root, e.source?.name ?? null, keysOf(e.source), e.target?.name ?? null, keysOf(e.target), e.triggerStart, e.triggerEnd, e.sentenceStart, e.sentenceEnd,
          e.date ?? null, e.place?.name ?? null, keysOf(e.place), e.goldstein, e.confidence, e.mood, e.source?.code ?? null, e.target?.code ?? null).lastInsertRowid,
      );
      for (const key of e.source?.ids ?? []) this.insertActor.run(eid, 'source', key);
      for (const key of e.target?.ids ?? []) this.insertActor.run(eid, 'target', key);
    });
    for (const t of a.entityTones) this.insertTone.run(id, t.entity, t.tone, t.positive, t.negative, t.words, t.sentences);
    this.writeFrames(id, a.frames);
    if (a.tone) this.updateTone.run(a.tone.tone, a.tone.positive, a.tone.negative, a.tone.words, id);
  }

  writeFrames(id: number, frames: FrameCount[]): void {
    for (const f of frames) this.insertFrame.run(id, f.frame, f.count);
  }

  /** Quote speakers and event actors go with their rows (ON DELETE CASCADE). */
  delete(id: number): void {
    for (const del of this.deletes) del.run(id);
  }

  /** Quotes, events, tones and frames (those asked for) of the articles whose ids are in `ids` (a JSON array), by article. */
  readOf(ids: string, parts: { quotes: boolean; events: boolean; tones: boolean }): Map<number, Pick<Article, 'quotes' | 'events' | 'entityTones' | 'frames'>> {
    const out = new Map<number, Pick<Article, 'quotes' | 'events' | 'entityTones' | 'frames'>>();
    const of = (id: number) => out.get(id) ?? out.set(id, { quotes: [], events: [], entityTones: [], frames: [] }).get(id)!;
    if (parts.quotes) for (const r of this.selectQuotes.all(ids) as QuoteDb[]) of(r[0]).quotes.push(toQuote(r));
    if (parts.events) for (const r of this.selectEvents.all(ids) as EventDb[]) of(r[0]).events.push(toEvent(r));
    if (!parts.tones) return out;
    // Raw rows (arrays): a quarter of a million tone rows in the corpus, and objects with named fields took twice as long to read.
    for (const [id, entity, tone, positive, negative, words, sentences] of this.selectTones.all(ids) as ToneRow[]) of(id).entityTones.push({ entity, tone, positive, negative, words, sentences });
    for (const [id, frame, count] of this.selectFrames.all(ids) as FrameRow[]) of(id).frames.push({ frame, count });
    return out;
  }

  /** An article's stored tone, from its row. */
  static toneOf(row: { tone: number | null; tone_positive: number | null; tone_negative: number | null; tone_words: number | null }): Article['tone'] {
    return row.tone === null ? undefined : { tone: row.tone, positive: row.tone_positive ?? 0, negative: row.tone_negative ?? 0, words: row.tone_words ?? 0 };
  }

  getSetting(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  }

  setSetting(key: string, value: string | undefined): void {
    if (value === undefined) this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Replaces every article's frame counts (a new dictionary), a page at a time. */
  recountFrames(count: (text: string) => FrameCount[]): number {
    this.db.exec('DELETE FROM frame_counts');
    let after = 0;
    let n = 0;
    const page = this.db.prepare('SELECT id, text FROM articles WHERE id > ? ORDER BY id LIMIT 500');
    for (;;) {
      const rows = page.all(after) as Array<{ id: number; text: string }>;
      if (!rows.length) return n;
      this.db.transaction(() => {
        for (const r of rows) this.writeFrames(r.id, count(r.text));
      })();
      after = rows[rows.length - 1]!.id;
      n += rows.length;
    }
  }

  /**
   * A page of quotes or events (`x`) with their article's title, outlet and
   * date, and the texts of those articles (to cut out what was said).
   */
  private listed<R extends { article_id: number }>(table: 'quotes' | 'events', where: string[], args: unknown[], order: string, limit: number, offset: number) {
    const rows = this.db
      .prepare(
        `SELECT x.*, a.title, a.outlet, a.published FROM ${table} x JOIN articles a ON a.id = x.article_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}, x.article_id, x.seq LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as Array<R & { title: string; outlet: string | null; published: string | null }>;
    const texts = new Map<number, string>();
    for (const r of rows) if (!texts.has(r.article_id)) texts.set(r.article_id, this.articleText.get(r.article_id) as string);
    return rows.map((r) => ({ r, text: texts.get(r.article_id)!, head: { article: r.article_id, title: r.title, outlet: r.outlet ?? undefined, published: r.published ?? undefined } }));
  }

  quotes(f: QuoteFilter): QuoteRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.speakerKeys) {
      where.push('x.id IN (SELECT quote_id FROM quote_speakers WHERE entity_key IN (SELECT value FROM json_each(?)))');
      args.push(JSON.stringify(f.speakerKeys));
    }
    if (f.aboutKeys) {
      where.push(`EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = x.article_id AND m.start >= x.start AND m.end <= x.end
        AND m.entity_id IN (SELECT value FROM json_each(?)))`);
      args.push(JSON.stringify(f.aboutKeys));
    }
    if (f.kinds) {
      where.push('x.kind IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(f.kinds));
    }
    if (f.within) {
      where.push('x.article_id IN (SELECT value FROM json_each(?))');
      args.push(jsonList(f.within));
    }
    if (f.minConfidence !== undefined) {
      where.push('coalesce(x.confidence, 0) >= ?');
      args.push(f.minConfidence);
    }
    if (f.sort === 'repetition') {
      // How many outlets carry each quotation, counted once for the whole listing.
      this.db.exec(`DROP TABLE IF EXISTS temp.quote_echo;
        CREATE TEMP TABLE quote_echo AS SELECT k, count(DISTINCT outlet) AS outlets FROM
          (SELECT ${ECHO_KEY('q', 'a')} AS k, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.end - q.start >= ${ECHO_MIN_CHARS} AND q.kind != 'phrase')
          GROUP BY k;
        CREATE INDEX temp.quote_echo_k ON quote_echo(k);`);
    }
    return this.listed<{ article_id: number; start: number; end: number }>('quotes', where, args, QUOTE_ORDER[f.sort ?? 'newest'], f.limit, f.offset ?? 0).map(({ r, text, head }) => ({
      ...head,
      text: text.slice(r.start, r.end),
      ...toQuote(fieldsOf<QuoteDb>(r, QUOTE_FIELDS)),
    }));
  }

  events(f: EventFilter): EventRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.actorKeys) {
      where.push(`x.id IN (SELECT event_id FROM event_actors WHERE entity_key IN (SELECT value FROM json_each(?))${f.role ? ' AND role = ?' : ''})`);
      args.push(JSON.stringify(f.actorKeys));
      if (f.role) args.push(f.role);
    }
    if (f.actorCode) {
      const sides = f.role ? [`x.${f.role}_code`] : ['x.source_code', 'x.target_code'];
      where.push(`(${sides.map((c) => `${c} LIKE ?`).join(' OR ')})`);
      args.push(...sides.map(() => `${f.actorCode}%`));
    }
    if (f.code) {
      where.push('x.code LIKE ?');
      args.push(`${f.code}%`);
    }
    if (f.moods) {
      where.push('x.mood IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(f.moods));
    }
    if (f.within) {
      where.push('x.article_id IN (SELECT value FROM json_each(?))');
      args.push(jsonList(f.within));
    }
    if (f.minConfidence !== undefined) {
      where.push('x.confidence >= ?');
      args.push(f.minConfidence);
    }
    return this.listed<{ article_id: number; trigger_start: number; trigger_end: number; sentence_start: number; sentence_end: number }>('events', where, args, EVENT_ORDER[f.sort ?? 'newest'], f.limit, f.offset ?? 0).map(({ r, text, head }) => ({
      ...head,
      trigger: text.slice(r.trigger_start, r.trigger_end),
      sentence: text.slice(r.sentence_start, r.sentence_end),
      ...toEvent(fieldsOf<EventDb>(r, EVENT_FIELDS)),
    }));
  }

  /** Frame counts: totals, per outlet and per month, over all articles or `within`. */
  frameTotals(within?: ArrayLike<number>): FrameTotals {
    const filter = within ? 'WHERE f.article_id IN (SELECT value FROM json_each(?))' : '';
    const args = within ? [jsonList(within)] : [];
    const q = (group: string, key: string) =>
      this.db.prepare(`SELECT f.frame, ${key} AS key, count(DISTINCT f.article_id) AS articles, sum(f.count) AS count FROM frame_counts f JOIN articles a ON a.id = f.article_id ${filter} GROUP BY f.frame${group} ORDER BY f.frame, count DESC`).all(...args) as Array<{
        frame: string;
        key: string | null;
        articles: number;
        count: number;
      }>;
    return {
      dictionary: this.getSetting('frames') !== undefined,
      frames: q('', "''").map(({ frame, articles, count }) => ({ frame, articles, count })),
      byOutlet: q(', a.outlet', 'a.outlet').map((r) => ({ frame: r.frame, outlet: r.key ?? '(no outlet)', articles: r.articles, count: r.count })),
      byMonth: q(', substr(a.published, 1, 7)', 'substr(a.published, 1, 7)').map((r) => ({ frame: r.frame, month: r.key ?? '(undated)', articles: r.articles, count: r.count })),
    };
  }

  /** Mean tone of the sentences about these entity keys, per outlet. */
  toneByOutlet(keys: string[], within?: ArrayLike<number>): Array<{ outlet: string; articles: number; tone: number }> {
    const rows = this.db
      .prepare(
        `SELECT a.outlet, count(DISTINCT t.article_id) AS articles, sum(t.tone * t.words) / max(sum(t.words), 1) AS tone
         FROM entity_tone t JOIN articles a ON a.id = t.article_id
         WHERE t.entity_key IN (SELECT value FROM json_each(?)) ${within ? 'AND t.article_id IN (SELECT value FROM json_each(?))' : ''}
         GROUP BY a.outlet ORDER BY articles DESC`,
      )
      .all(JSON.stringify(keys), ...(within ? [jsonList(within)] : [])) as Array<{ outlet: string | null; articles: number; tone: number }>;
    return rows.map((r) => ({ outlet: r.outlet ?? '(no outlet)', articles: r.articles, tone: +r.tone.toFixed(2) }));
  }

  meanTone(within: ArrayLike<number>): { articles: number; tone: number } | undefined {
    const r = this.db.prepare('SELECT count(tone) AS articles, avg(tone) AS tone FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND tone IS NOT NULL').get(jsonList(within)) as {
      articles: number;
      tone: number | null;
    };
    return r.articles && r.tone !== null ? { articles: r.articles, tone: +r.tone.toFixed(2) } : undefined;
  }

  topSpeakers(within: ArrayLike<number>, limit: number): SpeakerCount[] {
    // A quote of two speakers ("both countries") counts for each.
    return this.db
      .prepare(
        `SELECT coalesce(e.name, q.speaker) AS speaker, count(*) AS quotes, count(DISTINCT q.article_id) AS articles
         FROM quotes q LEFT JOIN quote_speakers s ON s.quote_id = q.id LEFT JOIN entity_keys k ON k.key = s.entity_key LEFT JOIN entities e ON e.id = k.entity_id
         WHERE q.article_id IN (SELECT value FROM json_each(?)) AND q.speaker IS NOT NULL
         GROUP BY coalesce(e.name, q.speaker) ORDER BY quotes DESC, speaker LIMIT ?`,
      )
      .all(jsonList(within), limit) as SpeakerCount[];
  }

  /** The entity keys of the corpus entities with these ids. */
  keysOfEntities(ids: number[]): string[] {
    return this.db.prepare('SELECT key FROM entity_keys WHERE entity_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as string[];
  }
}
