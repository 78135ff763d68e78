/**
 * The typed API client: openapi-fetch over the types openapi-typescript derives
 * from the server's OpenAPI document (schema.d.ts), so a renamed parameter or
 * field is a type error here, not a blank panel.
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

const TOKEN_KEY = 'newslens-token';

/** A server started with a token prints the UI's URL with `#token=…`; it is kept for the tab and taken out of the address bar. */
function readToken(): string | undefined {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

const token = readToken();

/** Headers every call sends: the token when there is one, and the header that marks a write as this app's (see guard.ts). */
export function authHeaders(write: boolean): Record<string, string> {
  const h: Record<string, string> = {};
  if (token) h.authorization = `Bearer ${token}`;
  if (write) h['x-newslens-request'] = '1';
  return h;
}

export const api = createClient<paths>({
  baseUrl: location.origin,
  // Lists go comma-separated (`?kind=direct,partial`), as the API documents them.
  querySerializer: { array: { style: 'form', explode: false } },
});
api.use({
  onRequest({ request }) {
    for (const [k, v] of Object.entries(authHeaders(request.method !== 'GET'))) request.headers.set(k, v);
    return request;
  },
});

/** An RFC 9457 problem the API answered with. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  param?: string;
  position?: number;
  candidates?: Array<{ id: number; name: string; type: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly status: number,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The data of an openapi-fetch answer, or an ApiError carrying the problem. */
export async function unwrap<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) throw new ApiError((error ?? {}) as Problem, response.status);
  return data as T;
}

/**
 * A GET of an API URL built elsewhere (the search page's hits, whose URL the
 * server also names for preloading): the same headers and errors as `api`.
 */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: authHeaders(false), signal });
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new ApiError((body ?? {}) as Problem, response.status);
  return body as T;
}

/** A URL on the API with its query string, for links (exports, GraphML) the browser downloads itself. */
export function apiUrl(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') u.searchParams.set(k, String(v));
  return u.pathname + u.search;
}
