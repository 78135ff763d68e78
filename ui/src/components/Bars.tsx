/** A ranked list as horizontal bars (counts by outlet, co-occurring entities): plain HTML, readable without a chart library. */
import { Link } from 'wouter';
import { saveText, toCsv } from './download';

export interface Bar {
  label: string;
  value: number;
  href?: string;
  note?: string;
}

export function Bars({ bars, unit = '', label }: { bars: Bar[]; unit?: string; label: string }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  const file = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <>
    {bars.length > 0 && (
      <div className="table-tools">
        <span className="spacer" />
        <button type="button" className="small" aria-label={`${label} as CSV`} onClick={() => saveText(`${file}.csv`, toCsv(['label', 'value', 'note'], bars.map((b) => ({ label: b.label, value: b.value, note: b.note }))), 'text/csv')}>
          CSV
        </button>
      </div>
    )}
    <ul className="bars" aria-label={label}>
      {bars.map((b) => (
        <li key={b.label}>
          <span className="bar-label">
            {b.href ? <Link href={b.href}>{b.label}</Link> : b.label}
            {b.note && <span className="type-tag">{b.note}</span>}
          </span>
          <span className="bar-track" aria-hidden="true">
            <span className={b.value < 0 ? 'bar neg' : 'bar'} style={{ width: `${(100 * Math.abs(b.value)) / max}%` }} />
          </span>
          <span className="bar-value">
            {b.value.toLocaleString()}
            {unit}
          </span>
        </li>
      ))}
    </ul>
    </>
  );
}
