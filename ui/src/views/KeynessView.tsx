/** Keyness: the words over- and under-represented in the query's articles against a chosen reference query (default: the rest). */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { UrlField, UrlSelect } from '../components/Field';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { Table } from '../components/Table';
import { useViewQuery, withQuery } from '../url';

type Term = { term: string; target: number; reference: number; logLikelihood: number; logRatio: number };
type Side = { query: string; articles: number; counted: number; tokens: number };
/** The answer without `by` (the API's union's first branch). */
type KeyAnswer = { target: Side; reference: Side; key: Term[]; negative: Term[]; counting: string };

export default function KeynessView() {
  const { url, full } = useViewQuery();
  const reference = url.get('reference');
  const ngram = url.get('ngram') === '2' ? 2 : 1;
  const res = useQuery({
    queryKey: ['keyness', full, reference, ngram],
    queryFn: ({ signal }) => unwrap(api.GET('/api/keyness', { params: { query: { q: full, ngram, limit: 50, ...(reference ? { reference } : {}) } }, signal })),
  });
  const d = res.data && 'key' in res.data ? (res.data as unknown as KeyAnswer) : undefined;
  const cols = [
    { key: 'term', label: 'term', render: (r: Term) => <Link href={withQuery('/kwic', full, { term: ngram === 2 ? `"${r.term}"` : r.term })}>{r.term}</Link> },
    { key: 'target', label: 'here', numeric: true },
    { key: 'reference', label: 'reference', numeric: true },
    { key: 'logLikelihood', label: 'G²', numeric: true },
    { key: 'logRatio', label: 'Log Ratio', numeric: true },
  ];
  return (
    <>
      <h1 tabIndex={-1}>Keyness</h1>
      <QueryBar error={res.error} sent={full} label="Target query" />
      <div className="toolbar">
        <UrlField param="reference" label="against" placeholder="reference query (default: every other article)" size={36} />
        <UrlSelect param="ngram" label="terms" options={[['1', 'words'], ['2', 'two-word phrases']]} />
      </div>
      {!res.data && !res.error && <Loading what="keyness (counting words)" />}
      {d && (
        <>
          <p className="muted">
            Target: {d.target.articles.toLocaleString()} articles ({d.target.counted.toLocaleString()} read, {d.target.tokens.toLocaleString()} words) · reference “{d.reference.query || 'the rest'}”:{' '}
            {d.reference.articles.toLocaleString()} articles. {d.counting}
          </p>
          <div className="grid-2">
            <section className="panel">
              <h2>Over-represented</h2>
              <Table name="keyness-key" rows={d.key} columns={cols} />
            </section>
            <section className="panel">
              <h2>Under-represented</h2>
              <Table name="keyness-negative" rows={d.negative} columns={cols} />
            </section>
          </div>
        </>
      )}
    </>
  );
}
