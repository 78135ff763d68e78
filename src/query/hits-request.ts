/**
 * The first request of the web UI's search page, defined once for both ends:
 * the page sends it (ui/src/views/hits.ts, and ui/src/early.ts on a direct
 * load), and the server names it in a preload header when it serves that
 * page (server/ui-routes.ts), so the browser asks for the hits before any
 * script has arrived. The same URL string on both ends is what lets the
 * browser hand the preloaded answer to the page's fetch. Browser-safe: no
 * Node imports.
 */

/** Hits per page of the search view. */
export const HITS_PAGE = 20;
export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];

/** Clauses that apply to the whole query wherever they stand, and cannot go inside parentheses. */
const GLOBAL_CLAUSE = /(^|\s)-?(entity|event|frame|after|before|outlet\.[\w-]+):/i;

/**
 * The search query the views send: what the analyst typed joined with the
 * filters clicked in (facets, a brushed date range), each a clause of the
 * query language; an OR in the text is bracketed so a filter narrows all of it.
 */
export function fullQuery(q: string, filters: readonly string[]): string {
  const text = q.trim();
  if (!filters.length) return text;
  const head = /\bOR\b/.test(text) && !GLOBAL_CLAUSE.test(text) ? `(${text})` : text;
  return [head, ...filters].filter(Boolean).join(' ');
}

export interface HitsRequest {
  /** The query sent: the text with its filters. */
  full: string;
  page: number;
  sort?: Sort;
  /** The API URL (path and query string) of the page of hits, without facets: those are asked for apart, once the hits are in. */
  url: string;
}

/** The hits request of a search page's URL parameters (`q`, `filter`…, `page`, `sort`). */
export function hitsRequest(params: URLSearchParams): HitsRequest {
  const full = fullQuery(params.get('q') ?? '', params.getAll('filter'));
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const sortParam = params.get('sort') ?? '';
  const sort = (SORTS as readonly string[]).includes(sortParam) ? (sortParam as Sort) : undefined;
  const query = new URLSearchParams({ q: full, limit: String(HITS_PAGE), offset: String((page - 1) * HITS_PAGE), collapse: 'true', facets: 'none' });
  if (sort) query.set('sort', sort);
  return { full, page, ...(sort ? { sort } : {}), url: `/api/search?${query}` };
}
