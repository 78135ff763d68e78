/** One story: its articles on a timeline, its outlets, main actors and events, and its near-duplicate sets. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { CAMEO_ROOTS } from '../cameo';
import { Bars } from '../components/Bars';
import { ErrorBox, Loading } from '../components/Status';
import { Table } from '../components/Table';
import { TimeChart } from '../components/TimeChart';
import { useViewQuery } from '../url';
import { spanOf, storiesQuery } from './StoriesView';

export default function StoryView({ id }: { id: number }) {
  const { url, full } = useViewQuery();
  const minSize = Math.max(1, url.getInt('min', 2));
  const res = useQuery(storiesQuery(full, minSize));
  const story = res.data?.shown.find((s) => s.id === id);
  if (res.error) return <ErrorBox error={res.error} />;
  if (!res.data) return <Loading what="the story" />;
  if (!story) return <p>No story {id} for this query (the stories are recomputed from the query; it may have changed).</p>;
  const ids = story.articles.map((a) => a.id);
  const byDay = new Map<string, number>();
  for (const a of story.articles) if (a.published) byDay.set(a.published, (byDay.get(a.published) ?? 0) + 1);
  const outlets = new Map<string, number>();
  for (const a of story.articles) outlets.set(a.outlet ?? 'no outlet', (outlets.get(a.outlet ?? 'no outlet') ?? 0) + 1);
  const dupOf = new Map<number, number>();
  story.duplicates.forEach((set, i) => set.forEach((x) => dupOf.set(x, i + 1)));
  return (
    <>
      <h1 tabIndex={-1}>{story.title}</h1>
      <p className="entity-meta">
        <span>{story.size} articles</span>
        <span>{story.outlets} outlets</span>
        <span>{spanOf(story.articles)}</span>
        <span>keywords: {story.keywords.join(', ')}</span>
        <Link href={`/stories${location.search}`}>all stories</Link>
      </p>
      <div className="grid-2">
        {byDay.size > 1 && (
          <section className="panel">
            <h2>Articles per day</h2>
            <TimeChart series={[{ label: 'articles', points: [...byDay].map(([period, value]) => ({ period, value })) }]} unit="articles" height={170} label="The story's articles per day" />
          </section>
        )}
        <section className="panel">
          <h2>Outlets</h2>
          <Bars label="Articles by outlet" bars={[...outlets].sort((a, b) => b[1] - a[1]).map(([label, value]) => ({ label, value }))} />
        </section>
        <section className="panel">
          <h2>Main actors</h2>
          <Bars label="Entities by articles" bars={story.entities.slice(0, 12).map((e) => ({ label: e.name, value: e.articles, note: e.type, href: `/entities/${encodeURIComponent(`${e.name} (${e.type})`)}` }))} />
        </section>
        <StoryEvents ids={ids} />
      </div>
      <section className="panel">
        <h2>Articles</h2>
        <Table
          name={`story-${id}`}
          rows={story.articles}
          rowKey={(r) => r.id}
          columns={[
            { key: 'published', label: 'date' },
            { key: 'title', label: 'title', render: (r) => <Link href={`/articles/${r.id}`}>{r.title}</Link> },
            { key: 'outlet', label: 'outlet' },
            { key: 'dup', label: 'near-duplicate set', value: (r) => dupOf.get(r.id) ?? null, render: (r) => (dupOf.has(r.id) ? `set ${dupOf.get(r.id)}` : '') },
          ]}
        />
      </section>
    </>
  );
}

/** The events reported as fact in the story's articles, by CAMEO root. */
function StoryEvents({ ids }: { ids: number[] }) {
  const res = useQuery({
    queryKey: ['story-events', ids.join(',')],
    queryFn: async ({ signal }) => {
      const roots = new Map<string, number>();
      // The query language cannot name a set of article ids, so the story's article records are read
      // (a story is tens of articles; the first 60 are counted).
      await Promise.all(
        ids.slice(0, 60).map(async (id) => {
          const a = await unwrap(api.GET('/api/articles/{id}', { params: { path: { id: String(id) } }, signal }));
          for (const e of a.events as Array<{ root: string; mood?: string }>) if (e.mood === 'asserted') roots.set(e.root, (roots.get(e.root) ?? 0) + 1);
        }),
      );
      return [...roots].sort((a, b) => b[1] - a[1]);
    },
  });
  return (
    <section className="panel">
      <h2>Main events</h2>
      {!res.data ? <Loading /> : <Bars label="Events by CAMEO root" bars={res.data.slice(0, 12).map(([root, n]) => ({ label: `${root} ${CAMEO_ROOTS[root]?.name ?? ''}`, value: n }))} />}
    </section>
  );
}
