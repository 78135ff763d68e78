/**
 * CSV and TSV exports through csv-parse (streaming, RFC 4180 quoting). The
 * delimiter is sniffed from the header line; each row goes through the same
 * field mapping as JSON records. A malformed row is reported with its line
 * and skipped; the rows around it are still read.
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import type { RawRef } from '../model.js';
import { FieldResolver, recordToRaw } from './fields.js';
import type { ReadItem } from './read.js';

const HEADER_WORDS = /^(title|headline|text|body|content|url|link|date|published|author|byline|source|outlet|id)$/i;

export function sniffDelimiter(headerLine: string): string {
  const counts: Array<[string, number]> = [',', '\t', ';', '|'].map((d) => [d, headerLine.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** A first line of two or more delimited names, one of them a known column. */
export function looksLikeCsvHeader(head: string): boolean {
  const line = head.split('\n', 1)[0]!.replace(/\r$/, '');
  if (line.length > 2000) return false;
  const d = sniffDelimiter(line);
  const cells = line.split(d).map((c) => c.trim().replace(/^"|"$/g, ''));
  return cells.length >= 2 && cells.some((c) => HEADER_WORDS.test(c.replace(/[\s_-]+/g, '')));
}

export async function* readCsv(
  chunks: AsyncIterable<Buffer>,
  head: string,
  source: string,
  resolver: FieldResolver,
): AsyncGenerator<ReadItem> {
  const delimiter = /\.tsv(\.gz)?$/i.test(source) ? '\t' : sniffDelimiter(head.split('\n', 1)[0] ?? '');
  const skipped: ReadItem[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    delimiter,
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    max_record_size: 16 * 1024 * 1024,
  });
  parser.on('skip', (err: Error & { lines?: number }) => {
    skipped.push({ ok: false, error: { source, locator: err.lines ? `line ${err.lines}` : undefined, message: `malformed CSV row: ${err.message}` } });
  });
  Readable.from(chunks).on('error', (e) => parser.destroy(e)).pipe(parser);
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; records: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    const ref: RawRef = { source, locator: `line ${row.info.lines}`, format: 'csv' };
    const r = recordToRaw(row.record, ref, resolver);
    yield 'raw' in r ? { ok: true, raw: r.raw } : { ok: false, error: { source, locator: ref.locator, message: r.error } };
  }
  while (skipped.length) yield skipped.shift()!;
}
