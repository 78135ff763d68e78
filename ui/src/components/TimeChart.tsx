/**
 * Counts over time (uPlot, loaded with the first chart): one line per series, periods
 * aligned across series; drag across the plot to pick a date range (brush), which the
 * view turns into an after:/before: filter on every panel.
 */
import { useEffect, useRef, useState } from 'react';
import type uPlotType from 'uplot';
import { saveText, toCsv } from './download';

export interface TimeSeries {
  label: string;
  /** Period start (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www) → value. */
  points: Array<{ period: string; value: number }>;
}

const COLOURS = ['#1f5fa8', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490'];

/** A period label → its first day (UTC seconds). ISO weeks start on Monday. */
export function periodStart(p: string): number {
  const week = /^(\d{4})-W(\d{2})$/.exec(p);
  if (week) {
    const y = Number(week[1]);
    const jan4 = Date.UTC(y, 0, 4);
    const dow = (new Date(jan4).getUTCDay() + 6) % 7;
    return (jan4 - dow * 86_400_000 + (Number(week[2]) - 1) * 7 * 86_400_000) / 1000;
  }
  const [y, m = '01', d = '01'] = p.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 1000;
}

/** A tick's label: the year over a long span, the month over months, the day otherwise. */
function isoLabel(seconds: number, spanDays: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return spanDays > 365 * 3 ? iso.slice(0, 4) : spanDays > 120 ? iso.slice(0, 7) : iso.slice(0, 10);
}

interface Props {
  series: TimeSeries[];
  /** The y axis' name (articles, share %). */
  unit: string;
  height?: number;
  /** A dragged range, as the first and last day it covers. */
  onBrush?: (from: Date, to: Date) => void;
  label: string;
  /** A CSV button over the chart (the attention panel has its own). */
  download?: boolean;
}

export function TimeChart({ series, unit, height = 220, onBrush, label, download = true }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlotType | null>(null);
  const brush = useRef(onBrush);
  brush.current = onBrush;
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || width === 0) return;
    let cancelled = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: uPlot }]) => {
      if (cancelled) return;
      const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
      const xs = periods.map(periodStart);
      const ys = series.map((s) => {
        const m = new Map(s.points.map((p) => [p.period, p.value]));
        return periods.map((p) => m.get(p) ?? 0);
      });
      plot.current?.destroy();
      plot.current = new uPlot(
        {
          width,
          height,
          cursor: { drag: { x: true, y: false, setScale: false } },
          select: { show: true, left: 0, top: 0, width: 0, height: 0 },
          // Dates as analysts write them (UTC, ISO), never clock times: the data are days at the finest.
          axes: [{ space: 70, values: (_u, splits) => splits.map((v) => isoLabel(v, (xs[xs.length - 1]! - xs[0]!) / 86_400)) }, { label: unit, size: 60 }],
          scales: { x: { time: true, range: (_u, min, max) => (min === max ? [min - 86_400 * 3, max + 86_400 * 3] : [min, max]) } },
          legend: { show: series.length > 1 },
          series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLOURS[i % COLOURS.length], width: 1.5, fill: series.length === 1 ? 'rgba(31,95,168,0.12)' : undefined, points: { show: periods.length < 60 } }))],
          hooks: {
            setSelect: [
              (u) => {
                if (u.select.width < 3) return;
                const from = u.posToVal(u.select.left, 'x');
                const to = u.posToVal(u.select.left + u.select.width, 'x');
                u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
                brush.current?.(new Date(from * 1000), new Date(to * 1000));
              },
            ],
          },
        },
        [xs, ...ys],
        el,
      );
    });
    return () => {
      cancelled = true;
    };
  }, [series, width, height, unit]);

  useEffect(() => () => plot.current?.destroy(), []);

  const periods = new Set(series.flatMap((s) => s.points.map((p) => p.period)));
  const csv = () =>
    saveText(
      `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60)}.csv`,
      toCsv(['series', 'period', unit], series.flatMap((s) => s.points.map((p) => ({ series: s.label, period: p.period, [unit]: p.value })))),
      'text/csv',
    );
  return (
    <>
      {download && (
        <div className="table-tools">
          <span className="spacer" />
          <button type="button" className="small" aria-label={`${label} as CSV`} onClick={csv}>
            CSV
          </button>
        </div>
      )}
      {periods.size === 1 ? (
        // One period is a number, not a line: said in words.
        <p className="single-period">
          {series.map((s) => `${s.points[0]?.value.toLocaleString() ?? 0} ${unit}${series.length > 1 ? ` (${s.label})` : ''}`).join(', ')}, all in {[...periods][0]}
        </p>
      ) : null}
      <div ref={box} className={periods.size === 1 ? 'chart hidden' : 'chart'} role="img" aria-label={label} />
    </>
  );
}
