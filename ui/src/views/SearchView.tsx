/** Search: the query with a live check and hit count, facets, attention over time, and the ranked hits. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { hitsQuery, PAGE, SORTS, type Sort } from './hits';
import { Attention } from '../components/Attention';
import { Facets } from '../components/Facets';
import { Highlighted } from '../components/Highlighted';
import { Pager } from '../components/Field';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { useViewQuery } from '../url';

export function SearchView() {
  const { url, q, filters } = useViewQuery();
  const { full, page, sort, options } = hitsQuery(url.params);
  // The hits come first, then the facet counts and the chart: the server answers one request at a time, and
  // the results are what the analyst reads first (the facets are the slower half of a search on a large workspace).
  const res = useQuery({
    ...options,
    // While the next answer comes, the last one stays on screen (no flash of emptiness on each keystroke).
    placeholderData: keepPreviousData,
  });
  // The hits of this very query, not the last ones kept on screen meanwhile: facets asked for at the click
  // were answered first by the one-thread server and held the new hits up.
  const hitsIn = !res.isPending && !res.isPlaceholderData;
  const facets = useQuery({
    queryKey: ['facets', full],
    queryFn: ({ signal }) => unwrap(api.GET('/api/search', { params: { query: { q: full, limit: 1 } }, signal })),
    placeholderData: keepPreviousData,
    enabled: hitsIn,
  });
  const data = res.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  const list = useRef<HTMLOListElement>(null);
  // Up and down arrows move between results; Enter opens one (it is a link).
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.hit-title') ?? [])];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[e.key === 'ArrowDown' ? i + 1 : Math.max(0, i - 1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>Search</h1>
      <QueryBar
        error={res.error}
        sent={full}
        status={
          data && !res.error ? (
            <span aria-live="polite">
              <strong>{data.total.toLocaleString()}</strong> articles · {data.ms} ms
            </span>
          ) : res.isFetching ? (
            'searching…'
          ) : null
        }
      />
      <div className="search-layout">
        {facets.data && !facets.error ? <Facets facets={facets.data.facets} /> : <aside className="facets" aria-label="Facets" />}
        <div className="search-main">
          <Attention q={q} filters={filters} enabled={hitsIn} />
          <section className="panel" aria-labelledby="results-h">
            <div className="panel-head">
              <h2 id="results-h">Articles</h2>
              <span className="spacer" />
              <label>
                sort{' '}
                <select value={sort ?? (data?.sort as Sort | undefined) ?? 'relevance'} onChange={(e) => url.set({ sort: e.target.value, page: undefined })}>
                  {SORTS.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            </div>
            {!data && res.isLoading && <Loading what="results" />}
            {data && data.hits.length === 0 && <p className="muted empty">No article matches.</p>}
            {data && (
              <ol className="hits" ref={list} onKeyDown={onKey} start={(page - 1) * PAGE + 1} aria-busy={res.isFetching}>
                {data.hits.map((h) => (
                  <li key={h.id} className="hit">
                    <Link href={`/articles/${h.id}`} className="hit-title">
                      {h.title || '(untitled)'}
                    </Link>
                    <div className="hit-meta">
                      {h.outlet ?? 'no outlet'} · {h.published ?? 'undated'}
                      {h.score !== undefined && <span className="muted"> · score {h.score}</span>}
                    </div>
                    <p className="snippet">
                      <Highlighted text={h.snippet} ranges={h.highlights} />
                    </p>
                    {h.duplicates && h.duplicates.length > 0 && (
                      <p className="dups muted">
                        Also carried by{' '}
                        {h.duplicates.map((d, i) => (
                          <span key={d.id}>
                            {i > 0 && ', '}
                            <Link href={`/articles/${d.id}`}>{d.outlet ?? `#${d.id}`}</Link>
                          </span>
                        ))}{' '}
                        (near-duplicates)
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {data && <Pager page={page} pages={pages} />}
          </section>
        </div>
      </div>
    </>
  );
}
