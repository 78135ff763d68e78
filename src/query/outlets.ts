/** The outlets: their article counts and attributes (bias, country, …), listed and set; shared by `newslens outlets` and the API. */
import { parse } from 'csv-parse/sync';
import type { OutletAttribute, Store } from '../store/store.js';

export interface OutletRow {
  outlet: string;
  articles: number;
  attributes: Record<string, string>;
}

/** Every outlet with articles, most articles first, with its attributes. */
export function listOutlets(store: Store): OutletRow[] {
  const cols = store.columns();
  const counts = new Map<string, number>();
  for (let id = 0; id <= cols.maxId; id++) if (cols.exists[id] && cols.outlet[id]! >= 0) counts.set(cols.outlets[cols.outlet[id]!]!, (counts.get(cols.outlets[cols.outlet[id]!]!) ?? 0) + 1);
  const attrs = new Map<string, Record<string, string>>();
  for (const a of store.outletAttributes()) (attrs.get(a.outlet) ?? attrs.set(a.outlet, {}).get(a.outlet)!)[a.attribute] = a.value;
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([outlet, articles]) => ({ outlet, articles, attributes: attrs.get(outlet) ?? {} }));
}

/** Replaces every outlet attribute; says which named outlets have no articles (names must match exactly). */
export function setOutlets(store: Store, rows: OutletAttribute[]): { stored: number; outlets: number; missing: string[] } {
  const known = new Set(store.columns().outlets);
  const named = new Set(rows.map((x) => x.outlet));
  const missing = [...named].filter((o) => !known.has(o));
  return { stored: store.setOutletAttributes(rows), outlets: named.size, missing };
}

/** A problem in an outlets table, named by the table's name and line. */
export class OutletsTableError extends Error {}

/** An outlets table: a header row (outlet, then attribute names), one outlet a row; comma, semicolon or tab separated. */
export function parseOutletsTable(text: string, name: string): OutletAttribute[] {
  const first = text.split('\n', 1)[0] ?? '';
  const delimiter = first.includes('\t') ? '\t' : first.includes(';') && !first.includes(',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (err) {
    throw new OutletsTableError(`${name}: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header || header.length < 2) throw new OutletsTableError(`${name}: the first line must name the columns: outlet, then one or more attributes (e.g. outlet,bias,country)`);
  const out: OutletAttribute[] = [];
  rows.forEach((r, i) => {
    const outlet = r[0]?.trim();
    if (!outlet) throw new OutletsTableError(`${name} line ${i + 2}: no outlet in the first column`);
    header.slice(1).forEach((attribute, k) => {
      const value = r[k + 1]?.trim();
      if (attribute && value) out.push({ outlet, attribute: attribute.trim(), value });
    });
  });
  return out;
}
