/** A table of rows: sortable by any column (click its header), downloadable as CSV or JSON. */
import { useMemo, useState, type ReactNode } from 'react';
import { saveText, toCsv } from './download';

export interface Column<T> {
  key: string;
  label: string;
  /** The cell as shown; the raw value (for sorting and download) is `value`. */
  render?: (row: T) => ReactNode;
  value?: (row: T) => string | number | null | undefined;
  numeric?: boolean;
  /** Not sortable (long text). */
  fixed?: boolean;
  className?: string;
}

interface Props<T> {
  columns: Array<Column<T>>;
  rows: T[];
  /** File name, without extension, of the downloads. */
  name: string;
  caption?: string;
  empty?: string;
  rowKey?: (row: T, i: number) => string | number;
  /** Called when a row is opened with Enter (keyboard users). */
  onOpen?: (row: T) => void;
  /**
   * Rows drawn at first, and added by each "show more"; the downloads and the
   * sort always take every row. For long lists: a few hundred rows of links
   * took React over 100 ms to draw in one task.
   */
  pageSize?: number;
}

export function Table<T>({ columns, rows, name, caption, empty, rowKey, onOpen, pageSize }: Props<T>) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  // How many rows are drawn, for these rows: new rows (another query) start from one page again.
  const page = pageSize ?? Infinity;
  const [drawn, setDrawn] = useState({ rows, count: page });
  const shown = drawn.rows === rows ? drawn.count : page;
  const valueOf = (c: Column<T>, r: T) => (c.value ? c.value(r) : ((r as Record<string, unknown>)[c.key] as string | number | null | undefined));
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const col = columns.find((c) => c.key === sort.key);
    if (!col) return rows;
    return [...rows].sort((a, b) => {
      const x = valueOf(col, a);
      const y = valueOf(col, b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * sort.dir;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sort, columns]);
  const flat = () => sorted.map((r) => Object.fromEntries(columns.map((c) => [c.key, valueOf(c, r) ?? null])));
  return (
    <div className="table-wrap">
      {rows.length > 0 && <div className="table-tools">
        {caption && <span className="muted">{caption}</span>}
        <span className="spacer" />
        <button type="button" className="small" onClick={() => saveText(`${name}.csv`, toCsv(columns.map((c) => c.key), flat()), 'text/csv')}>
          CSV
        </button>
        <button type="button" className="small" onClick={() => saveText(`${name}.json`, JSON.stringify(flat(), null, 1), 'application/json')}>
          JSON
        </button>
      </div>}
      {rows.length === 0 ? (
        <p className="muted empty">{empty ?? 'Nothing here.'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sort?.key === c.key;
                return (
                  <th key={c.key} className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort!.dir === 1 ? 'ascending' : 'descending') : undefined} scope="col">
                    {c.fixed ? (
                      c.label
                    ) : (
                      <button type="button" className="th-sort" onClick={() => setSort(active && sort!.dir === -1 ? { key: c.key, dir: 1 } : { key: c.key, dir: active ? -1 : c.numeric ? -1 : 1 })}>
                        {c.label}
                        <span aria-hidden="true">{active ? (sort!.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, shown).map((r, i) => (
              <tr key={rowKey ? rowKey(r, i) : i} onKeyDown={onOpen ? (e) => e.key === 'Enter' && e.target === e.currentTarget && onOpen(r) : undefined} tabIndex={onOpen ? 0 : undefined}>
                {columns.map((c) => (
                  <td key={c.key} className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}>
                    {c.render ? c.render(r) : String(valueOf(c, r) ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > shown && (
        <p className="table-more">
          <button type="button" className="small" onClick={() => setDrawn({ rows, count: shown + page })}>
            show {Math.min(page, rows.length - shown).toLocaleString()} more
          </button>{' '}
          <span className="muted">
            {shown.toLocaleString()} of {rows.length.toLocaleString()} shown
          </span>
        </p>
      )}
    </div>
  );
}
