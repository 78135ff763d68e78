/**
 * Tables as CSV or TSV, for every command that offers `--format csv|tsv`
 * (exports, entities, trends, keyness, network edges, stories, samples).
 * TSV follows GDELT's tables: no quoting, so tabs and line breaks inside a
 * value become spaces. CSV quotes as RFC 4180 says: a value with a comma,
 * a double quote or a line break is put in double quotes, its own doubled.
 * Written here, not with csv-stringify: the rule is three lines, and that
 * library's per-cell option handling was a fifth of the time of an export of
 * half a million mentions.
 */
export type TableFormat = 'csv' | 'tsv';

export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'tsv'];

const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

const CSV_SPECIAL = /[",\r\n]/;
const csvCell = (v: string) => (CSV_SPECIAL.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const tsvCell = (v: string) => v.replace(/[\t\r\n]+/g, ' ');

/** One delimited row, with its line break. */
export function delimited(values: unknown[], format: TableFormat): string {
  const quote = format === 'csv' ? csvCell : tsvCell;
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? (format === 'csv' ? ',' : '\t') : '') + quote(cell(values[i]));
  return line + '\n';
}

/** Delimited rows. */
export function delimitedRows(rows: unknown[][], format: TableFormat): string {
  let out = '';
  for (const r of rows) out += delimited(r, format);
  return out;
}

/** A header row of these columns, then one row per record. */
export function delimitedTable(columns: readonly string[], rows: Iterable<Record<string, unknown>>, format: TableFormat): string {
  let out = delimited([...columns], format);
  for (const r of rows) out += delimited(columns.map((c) => r[c]), format);
  return out;
}
