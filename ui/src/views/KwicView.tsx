/** Keyword in context: every occurrence of the term in the query's articles, sortable by the words left or right, with a dispersion plot. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { UrlField, UrlSelect } from '../components/Field';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { saveText, toCsv } from '../components/download';
import { useViewQuery } from '../url';

const SORTS = [
  ['position', 'article order'],
  ['left', 'left context'],
  ['right', 'right context'],
] as const;
type Sort = (typeof SORTS)[number][0];

export default function KwicView() {
  const { url, full } = useViewQuery();
  const term = url.get('term');
  const sort = (url.get('sort', 'position') as Sort) || 'position';
  const window = Math.min(50, Math.max(1, url.getInt('window', 8)));
  const res = useQuery({
    queryKey: ['kwic', full, term, sort, window],
    enabled: full.trim() !== '' || term !== '',
    queryFn: ({ signal }) => unwrap(api.GET('/api/kwic', { params: { query: { q: full, sort, window, limit: 500, ...(term ? { term } : {}) } }, signal })),
    placeholderData: keepPreviousData,
  });
  const d = res.data;
  return (
    <>
      <h1 tabIndex={-1}>Keyword in context</h1>
      <QueryBar error={res.error} sent={full} status={d ? `${d.lines.toLocaleString()} lines in ${d.articles.toLocaleString()} articles${d.truncated ? ' (first 500 shown)' : ''}` : null} />
      <div className="toolbar">
        <UrlField param="term" label="term" placeholder="default: the query's words" />
        <UrlSelect param="sort" label="sort by" options={SORTS} />
        <UrlSelect param="window" label="words each side" options={[['8', '8'], ['5', '5'], ['12', '12'], ['20', '20']]} />
        <span className="spacer" />
        {d && (
          <button type="button" className="small" onClick={() => saveText('kwic.csv', toCsv(['id', 'title', 'left', 'match', 'right'], d.concordance.map(({ id, title, left, match, right }) => ({ id, title, left, match, right }))), 'text/csv')}>
            CSV
          </button>
        )}
      </div>
      {!full.trim() && !term && <p className="muted">Type a word or phrase to see it in context.</p>}
      {d && d.concordance.length > 0 && <Dispersion lines={d.concordance} />}
      <section className="panel">
        {!d && res.isFetching && <Loading what="the concordance" />}
        {d && (
          <table className="kwic">
            <caption className="visually-hidden">Concordance of {d.term}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  left
                </th>
                <th scope="col">match</th>
                <th scope="col">right</th>
                <th scope="col">article</th>
              </tr>
            </thead>
            <tbody>
              {d.concordance.map((l, i) => (
                <tr key={i}>
                  <td className="kwic-left">
                    {/* The cell runs right to left so a long context is cut at its far end; the words themselves stay left to right. */}
                    <bdi>{l.left}</bdi>
                  </td>
                  <td className="kwic-match">{l.match}</td>
                  <td className="kwic-right">{l.right}</td>
                  <td className="kwic-src">
                    <Link href={`/articles/${l.id}`} title={l.title}>
                      #{l.id}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** Each article of the subcorpus a column (in the order the lines came), a tick per hit: where the term clusters and where it is absent. */
function Dispersion({ lines }: { lines: Array<{ id: number }> }) {
  const order: number[] = [];
  const hits = new Map<number, number>();
  for (const l of lines) {
    if (!hits.has(l.id)) order.push(l.id);
    hits.set(l.id, (hits.get(l.id) ?? 0) + 1);
  }
  const W = 1000;
  const H = 40;
  const max = Math.max(...hits.values());
  const step = W / order.length;
  return (
    <section className="panel">
      <h2>Dispersion</h2>
      <svg viewBox={`0 0 ${W} ${H}`} className="dispersion" role="img" aria-label={`${lines.length} hits across ${order.length} articles`} preserveAspectRatio="none">
        {order.map((id, i) => {
          const h = Math.max(4, (H * hits.get(id)!) / max);
          return <rect key={id} x={i * step} y={H - h} width={Math.max(1, step - 1)} height={h} className="disp-tick" />;
        })}
      </svg>
      <p className="muted small">
        {order.length.toLocaleString()} articles, left to right in the concordance's order; bar height is hits in the article (most: {max}).
      </p>
    </section>
  );
}
