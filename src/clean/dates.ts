/**
 * Publication dates to ISO 8601. A day alone stays a day (`2022-01-10`); a
 * time with a zone becomes UTC (`2022-01-10T08:00:00Z`); a time without a
 * zone is kept as written, without inventing one. Free-form dates ("Jan. 10,
 * 2022", RFC 2822) go through chrono-node in strict mode.
 */
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

// Loaded on first use (a seventh of a second): most dates are ISO and never need it.
let chrono: typeof Chrono | undefined;
const parser = () => (chrono ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d && y >= 1800 && y <= 2200;
}

/** ISO form of `s`, or undefined when it is not a date. */
export function normalizeDate(s: string): string | undefined {
  const v = s.trim();
  if (!v) return undefined;
  let m = DAY.exec(v);
  if (m) return validDay(+m[1]!, +m[2]!, +m[3]!) ? v : undefined;
  m = DATETIME.exec(v);
  if (m) {
    const [, day, hm, sec, , zone] = m;
    const [y, mo, d] = day!.split('-').map(Number) as [number, number, number];
    if (!validDay(y, mo, d)) return undefined;
    const local = `${day}T${hm}${sec ?? ':00'}`;
    if (!zone) return local;
    const z = /^(UTC|GMT)$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const t = Date.parse(local + z);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace('.000Z', 'Z');
  }
  if (/^\d{9,13}$/.test(v)) {
    const n = Number(v);
    const ms = v.length >= 12 ? n : n * 1000;
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  }
  const translated = englishMonths(v);
  return fromChrono(v) ?? (translated !== v ? fromChrono(translated) : undefined);
}

function fromChrono(v: string): string | undefined {
  const parsed = parser().strict.parse(v, new Date(Date.UTC(2000, 0, 1)))[0];
  if (!parsed || !parsed.start.isCertain('year') || !parsed.start.isCertain('month') || !parsed.start.isCertain('day')) return undefined;
  const c = parsed.start;
  const y = c.get('year')!, mo = c.get('month')!, d = c.get('day')!;
  if (!validDay(y, mo, d)) return undefined;
  if (!c.isCertain('hour')) return `${y}-${pad(mo)}-${pad(d)}`;
  if (c.isCertain('timezoneOffset')) return c.date().toISOString().replace('.000Z', 'Z');
  return `${y}-${pad(mo)}-${pad(d)}T${pad(c.get('hour')!)}:${pad(c.get('minute') ?? 0)}:${pad(c.get('second') ?? 0)}`;
}

// Month abbreviations of the Romance and Germanic languages feeds write RFC 822
// dates in ("Seg, 24 Set 2018", "mer, 16 nov 2022"), to their English names.
const MONTHS: Record<string, string> = {
  jan: 'Jan', janv: 'Jan', ene: 'Jan', gen: 'Jan', jän: 'Jan', fev: 'Feb', fév: 'Feb', févr: 'Feb', feb: 'Feb', mär: 'Mar',
  mrz: 'Mar', abr: 'Apr', avr: 'Apr', mai: 'May', mag: 'May', mayo: 'May', giu: 'Jun', juin: 'Jun', lug: 'Jul',
  juil: 'Jul', ago: 'Aug', août: 'Aug', set: 'Sep', out: 'Oct', ott: 'Oct', okt: 'Oct', dez: 'Dec', dic: 'Dec', déc: 'Dec',
};

function englishMonths(s: string): string {
  // Drop a leading weekday ("Seg,", "mer,") in any language, then translate month words.
  return s.replace(/^\p{L}{2,4}\.?,\s*/u, '').replace(/\p{L}+\.?/gu, (w) => MONTHS[w.replace(/\.$/, '').toLowerCase()] ?? w);
}
