/**
 * The hits request of a search URL, apart from the view so that early.ts can
 * send it without loading React or the views. The request itself is defined
 * with the server (src/query/hits-request.ts), which names it for preloading.
 */
import { getJson } from '../api/client';
import type { paths } from '../api/schema';
import { hitsRequest } from '../../../src/query/hits-request';

export { HITS_PAGE as PAGE, SORTS, type Sort } from '../../../src/query/hits-request';

type SearchAnswer = paths['/api/search']['get']['responses'][200]['content']['application/json'];

/** The hits of the search a URL's parameters name. */
export function hitsQuery(params: URLSearchParams) {
  const { full, page, sort, url } = hitsRequest(params);
  return {
    full,
    page,
    sort,
    options: {
      queryKey: ['search', full, sort, page],
      queryFn: ({ signal }: { signal: AbortSignal }) => getJson<SearchAnswer>(url, signal),
    },
  };
}

/** What early.ts started, for main.tsx to hand to the query cache. */
export interface EarlyHits {
  queryKey: unknown[];
  answer: Promise<unknown>;
}
