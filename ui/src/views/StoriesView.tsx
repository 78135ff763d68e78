/** The query's articles grouped into stories: each with its span, outlets, keywords and main entities. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { Table } from '../components/Table';
import { useViewQuery, withQuery } from '../url';

export const storiesQuery = (full: string, minSize: number) => ({
  queryKey: ['stories', full, minSize],
  queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(api.GET('/api/stories', { params: { query: { q: full, limit: 100, minSize } }, signal })),
});

export const spanOf = (articles: Array<{ published?: string }>) => {
  const days = articles.map((a) => a.published).filter((d): d is string => Boolean(d)).sort();
  return days.length ? (days[0] === days[days.length - 1] ? days[0]! : `${days[0]} – ${days[days.length - 1]}`) : 'undated';
};

export default function StoriesView() {
  const { url, full, q, filters } = useViewQuery();
  const minSize = Math.max(1, url.getInt('min', 2));
  const res = useQuery(storiesQuery(full, minSize));
  const d = res.data;
  const link = (id: number) => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    for (const f of filters) p.append('filter', f);
    if (minSize !== 2) p.set('min', String(minSize));
    const s = p.toString();
    return `/stories/${id}${s ? `?${s}` : ''}`;
  };
  return (
    <>
      <h1 tabIndex={-1}>Stories</h1>
      <QueryBar error={res.error} sent={full} status={d ? `${d.stories.toLocaleString()} stories from ${d.counted.toLocaleString()} articles · ${d.duplicateSets} near-duplicate sets` : res.isFetching ? 'grouping…' : null} />
      <div className="toolbar">
        <label>
          at least{' '}
          <select value={minSize} onChange={(e) => url.set({ min: e.target.value === '2' ? undefined : e.target.value })}>
            {[1, 2, 3, 5, 10].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>{' '}
          articles
        </label>
      </div>
      <section className="panel">
        {!d && !res.error && <Loading what="stories (clustering the articles)" />}
        {d && (
          <Table
            name="stories"
            rows={d.shown}
            rowKey={(r) => r.id}
            columns={[
              { key: 'title', label: 'story', render: (r) => <Link href={link(r.id)}>{r.title}</Link> },
              { key: 'size', label: 'articles', numeric: true },
              { key: 'outlets', label: 'outlets', numeric: true },
              { key: 'span', label: 'dates', value: (r) => spanOf(r.articles) },
              { key: 'keywords', label: 'keywords', fixed: true, value: (r) => r.keywords.join(', ') },
              { key: 'entities', label: 'main entities', fixed: true, value: (r) => r.entities.slice(0, 5).map((e) => e.name).join(', ') },
            ]}
          />
        )}
      </section>
      <p className="muted small">
        <Link href={withQuery('/search', full)}>Search these articles</Link>
      </p>
    </>
  );
}
