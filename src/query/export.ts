/**
 * Article exports with stable, documented column names (see README,
 * "Export columns"). Shared by the CLI and, later, the HTTP API.
 */
import { stringify } from 'csv-stringify/sync';
import type { Article } from '../model.js';

export type ExportFormat = 'jsonl' | 'csv';
export type ExportKind = 'articles' | 'mentions' | 'figures';
export const EXPORT_KINDS: readonly ExportKind[] = ['articles', 'mentions', 'figures'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

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

/** Yields the export one line (JSONL) or row (CSV, header first) at a time. */
export function* exportArticles(articles: Iterable<Article>, format: ExportFormat): Generator<string> {
  if (format === 'csv') {
    yield stringify([CSV_COLUMNS as unknown as string[]]);
    for (const a of articles) yield stringify([csvRow(a)]);
    return;
  }
  for (const a of articles) yield JSON.stringify(articleRecord(a)) + '\n';
}

export const MENTION_COLUMNS = ['article_id', 'start', 'end', 'type', 'text', 'entity_id'] as const;
export const FIGURE_COLUMNS = ['article_id', 'start', 'end', 'kind', 'text', 'value', 'max', 'unit', 'item', 'qualifier'] as const;

/** One record per annotation, keyed by column name; the CSV and JSONL exports share it. */
function annotationRows(a: Article, kind: Exclude<ExportKind, 'articles'>): Array<Record<string, string | number | null>> {
  if (kind === 'mentions') return a.mentions.map((m) => ({ article_id: a.id ?? null, start: m.start, end: m.end, type: m.type, text: a.text.slice(m.start, m.end), entity_id: m.entityId ?? null }));
  return a.figures.map((f) => ({
    article_id: a.id ?? null,
    start: f.start,
    end: f.end,
    kind: f.kind,
    text: a.text.slice(f.start, f.end),
    value: f.value,
    max: f.max ?? null,
    unit: f.unit ?? null,
    item: f.item ?? null,
    qualifier: f.qualifier ?? null,
  }));
}

/** Mentions or figures of the articles, one per line (JSONL) or row (CSV, header first). */
export function* exportAnnotations(articles: Iterable<Article>, kind: Exclude<ExportKind, 'articles'>, format: ExportFormat): Generator<string> {
  const columns = kind === 'mentions' ? MENTION_COLUMNS : FIGURE_COLUMNS;
  if (format === 'csv') yield stringify([columns as unknown as string[]]);
  for (const a of articles) {
    for (const row of annotationRows(a, kind)) {
      yield format === 'csv' ? stringify([columns.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c])))]) : JSON.stringify(row) + '\n';
    }
  }
}
