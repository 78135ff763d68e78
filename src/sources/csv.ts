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

const MAX_BAD_ROWS = 100;
/** A little under the head the readers are given (64 KiB of bytes). */
const MAX_HEADER_CHARS = 60 * 1024;
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
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
  // The header is a line of column names; csv-parse spends seconds on a "header" of megabytes.
  if (!head.includes('\n') && head.length >= MAX_HEADER_CHARS) {
    yield { ok: false, error: { source, locator: 'line 1', message: `no line break in the first ${MAX_HEADER_CHARS >> 10} KiB: a CSV file starts with a line of column names` } };
    return;
  }
  const delimiter = /\.tsv(\.gz)?$/i.test(source) ? '\t' : sniffDelimiter(head.split('\n', 1)[0] ?? '');
  const skipped: ReadItem[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    delimiter,
    relax_column_count: false,
    // A quote inside an unquoted field is a quote (exports write `He said "no"` unquoted); strict
    // parsing makes an error per such quote, each copying the field so far: quadratic on a line
    // of them, and an out-of-memory crash on a file that is not CSV at all.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // csv-parse reports an error per stray quote, each quoting the field so
  // far: a file that is not CSV would make millions. One error a line, and
  // past MAX_BAD_ROWS the file is given up as not CSV.
  let bad = 0;
  let lastLine = -1;
  parser.on('skip', (err: Error & { lines?: number; code?: string }) => {
    if (err.lines === lastLine) return;
    lastLine = err.lines ?? -1;
    // A record over the limit means the rest is not rows either (a gzip bomb, a JSON file): stop reading.
    if (err.code === 'CSV_MAX_RECORD_SIZE') return void parser.destroy(new Error(`a record of more than ${MAX_RECORD_BYTES >> 20} MiB at line ${err.lines ?? 1}; not read further`));
    if (++bad > MAX_BAD_ROWS) return void parser.destroy(new Error(`more than ${MAX_BAD_ROWS} malformed rows; is this CSV?`));
    skipped.push({ ok: false, error: { source, locator: err.lines ? `line ${err.lines}` : undefined, message: `malformed CSV row: ${err.message.slice(0, 200)}` } });
  });
  const bytes = Readable.from(chunks).on('error', (e) => parser.destroy(e));
  parser.on('close', () => bytes.destroy());
  bytes.pipe(parser);
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; records: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    const ref: RawRef = { source, locator: `line ${row.info.lines}`, format: 'csv' };
    const r = recordToRaw(row.record, ref, resolver);
    yield 'raw' in r ? { ok: true, raw: r.raw } : { ok: false, error: { source, locator: ref.locator, message: r.error } };
  }
  while (skipped.length) yield skipped.shift()!;
}
