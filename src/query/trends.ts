/**
 * Trends: how many of a query's articles fall in each day, week or month,
 * absolute and as a share of every article in that period, overall or per
 * outlet. Read from the in-memory article columns, so any query's timeline
 * costs a pass over its matches.
 */
import type { ArticleColumns, Store } from '../store/store.js';
import { attributeOf, DAY_MS, everyArticle, idsOfOutlet, isoDay, monthOf, select } from './select.js';

export type Interval = 'day' | 'week' | 'month';
export const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];

export interface TrendPoint {
  period: string;
  count: number;
  /** Every article in the period (of this outlet, for per-outlet series). */
  total: number;
  share: number;
}

export interface TrendSeries {
  /** Outlet name (or the attribute value, with `by`); absent for the overall series. */
  outlet?: string;
  /** With `by`: the attribute value this series is of. */
  group?: string;
  matches: number;
  points: TrendPoint[];
}

export interface TrendsResult {
  query: string;
  interval: Interval;
  matches: number;
  undated: number;
  series: TrendSeries[];
}

export interface TrendsOptions {
  interval?: Interval;
  /** One series per outlet (the top `outlets` by matches) instead of one overall. */
  byOutlet?: boolean;
  outlets?: number;
  /** One series per value of this outlet attribute (e.g. bias: left, center, right). */
  by?: string;
}

/** The first day of the period holding `day` (weeks start on Monday, as ISO 8601). */
function periodStart(day: number, interval: Interval): number {
  if (interval === 'day') return day;
  if (interval === 'week') return day - ((day + 3) % 7); // 1970-01-01 was a Thursday
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

function nextPeriod(start: number, interval: Interval): number {
  if (interval === 'day') return start + 1;
  if (interval === 'week') return start + 7;
  const d = new Date(start * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

function label(start: number, interval: Interval): string {
  return interval === 'month' ? monthOf(start) : isoDay(start);
}

/** How many of these articles fall in each period, by the period's first day. */
function countPeriods(ids: Iterable<number>, columns: ArticleColumns, interval: Interval): Map<number, number> {
  const m = new Map<number, number>();
  if (interval === 'month') {
    // Counted by the month column (a Date per article made a million articles' timeline take 280 ms),
    // then each month keyed by its first day. The column has a month exactly where there is a day.
    const byMonth = new Float64Array(columns.months.length);
    for (const id of ids) {
      const code = columns.month[id]!;
      if (code >= 0) byMonth[code]!++;
    }
    columns.months.forEach((month, code) => {
      if (!byMonth[code]) return;
      const start = periodStart(Date.parse(`${month.slice(0, 7)}-01`) / DAY_MS, 'month');
      m.set(start, (m.get(start) ?? 0) + byMonth[code]!);
    });
    return m;
  }
  for (const id of ids) {
    const d = columns.day[id]!;
    if (Number.isNaN(d)) continue;
    const p = periodStart(d, interval);
    m.set(p, (m.get(p) ?? 0) + 1);
  }
  return m;
}

function series(matched: Map<number, number>, totals: Map<number, number>, interval: Interval): TrendPoint[] {
  if (!matched.size) return [];
  const starts = [...matched.keys()];
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  const points: TrendPoint[] = [];
  // Every period between the first and last match, zeros included, so the series charts as it is.
  for (let p = first; p <= last; p = nextPeriod(p, interval)) {
    const count = matched.get(p) ?? 0;
    const total = totals.get(p) ?? 0;
    points.push({ period: label(p, interval), count, total, share: total ? Math.round((count / total) * 1e4) / 1e4 : 0 });
  }
  return points;
}

export function trends(store: Store, query: string, opts: TrendsOptions = {}): TrendsResult {
  const interval = opts.interval ?? 'month';
  const sel = select(store, query);
  const { columns, ids } = sel;
  let undated = 0;
  for (const id of ids) if (Number.isNaN(columns.day[id]!)) undated++;
  const out: TrendsResult = { query, interval, matches: ids.length, undated, series: [] };
  if (!opts.byOutlet && !opts.by) {
    out.series.push({ matches: ids.length, points: series(countPeriods(ids, columns, interval), countPeriods(everyArticle(columns), columns, interval), interval) });
    return out;
  }
  if (opts.by) {
    // One series per value of an outlet attribute; shares against every article of those outlets.
    const valueOf = attributeOf(store, opts.by);
    const groupOf = (id: number) => valueOf.get(columns.outlets[columns.outlet[id] ?? -1] ?? '');
    const groups = new Map<string, { ids: number[]; all: number[] }>();
    const of = (g: string) => groups.get(g) ?? groups.set(g, { ids: [], all: [] }).get(g)!;
    for (const id of ids) {
      const g = groupOf(id);
      if (g !== undefined) of(g).ids.push(id);
    }
    for (const id of everyArticle(columns)) {
      const g = groupOf(id);
      if (g !== undefined) of(g).all.push(id);
    }
    for (const [g, x] of [...groups].sort((a, b) => b[1].ids.length - a[1].ids.length || (a[0] < b[0] ? -1 : 1))) {
      out.series.push({ outlet: g, group: g, matches: x.ids.length, points: series(countPeriods(x.ids, columns, interval), countPeriods(x.all, columns, interval), interval) });
    }
    return out;
  }
  const perOutlet = new Map<number, number[]>();
  for (const id of ids) {
    const o = columns.outlet[id]!;
    if (o < 0) continue;
    let list = perOutlet.get(o);
    if (!list) perOutlet.set(o, (list = []));
    list.push(id);
  }
  const name = (o: number) => columns.outlets[o]!;
  const top = [...perOutlet].sort((a, b) => b[1].length - a[1].length || (name(a[0]) < name(b[0]) ? -1 : 1)).slice(0, opts.outlets ?? 10);
  for (const [o, list] of top) {
    out.series.push({ outlet: columns.outlets[o]!, matches: list.length, points: series(countPeriods(list, columns, interval), countPeriods(idsOfOutlet(columns, o), columns, interval), interval) });
  }
  return out;
}
