/**
 * Tables as CSV or TSV, for every command that offers `--format csv|tsv`
 * (exports, entities, trends, keyness, network edges, stories, samples).
 * TSV follows GDELT's tables: no quoting, so tabs and line breaks inside a
 * value become spaces; CSV quotes as RFC 4180 says (csv-stringify).
 */
import { stringify } from 'csv-stringify/sync';

export type TableFormat = 'csv' | 'tsv';

export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'tsv'];

const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One delimited row. */
export function delimited(values: unknown[], format: TableFormat): string {
  return delimitedRows([values], format);
}

/** Delimited rows, in one call (csv-stringify costs per call: an export hands it an article's rows at once). */
export function delimitedRows(rows: unknown[][], format: TableFormat): string {
  const cells = rows.map((r) => r.map(cell));
  if (format === 'csv') return stringify(cells);
  return cells.map((c) => c.map((v) => v.replace(/[\t\r\n]+/g, ' ')).join('\t') + '\n').join('');
}

/** A header row of these columns, then one row per record. */
export function delimitedTable(columns: readonly string[], rows: Iterable<Record<string, unknown>>, format: TableFormat): string {
  let out = delimited([...columns], format);
  for (const r of rows) out += delimited(columns.map((c) => r[c]), format);
  return out;
}
