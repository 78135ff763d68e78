/** Every stored article, a page at a time, newest first or in ingest order. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { downloadFromApi } from '../components/download';
import { Pager } from '../components/Field';
import { ErrorBox, Loading } from '../components/Status';
import { Table } from '../components/Table';
import { useUrlState } from '../url';

const PAGE = 50;

export default function ArticlesView() {
  const url = useUrlState();
  const [, navigate] = useLocation();
  const page = Math.max(1, url.getInt('page', 1));
  const order = url.get('order') === 'id' ? 'id' : 'date';
  const res = useQuery({
    queryKey: ['articles', page, order],
    queryFn: ({ signal }) => unwrap(api.GET('/api/articles', { params: { query: { limit: PAGE, offset: (page - 1) * PAGE, order } }, signal })),
    placeholderData: keepPreviousData,
  });
  const pages = res.data ? Math.max(1, Math.ceil(res.data.total / PAGE)) : 1;
  return (
    <>
      <h1 tabIndex={-1}>Articles</h1>
      <div className="toolbar">
        <label>
          order{' '}
          <select value={order} onChange={(e) => url.set({ order: e.target.value === 'id' ? 'id' : undefined, page: undefined })}>
            <option value="date">newest first</option>
            <option value="id">as ingested</option>
          </select>
        </label>
        <span className="spacer" />
        <span className="muted">Export every article (streamed):</span>
        {(['jsonl', 'csv'] as const).map((f) => (
          <button key={f} type="button" className="small" onClick={() => void downloadFromApi(`/api/exports/articles?format=${f}`, `articles.${f}`)}>
            {f.toUpperCase()}
          </button>
        ))}
      </div>
      <ErrorBox error={res.error} />
      {!res.data && !res.error && <Loading what="articles" />}
      {res.data && (
        <section className="panel">
          <Table
            name="articles"
            caption={`${res.data.total.toLocaleString()} articles`}
            rows={res.data.articles}
            rowKey={(r) => r.id}
            onOpen={(r) => navigate(`/articles/${r.id}`)}
            columns={[
              { key: 'id', label: 'id', numeric: true },
              { key: 'title', label: 'title', render: (r) => <Link href={`/articles/${r.id}`}>{r.title || '(untitled)'}</Link>, value: (r) => r.title },
              { key: 'outlet', label: 'outlet' },
              { key: 'published', label: 'published' },
              { key: 'language', label: 'language' },
            ]}
          />
          <Pager page={page} pages={pages} />
        </section>
      )}
    </>
  );
}
