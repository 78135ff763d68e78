/** The corpus entities, most mentioned first, with a type filter; and the review list of likely mistakes. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { Pager } from '../components/Field';
import { ErrorBox, Loading } from '../components/Status';
import { Table } from '../components/Table';
import { useUrlState } from '../url';

const TYPES = ['', 'PER', 'ORG', 'GPE', 'LOC', 'NORP', 'MISC'] as const;
const PAGE = 100;

export default function EntitiesView() {
  const url = useUrlState();
  const [, navigate] = useLocation();
  const type = url.get('type') as (typeof TYPES)[number];
  const page = Math.max(1, url.getInt('page', 1));
  const res = useQuery({
    queryKey: ['entities', type, page],
    queryFn: ({ signal }) => unwrap(api.GET('/api/entities', { params: { query: { limit: PAGE, offset: (page - 1) * PAGE, ...(type ? { type } : {}) } }, signal })),
    placeholderData: keepPreviousData,
  });
  const review = useQuery({ queryKey: ['review'], queryFn: ({ signal }) => unwrap(api.GET('/api/entities/review', { params: { query: { limit: 30 } }, signal })), enabled: url.get('tab') === 'review' });
  const tab = url.get('tab') === 'review' ? 'review' : 'list';
  return (
    <>
      <h1 tabIndex={-1}>Entities</h1>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'list'} onClick={() => url.set({ tab: undefined })}>
          All entities
        </button>
        <button type="button" role="tab" aria-selected={tab === 'review'} onClick={() => url.set({ tab: 'review' })}>
          To review
        </button>
      </div>
      {tab === 'list' ? (
        <>
          <div className="toolbar">
            <label>
              type{' '}
              <select value={type} onChange={(e) => url.set({ type: e.target.value, page: undefined })}>
                {TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t || 'any'}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ErrorBox error={res.error} />
          {!res.data && !res.error && <Loading what="entities" />}
          {res.data && (
            <section className="panel">
              <Table
                name="entities"
                rows={res.data.entities}
                rowKey={(r) => r.id}
                onOpen={(r) => navigate(`/entities/${r.id}`)}
                columns={[
                  { key: 'id', label: 'id', numeric: true },
                  { key: 'name', label: 'name', render: (r) => <Link href={`/entities/${r.id}`}>{r.name}</Link> },
                  { key: 'type', label: 'type' },
                  { key: 'country', label: 'country' },
                  { key: 'articles', label: 'articles', numeric: true },
                  { key: 'mentions', label: 'mentions', numeric: true },
                  {
                    key: 'aliases',
                    label: 'also called',
                    fixed: true,
                    value: (r) => r.aliases.map((a) => a.name).join('; '),
                    render: (r) => <span className="muted">{r.aliases.filter((a) => a.name !== r.name).slice(0, 4).map((a) => a.name).join(', ')}</span>,
                  },
                ]}
              />
              <Pager page={page} full={res.data.entities.length === PAGE} />
            </section>
          )}
        </>
      ) : (
        <section className="panel">
          <ErrorBox error={review.error} />
          {!review.data && !review.error && <Loading what="the review" />}
          {review.data && (
            <Table
              name="entity-review"
              rows={review.data.review}
              columns={[
                { key: 'kind', label: 'kind' },
                { key: 'entity', label: 'entity', value: (r) => r.entity.name, render: (r) => <Link href={`/entities/${r.entity.id}`}>{r.entity.name}</Link> },
                { key: 'why', label: 'why', fixed: true },
                { key: 'fix', label: 'fix (CLI)', fixed: true, render: (r) => <code>{r.fix}</code> },
              ]}
              empty="Nothing looks wrong."
            />
          )}
        </section>
      )}
    </>
  );
}
