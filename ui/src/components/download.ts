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

/** Has the browser save what a URL holds under a name (a blob: URL is let go once the save has begun). */
function clickDownload(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  if (href.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function saveText(name: string, text: string, type: string): void {
  clickDownload(URL.createObjectURL(new Blob([text], { type })), name);
}

/**
 * A streamed export from the API. Without a token the browser fetches the link itself and writes
 * it to disk as it arrives; with one, the header has to be sent, so the answer is fetched here.
 */
export async function downloadFromApi(href: string, name: string): Promise<void> {
  const headers = authHeaders(false);
  if (!headers.authorization) return clickDownload(href, name);
  const res = await fetch(href, { headers });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  clickDownload(URL.createObjectURL(await res.blob()), name);
}
