/**
 * The search query the views send: what the analyst typed, plus the filters
 * clicked in (facets, a brushed date range), each a clause of the query
 * language. Filters are kept apart in the URL (`filter=` …) so each can be
 * shown and taken off on its own.
 */

export { fullQuery } from '../../src/query/hits-request';

/** A query-language string literal. */
export const quoted = (v: string) => `"${v.replace(/"/g, ' ').trim()}"`;

/** The filter clause a facet value stands for. */
export function facetFilter(facet: string, value: string, type?: string): string {
  switch (facet) {
    case 'outlet':
      return `outlet:${quoted(value)}`;
    case 'author':
      return `author:${quoted(value)}`;
    case 'category':
      return `category:${quoted(value)}`;
    case 'language':
      return `lang:${value}`;
    case 'entity':
      return `entity:${quoted(type ? `${value} (${type})` : value)}`;
    case 'event':
      return `event:${value}`;
    case 'frame':
      return `frame:${quoted(value)}`;
    case 'month':
      return monthRange(value, value);
    default:
      return `${facet}:${quoted(value)}`;
  }
}

/** after:FROM before:(the month after TO), the query language's half-open range. */
export function monthRange(from: string, to: string): string {
  const [y, m] = to.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `after:${from} before:${next}`;
}

/** A day range (inclusive) as after:/before:. */
export function dayRange(from: Date, to: Date): string {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const end = new Date(to.getTime() + 86_400_000);
  return `after:${iso(from)} before:${iso(end)}`;
}

export const isDateFilter = (f: string) => /^after:\S+ before:\S+$/.test(f);
