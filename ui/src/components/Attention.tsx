/**
 * Attention over time for the view's query (and any queries set beside it):
 * counts or share of all articles, by day, week or month. Dragging across the
 * chart filters every panel to that range.
 */
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { dayRange, fullQuery, isDateFilter } from '../query';
import { useUrlState } from '../url';
import { saveText, toCsv } from './download';
import { ErrorBox } from './Status';
import { TimeChart, type TimeSeries } from './TimeChart';

const INTERVALS = ['day', 'week', 'month'] as const;
type Interval = (typeof INTERVALS)[number];

export function Attention({ q, filters, enabled = true }: { q: string; filters: string[]; enabled?: boolean }) {
  const url = useUrlState();
  const interval = (INTERVALS as readonly string[]).includes(url.get('interval')) ? (url.get('interval') as Interval) : 'month';
  const share = url.get('measure') === 'share';
  const others = url.getAll('vs');
  const [adding, setAdding] = useState('');
  const queries = [q, ...others];
  const results = useQueries({
    queries: queries.map((x) => {
      // A brushed range applies to the chart too (it zooms in); taking the date chip off zooms back out.
      const full = fullQuery(x, filters);
      return { queryKey: ['trends', full, interval], enabled, queryFn: ({ signal }) => unwrap(api.GET('/api/trends', { params: { query: { q: full, interval } }, signal })) };
    }),
  });
  // A bad query is shown once, under the query box; the chart reports only its own failures.
  const error = results.find((r) => r.error && !(r.error instanceof ApiError && r.error.status === 400))?.error;
  const series: TimeSeries[] = results.flatMap((r, i) =>
    r.data ? [{ label: queries[i] || 'every article', points: (r.data.series[0]?.points ?? []).map((p) => ({ period: p.period, value: share ? Math.round(p.share * 10000) / 100 : p.count })) }] : [],
  );
  const brush = (from: Date, to: Date) => url.set({ filter: [...filters.filter((f) => !isDateFilter(f)), dayRange(from, to)], page: undefined });
  const undated = results[0]?.data?.undated ?? 0;
  return (
    <section className="panel attention" aria-labelledby="attention-h">
      <div className="panel-head">
        <h2 id="attention-h">Attention over time</h2>
        <span className="spacer" />
        <label>
          per{' '}
          <select value={interval} onChange={(e) => url.set({ interval: e.target.value === 'month' ? undefined : e.target.value })}>
            {INTERVALS.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
        <label>
          show{' '}
          <select value={share ? 'share' : 'count'} onChange={(e) => url.set({ measure: e.target.value === 'share' ? 'share' : undefined })}>
            <option value="count">articles</option>
            <option value="share">% of all articles</option>
          </select>
        </label>
        <button
          type="button"
          className="small"
          disabled={!series.length}
          onClick={() => {
            const rows = series.flatMap((s) => s.points.map((p) => ({ query: s.label, period: p.period, [share ? 'share_percent' : 'articles']: p.value })));
            saveText('attention.csv', toCsv(['query', 'period', share ? 'share_percent' : 'articles'], rows), 'text/csv');
          }}
        >
          CSV
        </button>
      </div>
      <ErrorBox error={error} />
      {series.length > 0 && (
        <TimeChart
          series={series}
          unit={share ? '% of articles' : 'articles'}
          onBrush={brush}
          download={false}
          label={`Articles per ${interval}${others.length ? ` for ${queries.length} queries` : ''}; drag across to filter to a date range`}
        />
      )}
      <div className="panel-foot">
        <span className="muted">Drag across the chart to filter every panel to those dates.{undated ? ` ${undated.toLocaleString()} undated articles are not on it.` : ''}</span>
        <span className="spacer" />
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding.trim()) url.set({ vs: [...others, adding.trim()] });
            setAdding('');
          }}
        >
          <label>
            Compare with{' '}
            <input value={adding} onChange={(e) => setAdding(e.target.value)} placeholder="another query" size={18} />
          </label>
          <button type="submit" className="small">
            Add
          </button>
        </form>
        {others.map((o) => (
          <button key={o} type="button" className="chip-button" aria-label={`Remove ${o} from the chart`} onClick={() => url.set({ vs: others.filter((x) => x !== o) })}>
            {o} ×
          </button>
        ))}
      </div>
    </section>
  );
}
