/**
 * The hits request of a search URL, apart from the view so that early.ts can
 * send it without loading React or the views.
 */
import { api, unwrap } from '../api/client';
import { fullQuery } from '../query';

export const PAGE = 20;
export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];

/** The hits of the search a URL's parameters name. */
export function hitsQuery(params: URLSearchParams) {
  const full = fullQuery(params.get('q') ?? '', params.getAll('filter'));
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const sortParam = params.get('sort') ?? '';
  const sort = (SORTS as readonly string[]).includes(sortParam) ? (sortParam as Sort) : undefined;
  return {
    full,
    page,
    sort,
    options: {
      queryKey: ['search', full, sort, page],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        unwrap(api.GET('/api/search', { params: { query: { q: full, limit: PAGE, offset: (page - 1) * PAGE, collapse: true, facets: [], ...(sort ? { sort } : {}) } }, signal })),
    },
  };
}

/** What early.ts started, for main.tsx to hand to the query cache. */
export interface EarlyHits {
  queryKey: unknown[];
  answer: Promise<unknown>;
}
