/**
 * Article exports with stable, documented column names (see README,
 * "Export columns"). Shared by the CLI and the HTTP API.
 */
import { delimited, delimitedRows } from './tabular.js';
import type { Article } from '../model.js';
import { CAMEO_ROOTS } from '../nlp/cameo.js';
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

/** Yields the export one line (JSONL) or row (CSV and TSV, header first) at a time. */
export function* exportArticles(articles: Iterable<Article>, format: ExportFormat): Generator<string> {
  if (format !== 'jsonl') {
    yield delimited([...CSV_COLUMNS], format);
    for (const a of articles) yield delimited(csvRow(a), format);
    return;
  }
  for (const a of articles) yield JSON.stringify(articleRecord(a)) + '\n';
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
  'target_name',
  'target_entity',
  'event_code',
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
        target_name: e.target?.name ?? null,
        target_entity: namesOf(e.target?.ids, name),
        event_code: e.code,
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

/** Mentions, figures, quotes or events of the articles, one per line (JSONL) or row (CSV and TSV, header first). */
export function* exportAnnotations(articles: Iterable<Article>, kind: AnnotationKind, format: ExportFormat, name: EntityNamer = () => undefined): Generator<string> {
  const columns = COLUMNS[kind];
  if (format !== 'jsonl') yield delimited([...columns], format);
  for (const a of articles) {
    const rows = annotationRows(a, kind, name);
    if (!rows.length) continue;
    yield format === 'jsonl' ? rows.map((row) => JSON.stringify(row) + '\n').join('') : delimitedRows(rows.map((row) => columns.map((c) => row[c])), format);
  }
}

/** Characters gathered before each write: one write per row made an export wait on its reader. */
export const EXPORT_CHUNK = 1 << 16;

/**
 * A whole export as text in chunks of about EXPORT_CHUNK characters, for a file, stdout or an HTTP
 * response: the articles a query matches (all when it is undefined), or one kind of their
 * annotations. The query is run, and checked, when this is called, before any chunk is taken.
 */
export function exportChunks(store: Store, what: ExportKind, format: ExportFormat, query?: string): Generator<string> {
  // Each export reads only the parts it writes: the rest would take most of the time.
  const parts: ArticlePart[] | undefined = what === 'articles' ? undefined : [what as ArticlePart];
  const articles = query === undefined ? store.iterateArticles(parts ? { parts } : {}) : matching(store, select(store, query).ids);
  const entities = what === 'articles' ? undefined : store.entityKeys();
  const rows = what === 'articles' ? exportArticles(articles, format) : exportAnnotations(articles, what, format, (key) => entities!.get(key)?.name);
  return gathered(rows);
}

function* gathered(rows: Iterable<string>): Generator<string> {
  let pending = '';
  for (const row of rows) {
    pending += row;
    if (pending.length >= EXPORT_CHUNK) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

function* matching(store: Store, ids: Int32Array): Generator<Article> {
  for (const id of ids) {
    const a = store.getArticle(String(id));
    if (a) yield a;
  }
}
