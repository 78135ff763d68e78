/** A ranked list as horizontal bars (counts by outlet, co-occurring entities): plain HTML, readable without a chart library. */
import { Link } from 'wouter';

export interface Bar {
  label: string;
  value: number;
  href?: string;
  note?: string;
}

export function Bars({ bars, unit = '', label }: { bars: Bar[]; unit?: string; label: string }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  return (
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
  );
}
