/** Who did what to whom: the query's CAMEO events on a timeline and in a table, filterable by actor, root and mood. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { CAMEO_ROOTS } from '../cameo';
import { UrlField, UrlSelect, Pager } from '../components/Field';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { TimeChart } from '../components/TimeChart';
import { useViewQuery } from '../url';
import { EventTable } from './EntityView';

const PAGE = 100;
const ROOTS = [['', 'any root'], ...Object.entries(CAMEO_ROOTS).map(([code, r]) => [code, `${code} ${r.name}`] as const)] as const;
const MOODS = [
  ['', 'any mood'],
  ['asserted', 'asserted'],
  ['negated', 'negated'],
  ['hypothetical', 'hypothetical'],
  ['future', 'future'],
] as const;
const SORTS = [
  ['newest', 'newest article'],
  ['oldest', 'oldest article'],
  ['date', 'when it happened'],
  ['confidence', 'most confident'],
] as const;
type Sort = (typeof SORTS)[number][0];
type Mood = Exclude<(typeof MOODS)[number][0], ''>;

export default function EventsView() {
  const { url, full } = useViewQuery();
  const page = Math.max(1, url.getInt('page', 1));
  const actor = url.get('actor');
  const code = url.get('code');
  const mood = url.get('mood') as Mood | '';
  const sort = (url.get('sort', 'newest') as Sort) || 'newest';
  const res = useQuery({
    queryKey: ['events', full, actor, code, mood, sort, page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/events', {
          params: { query: { q: full, limit: PAGE, offset: (page - 1) * PAGE, sort, ...(actor ? { actor } : {}), ...(code ? { code } : {}), ...(mood ? { mood: [mood] } : {}) } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const events = res.data?.events ?? [];
  // The timeline counts this page's events by the month they are dated to.
  const months = new Map<string, number>();
  for (const e of events) {
    const d = (e.date ?? e.published)?.slice(0, 7);
    if (d && /^\d{4}-\d{2}$/.test(d)) months.set(d, (months.get(d) ?? 0) + 1);
  }
  return (
    <>
      <h1 tabIndex={-1}>Events</h1>
      <QueryBar error={res.error} sent={full} />
      <div className="toolbar">
        <UrlField param="actor" label="actor" placeholder="a name, #id" />
        <UrlSelect param="code" label="CAMEO root" options={ROOTS} />
        <UrlSelect param="mood" label="mood" options={MOODS} />
        <UrlSelect param="sort" label="order" options={SORTS} />
      </div>
      {months.size > 1 && (
        <section className="panel">
          <h2>Timeline of the events listed</h2>
          <TimeChart series={[{ label: 'events', points: [...months].map(([period, value]) => ({ period, value })) }]} unit="events" height={160} label="Events listed, per month" />
        </section>
      )}
      <section className="panel">
        {!res.data && !res.error && <Loading what="events" />}
        {res.data && <EventTable rows={events} name="events" />}
        {res.data && <Pager page={page} full={events.length === PAGE} />}
      </section>
    </>
  );
}
