/** Who said what: the query's quotes, filterable by speaker, subject, kind and confidence; each links to its place in the article. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { UrlField, UrlSelect, Pager } from '../components/Field';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { useViewQuery } from '../url';
import { QuoteTable } from './EntityView';

const PAGE = 50;
const KINDS = [
  ['', 'all kinds'],
  ['direct', 'direct'],
  ['indirect', 'indirect'],
  ['partial', 'partial'],
  ['segment', 'interview segment'],
  ['phrase', 'scare quote / phrase'],
] as const;
const SORTS = [
  ['newest', 'newest'],
  ['oldest', 'oldest'],
  ['prominence', 'most-named speakers first'],
  ['repetition', 'carried by most outlets first'],
  ['confidence', 'most confident first'],
] as const;
type Sort = (typeof SORTS)[number][0];
type Kind = Exclude<(typeof KINDS)[number][0], ''>;

export default function QuotesView() {
  const { url, full } = useViewQuery();
  const page = Math.max(1, url.getInt('page', 1));
  const by = url.get('by');
  const about = url.get('about');
  const kind = url.get('kind') as Kind | '';
  const sort = (url.get('sort', 'newest') as Sort) || 'newest';
  const res = useQuery({
    queryKey: ['quotes', full, by, about, kind, sort, page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/quotes', {
          params: { query: { q: full, limit: PAGE, offset: (page - 1) * PAGE, sort, ...(by ? { by } : {}), ...(about ? { about } : {}), ...(kind ? { kind: [kind] } : {}) } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <h1 tabIndex={-1}>Quotes</h1>
      <QueryBar error={res.error} sent={full} />
      <div className="toolbar">
        <UrlField param="by" label="said by" placeholder="a name, #id" />
        <UrlField param="about" label="about" placeholder="a name, #id" />
        <UrlSelect param="kind" label="kind" options={KINDS} />
        <UrlSelect param="sort" label="order" options={SORTS} />
      </div>
      <section className="panel">
        {!res.data && !res.error && <Loading what="quotes" />}
        {res.data && <QuoteTable rows={res.data.quotes} name="quotes" />}
        {res.data && <Pager page={page} full={res.data.quotes.length === PAGE} />}
      </section>
    </>
  );
}
