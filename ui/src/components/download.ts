/** Downloads of tables and charts, made in the browser from the rows shown; whole-corpus exports stream from the API instead. */
import { authHeaders } from '../api/client';

type Cell = string | number | boolean | null | undefined;

function csvCell(v: Cell): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet; a quote-prefixed cell stays text.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function saveText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A streamed export from the API. Without a token the browser fetches the link itself and writes
 * it to disk as it arrives; with one, the header has to be sent, so the answer is fetched here.
 */
export async function downloadFromApi(href: string, name: string): Promise<void> {
  const headers = authHeaders(false);
  if (!headers.authorization) {
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    a.click();
    return;
  }
  const res = await fetch(href, { headers });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
