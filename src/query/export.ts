/**
 * Article exports with stable, documented column names (see README,
 * "Export columns"). Shared by the CLI and the HTTP API.
 */
import { delimited, delimitedRows } from './tabular.js';
import type { Article } from '../model.js';
import { CAMEO_ROOTS, codeName } from '../nlp/cameo.js';
import type { ArticlePart, Store } from '../store/store.js';
import { select } from './select.js';

export type ExportFormat = 'jsonl' | 'csv' | 'tsv';
export type ExportKind = 'articles' | 'mentions' | 'figures' | 'quotes' | 'events';
export const EXPORT_KINDS: readonly ExportKind[] = ['articles', 'mentions', 'figures', 'quotes', 'events'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv', 'tsv'];
export type AnnotationKind = Exclude<ExportKind, 'articles'>;

/** Canonical entity name of a mention key, when the key belongs to a corpus entity. */
export type EntityNamer = (key: string) => string | undefined;

export const CSV_COLUMNS = ['id', 'external_id', 'outlet', 'url', 'title', 'published', 'language', 'authors', 'categories', 'source', 'format', 'hash', 'text'] as const;

/** The JSON Lines record of an article: every field, sections included. */
export function articleRecord(a: Article): Record<string, unknown> {
  return {
    id: a.id,
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
    authors: a.authors,
    categories: a.categories,
    meta: a.meta,
    text: a.text,
    sections: a.sections,
    mentions: a.mentions.map((m) => ({ ...m, text: a.text.slice(m.start, m.end) })),
    figures: a.figures.map((f) => ({ ...f, text: a.text.slice(f.start, f.end) })),
    quotes: a.quotes.map((q) => ({ ...q, text: a.text.slice(q.start, q.end) })),
    events: a.events.map((e) => ({ ...e, trigger: a.text.slice(e.triggerStart, e.triggerEnd), sentence: a.text.slice(e.sentenceStart, e.sentenceEnd) })),
    tone: a.tone ?? null,
    entity_tones: a.entityTones,
    frames: a.frames,
  };
}

function csvRow(a: Article): string[] {
  return [
    String(a.id ?? ''),
    a.externalId ?? '',
    a.outlet ?? '',
    a.url ?? '',
    a.title,
    a.published ?? '',
    a.language ?? '',
    a.authors.map((x) => x.name).join('; '),
    a.categories.join('; '),
    a.source,
    a.format,
    a.hash,
    a.text,
  ];
}

/**
 * An article's JSON line when its mentions come as JSON text already
 * (Store.mentionsJson): the record written around them, the same text
 * JSON.stringify(articleRecord(a)) makes with the mentions in it.
 */
function articleJsonLine(a: Article, mentionsJson: string | undefined): string {
  const { mentions: _, figures, quotes, events, tone, entity_tones, frames, ...head } = articleRecord(a);
  const tail = JSON.stringify({ figures, quotes, events, tone, entity_tones, frames });
  return `${JSON.stringify(head).slice(0, -1)},"mentions":${mentionsJson ?? '[]'},${tail.slice(1)}\n`;
}

export const MENTION_COLUMNS = ['article_id', 'start', 'end', 'type', 'text', 'entity_id', 'entity'] as const;
export const FIGURE_COLUMNS = ['article_id', 'start', 'end', 'kind', 'text', 'value', 'max', 'unit', 'item', 'qualifier'] as const;
export const QUOTE_COLUMNS = ['article_id', 'seq', 'start', 'end', 'kind', 'speaker', 'speaker_entity', 'cue', 'text', 'published', 'outlet', 'url'] as const;
/** In the spirit of GDELT's event table: a day as YYYYMMDD, two actors, the CAMEO code and root, quad class, Goldstein, tone, the source article. */
export const EVENT_COLUMNS = [
  'event_id',
  'article_id',
  'seq',
  'day',
  'source_name',
  'source_entity',
  'source_code',
  'target_name',
  'target_entity',
  'target_code',
  'event_code',
  'event_name',
  'event_root',
  'root_name',
  'quad_class',
  'goldstein',
  'mood',
  'confidence',
  'place',
  'place_entity',
  'article_tone',
  'published',
  'outlet',
  'url',
  'trigger',
  'sentence',
] as const;

export const COLUMNS: Record<AnnotationKind, readonly string[]> = { mentions: MENTION_COLUMNS, figures: FIGURE_COLUMNS, quotes: QUOTE_COLUMNS, events: EVENT_COLUMNS };

/** GDELT's QuadClass: 1 verbal cooperation (roots 01–05), 2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20). */
export function quadClass(root: string): number {
  const r = Number(root);
  return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

type Row = Record<string, string | number | null>;

/** The canonical names of an actor's entity keys, joined ("Russia; China" for "both countries"). */
const namesOf = (ids: string[] | undefined, name: EntityNamer) => {
  const names = [...new Set((ids ?? []).map((k) => name(k)).filter((x): x is string => x !== undefined))];
  return names.length ? names.join('; ') : null;
};

/** One record per annotation, keyed by column name; the JSONL, CSV and TSV exports share it. */
function annotationRows(a: Article, kind: AnnotationKind, name: EntityNamer): Row[] {
  const id = a.id ?? null;
  const span = (start: number, end: number) => a.text.slice(start, end);
  switch (kind) {
    case 'mentions':
      return a.mentions.map((m) => ({ article_id: id, start: m.start, end: m.end, type: m.type, text: span(m.start, m.end), entity_id: m.entityId ?? null, entity: m.entityId ? (name(m.entityId) ?? null) : null }));
    case 'figures':
      return a.figures.map((f) => ({ article_id: id, start: f.start, end: f.end, kind: f.kind, text: span(f.start, f.end), value: f.value, max: f.max ?? null, unit: f.unit ?? null, item: f.item ?? null, qualifier: f.qualifier ?? null }));
    case 'quotes':
      return a.quotes.map((q, seq) => ({
        article_id: id,
        seq,
        start: q.start,
        end: q.end,
        kind: q.kind,
        speaker: q.speaker ?? null,
        speaker_entity: namesOf(q.speakerIds, name),
        cue: q.cue ?? null,
        text: span(q.start, q.end),
        published: a.published ?? null,
        outlet: a.outlet ?? null,
        url: a.url ?? null,
      }));
    case 'events':
      return a.events.map((e, seq) => ({
        event_id: `${id ?? ''}.${seq}`,
        article_id: id,
        seq,
        day: (e.date ?? a.published)?.slice(0, 10).replace(/-/g, '') ?? null,
        source_name: e.source?.name ?? null,
        source_entity: namesOf(e.source?.ids, name),
        source_code: e.source?.code ?? null,
        target_name: e.target?.name ?? null,
        target_entity: namesOf(e.target?.ids, name),
        target_code: e.target?.code ?? null,
        event_code: e.code,
        event_name: codeName(e.code),
        event_root: e.root,
        root_name: CAMEO_ROOTS[e.root]?.name ?? null,
        quad_class: quadClass(e.root),
        goldstein: e.goldstein,
        mood: e.mood,
        confidence: e.confidence,
        place: e.place?.name ?? null,
        place_entity: namesOf(e.place?.ids, name),
        article_tone: a.tone?.tone ?? null,
        published: a.published ?? null,
        outlet: a.outlet ?? null,
        url: a.url ?? null,
        trigger: span(e.triggerStart, e.triggerEnd),
        sentence: span(e.sentenceStart, e.sentenceEnd),
      }));
  }
}

/** An article's mentions, figures, quotes or events, a line each (JSONL) or a row each (CSV and TSV). */
function annotationLines(a: Article, kind: AnnotationKind, format: ExportFormat, name: EntityNamer): string {
  const rows = annotationRows(a, kind, name);
  if (format === 'jsonl') return rows.map((row) => JSON.stringify(row) + '\n').join('');
  const columns = COLUMNS[kind];
  return delimitedRows(rows.map((row) => columns.map((c) => row[c])), format);
}

/** The first line of an export: the column names of a CSV or TSV file; nothing for JSON Lines. */
export function exportHeader(what: ExportKind, format: ExportFormat): string {
  if (format === 'jsonl') return '';
  return delimited(what === 'articles' ? [...CSV_COLUMNS] : [...COLUMNS[what]], format);
}

/** The articles an export covers: those a query matches, all when it is undefined (ascending ids). The query is checked here. */
export function exportIds(store: Store, query?: string): Int32Array {
  return select(store, query ?? '').ids;
}

/** Names the entity of a mention key; the canonical entities are read when first asked for. */
export function entityNamer(store: Store): EntityNamer {
  let entities: ReturnType<Store['entityKeys']> | undefined;
  return (key) => (entities ??= store.entityKeys()).get(key)?.name;
}

/**
 * The export's lines (no header) for the articles of `ids` (ascending): each
 * article read with only the parts it writes, since the rest would take
 * most of the time.
 */
export function* exportLines(store: Store, what: ExportKind, format: ExportFormat, ids: ArrayLike<number>, name: EntityNamer = entityNamer(store)): Generator<string> {
  if (what !== 'articles') {
    for (const a of store.iterateArticles({ ids, parts: [what] })) yield annotationLines(a, what, format, name);
  } else if (format !== 'jsonl') {
    for (const a of store.iterateArticles({ ids, parts: [] })) yield delimited(csvRow(a), format);
  } else {
    for (let i = 0; i < ids.length; i += JSON_PAGE) {
      const page = Array.prototype.slice.call(ids, i, i + JSON_PAGE) as number[];
      const mentions = store.mentionsJson(page);
      for (const a of store.iterateArticles({ ids: page, parts: JSON_PARTS })) {
        // A mention's stored surface is its text as JavaScript slices it, except in workspaces from before
        // it was written so (migration 4 cut it by characters): past a character outside the BMP the two part.
        yield OUTSIDE_BMP.test(a.text) ? JSON.stringify(articleRecord(store.getArticle(String(a.id))!)) + '\n' : articleJsonLine(a, mentions.get(a.id!));
      }
    }
  }
}

/** Articles of a JSON Lines export read at a time, their mentions as JSON text and the other parts as objects. */
const JSON_PAGE = 500;
const JSON_PARTS: ArticlePart[] = ['sections', 'figures', 'quotes', 'events', 'tones'];
const OUTSIDE_BMP = /[\uD800-\uDFFF]/;

/** Characters gathered before each write: one write per row made an export wait on its reader. */
export const EXPORT_CHUNK = 1 << 16;

/**
 * A whole export as text in chunks of about EXPORT_CHUNK characters, for a file, stdout or an HTTP
 * response: the articles a query matches (all when it is undefined), or one kind of their
 * annotations. The query is run, and checked, when this is called, before any chunk is taken.
 * On one thread; the CLI spreads a large export over threads (cli/export-threads.ts).
 */
export function exportChunks(store: Store, what: ExportKind, format: ExportFormat, query?: string): Generator<string> {
  return exportChunksOf(store, what, format, exportIds(store, query));
}

/** The export of the articles of `ids` (ascending), on this thread, in chunks as exportChunks makes them. */
export function exportChunksOf(store: Store, what: ExportKind, format: ExportFormat, ids: ArrayLike<number>): Generator<string> {
  return gathered(exportHeader(what, format), exportLines(store, what, format, ids));
}

function* gathered(header: string, lines: Iterable<string>): Generator<string> {
  let pending = header;
  for (const line of lines) {
    pending += line;
    if (pending.length >= EXPORT_CHUNK) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}
