/** Outlets side by side for the query: share of output, tone, tone toward chosen entities, who they name and quote, their frames and distinctive words. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { UrlField } from '../components/Field';
import { QueryBar } from '../components/QueryBar';
import { Loading } from '../components/Status';
import { Table } from '../components/Table';
import { useViewQuery } from '../url';

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export default function CompareView() {
  const { url, full } = useViewQuery();
  const outlets = list(url.get('outlets'));
  const toward = list(url.get('toward'));
  const by = url.get('by');
  const res = useQuery({
    queryKey: ['compare', full, outlets, toward, by],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/compare', { params: { query: { q: full, ...(outlets.length ? { outlets } : {}), ...(toward.length ? { toneToward: toward } : {}), ...(by ? { by } : {}) } }, signal })),
  });
  const d = res.data;
  return (
    <>
      <h1 tabIndex={-1}>Compare outlets</h1>
      <QueryBar error={res.error} sent={full} />
      <div className="toolbar">
        <UrlField param="outlets" label="outlets" placeholder="default: the 5 with most matches" size={30} />
        <UrlField param="toward" label="tone toward" placeholder="entities, comma-separated" size={26} />
        <UrlField param="by" label="group by attribute" placeholder="e.g. bias" size={10} />
      </div>
      {!d && !res.error && <Loading what="the comparison" />}
      {d && (
        <>
          <section className="panel">
            <Table
              name="compare"
              rows={d.outlets}
              rowKey={(r) => r.outlet}
              columns={[
                { key: 'outlet', label: by ? by : 'outlet' },
                { key: 'matches', label: 'matches', numeric: true },
                { key: 'share', label: '% of its output', numeric: true, value: (r) => Math.round(r.share * 1000) / 10 },
                { key: 'tone', label: 'mean tone', numeric: true },
                ...toward.map((t, i) => ({ key: `toward-${i}`, label: `tone → ${t}`, numeric: true, value: (r: (typeof d.outlets)[number]) => r.toneToward[i]?.tone ?? null })),
              ]}
            />
          </section>
          <div className="compare-grid">
            {d.outlets.map((o) => (
              <section key={o.outlet} className="panel compare-card">
                <h2>{o.outlet}</h2>
                <p className="muted small">
                  {o.matches.toLocaleString()} of {o.total.toLocaleString()} articles
                </p>
                <h3>Distinctive words</h3>
                <p>{o.distinctive.map((t) => t.term).join(', ') || <span className="muted">none</span>}</p>
                <h3>Most named</h3>
                <ul className="plain">
                  {o.entities.slice(0, 6).map((e) => (
                    <li key={e.name}>
                      <Link href={`/entities/${encodeURIComponent(`${e.name} (${e.type})`)}`}>{e.name}</Link> <span className="muted">{e.articles}</span>
                    </li>
                  ))}
                </ul>
                <h3>Most quoted</h3>
                <ul className="plain">
                  {o.speakers.slice(0, 5).map((s) => (
                    <li key={s.speaker}>
                      {s.speaker} <span className="muted">{s.quotes}</span>
                    </li>
                  ))}
                </ul>
                {o.frames.length > 0 && (
                  <>
                    <h3>Frames</h3>
                    <p>{o.frames.map((f) => `${f.frame} (${f.articles})`).join(', ')}</p>
                  </>
                )}
              </section>
            ))}
          </div>
        </>
      )}
    </>
  );
}
