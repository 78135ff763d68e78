/**
 * Each view keeps its state in the URL's query string, so a link reloads to the
 * same state and back / forward walk through it. Typing replaces the entry;
 * a deliberate change (a facet, a page, a sort) pushes a new one.
 */
import { useCallback } from 'react';
import { useLocation, useSearch } from 'wouter';
import { fullQuery } from './query';

export type ParamPatch = Record<string, string | string[] | number | undefined | null>;

export function useUrlState() {
  const search = useSearch();
  const [path, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const set = useCallback(
    (patch: ParamPatch, opts: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(location.search);
      for (const [k, v] of Object.entries(patch)) {
        next.delete(k);
        if (v === undefined || v === null || v === '') continue;
        if (Array.isArray(v)) for (const x of v) next.append(k, x);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      navigate(`${location.pathname}${qs ? `?${qs}` : ''}`, { replace: opts.replace ?? false });
    },
    [navigate],
  );
  const get = (k: string, dflt = '') => params.get(k) ?? dflt;
  const getAll = (k: string) => params.getAll(k);
  const getInt = (k: string, dflt: number) => {
    const n = Number.parseInt(params.get(k) ?? '', 10);
    return Number.isFinite(n) ? n : dflt;
  };
  return { path, params, get, getAll, getInt, set, navigate };
}

/** A link to another view carrying the current query along, so an analyst moves from search to KWIC to network on the same articles. */
export function withQuery(path: string, q: string, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** The view's query as sent: the box's text (`q`) with the clicked filters (`filter`). */
export function useViewQuery() {
  const url = useUrlState();
  const q = url.get('q');
  const filters = url.getAll('filter');
  return { url, q, filters, full: fullQuery(q, filters) };
}
