/** Collocates: the words found near a term in the query's articles, with log-Dice, MI and t-score. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { UrlField, UrlSelect } from '../components/Field';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { Table } from '../components/Table';
import { useViewQuery, withQuery } from '../url';

const MEASURES = [
  ['logdice', 'log-Dice'],
  ['mi', 'MI'],
  ['tscore', 't-score'],
] as const;
type Measure = (typeof MEASURES)[number][0];

export default function CollocatesView() {
  const { url, full } = useViewQuery();
  const term = url.get('term');
  const measure = (url.get('measure', 'logdice') as Measure) || 'logdice';
  const window = Math.min(20, Math.max(1, url.getInt('window', 5)));
  const res = useQuery({
    queryKey: ['collocates', full, term, measure, window],
    enabled: full.trim() !== '' || term !== '',
    queryFn: ({ signal }) => unwrap(api.GET('/api/collocates', { params: { query: { q: full, measure, window, limit: 60, ...(term ? { term } : {}) } }, signal })),
  });
  const d = res.data;
  return (
    <>
      <h1 tabIndex={-1}>Collocates</h1>
      <QueryBar error={res.error} sent={full} status={d ? `“${d.term}”: ${d.nodeFrequency.toLocaleString()} times in ${d.articles.toLocaleString()} articles` : null} />
      <div className="toolbar">
        <UrlField param="term" label="term" placeholder="default: the query's words" />
        <UrlSelect param="measure" label="rank by" options={MEASURES} />
        <UrlSelect param="window" label="words each side" options={[['5', '5'], ['3', '3'], ['8', '8'], ['12', '12']]} />
      </div>
      {!full.trim() && !term && <p className="muted">Type a word to see the company it keeps.</p>}
      {!d && res.isFetching && <Loading what="collocates" />}
      {d && (
        <section className="panel">
          <p className="muted small">{d.counting}</p>
          <Table
            name="collocates"
            rows={d.collocates}
            columns={[
              { key: 'term', label: 'collocate', render: (r) => <Link href={withQuery('/kwic', full, { term: d.term })}>{r.term}</Link> },
              { key: 'together', label: 'together', numeric: true },
              { key: 'left', label: 'left', numeric: true },
              { key: 'right', label: 'right', numeric: true },
              { key: 'frequency', label: 'frequency', numeric: true },
              { key: 'logDice', label: 'log-Dice', numeric: true },
              { key: 'mi', label: 'MI', numeric: true },
              { key: 'tScore', label: 't-score', numeric: true },
            ]}
          />
        </section>
      )}
    </>
  );
}
