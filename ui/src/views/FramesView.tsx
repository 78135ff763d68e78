/** Frames: the dictionary's counts per outlet and month, and discovered phrases with where they first appeared. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { Table } from '../components/Table';
import { TimeChart } from '../components/TimeChart';
import { useViewQuery } from '../url';

export default function FramesView() {
  const { full } = useViewQuery();
  const frames = useQuery({ queryKey: ['frames', full], queryFn: ({ signal }) => unwrap(api.GET('/api/frames', { params: { query: { q: full } }, signal })) });
  const phrases = useQuery({ queryKey: ['phrases', full], queryFn: ({ signal }) => unwrap(api.GET('/api/frames/phrases', { params: { query: { q: full, limit: 40 } }, signal })) });
  const f = frames.data;
  const byFrame = new Map<string, Array<{ period: string; value: number }>>();
  for (const m of f?.byMonth ?? []) byFrame.set(m.frame, [...(byFrame.get(m.frame) ?? []), { period: m.month, value: m.articles }]);
  return (
    <>
      <h1 tabIndex={-1}>Frames</h1>
      <QueryBar error={frames.error ?? phrases.error} sent={full} />
      <section className="panel">
        <h2>Your frame dictionary</h2>
        {!f && <Loading />}
        {f && !f.dictionary && (
          <p className="muted">
            No frame dictionary is stored. Set one with <code>newslens frames --set FILE</code> or <code>PUT /api/frames/dictionary</code> (YAML: a frame name, then its words and phrases).
          </p>
        )}
        {f && f.dictionary && (
          <>
            {byFrame.size > 0 && <TimeChart series={[...byFrame].slice(0, 6).map(([label, points]) => ({ label, points }))} unit="articles" height={200} label="Articles per frame per month" />}
            <div className="grid-2">
              <Table name="frames" rows={f.frames} columns={[{ key: 'frame', label: 'frame', render: (r) => <Link href={`/search?q=${encodeURIComponent(`frame:"${r.frame}"`)}`}>{r.frame}</Link>, value: (r) => r.frame }, { key: 'articles', label: 'articles', numeric: true }, { key: 'count', label: 'hits', numeric: true }]} />
              <Table name="frames-by-outlet" rows={f.byOutlet} columns={[{ key: 'outlet', label: 'outlet' }, { key: 'frame', label: 'frame' }, { key: 'articles', label: 'articles', numeric: true }, { key: 'count', label: 'hits', numeric: true }]} />
            </div>
          </>
        )}
      </section>
      <section className="panel">
        <h2>Discovered phrases</h2>
        <p className="muted small">Recurring lower-case phrases distinctive of an outlet (or of the query's articles), ranked by G² × cohesion, with their first appearance.</p>
        {!phrases.data && !phrases.error && <Loading what="phrases (reading the articles)" />}
        {phrases.data && (
          <Table
            name="phrases"
            rows={phrases.data.phrases}
            columns={[
              { key: 'phrase', label: 'phrase', render: (r) => <Link href={`/kwic?q=${encodeURIComponent(`"${r.phrase}"`)}`}>{r.phrase}</Link>, value: (r) => r.phrase },
              { key: 'of', label: 'distinctive of', value: (r) => r.distinctive.of },
              { key: 'articles', label: 'articles', numeric: true },
              { key: 'outlets', label: 'outlets', numeric: true },
              { key: 'll', label: 'G²', numeric: true, value: (r) => r.distinctive.logLikelihood },
              { key: 'cohesion', label: 'cohesion', numeric: true },
              { key: 'first', label: 'first seen', value: (r) => r.first.article, render: (r) => <Link href={`/articles/${r.first.article}`}>{(r.first as { published?: string }).published ?? `#${r.first.article}`}</Link> },
            ]}
          />
        )}
      </section>
    </>
  );
}
