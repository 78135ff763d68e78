/**
 * Runs before the app's bundle: a direct load of /search?q=… sends its hits
 * request now. The bundle (React and the views) takes 60–100 ms to arrive,
 * compile and run on a 2-core machine; the request no longer waits for it, and
 * on a large workspace the answer is often there when React first renders.
 * A module script of its own because the page's CSP allows no inline script.
 */
import { hitsQuery, type EarlyHits } from './views/hits';

declare global {
  interface Window {
    newslensEarlyHits?: EarlyHits;
  }
}

if (location.pathname === '/search') {
  const { options } = hitsQuery(new URLSearchParams(location.search));
  const answer = options.queryFn({ signal: new AbortController().signal });
  // Handled here so a failure is not reported as unhandled; the view shows it through the query cache.
  answer.catch(() => undefined);
  window.newslensEarlyHits = { queryKey: options.queryKey, answer };
}
