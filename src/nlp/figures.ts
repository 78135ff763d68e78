/**
 * Figures, rule-based and normalised: money with its currency (ISO 4217),
 * percentages, counts with the thing counted and their qualifier ("more than
 * 100 fatalities"), dates absolute and relative (resolved against a date
 * stated earlier in the paragraph, else the article's date: "on Wednesday"
 * after "January 6, 2022" is 2022-01-05), and durations ("a two-day trip",
 * "a week or two"). Date expressions are found by chrono-node; what they mean
 * in news (a bare weekday is the most recent one) is decided here.
 */
import * as chrono from 'chrono-node';
import type { Figure } from '../model.js';
import type { Sentence } from '../structure/sentences.js';
import { currencyCode, currencyTable } from './currencies.js';

const QUALIFIERS = 'more than|over|at least|nearly|almost|about|around|some|up to|fewer than|less than|roughly|approximately|as many as|as much as|just over|just under|under|below|above|an estimated|close to|at most|no more than|no fewer than';
const QUAL = `(?:(${QUALIFIERS})\\s+)?`;
const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, 'a hundred': 100, 'a thousand': 1000,
  'a dozen': 12, 'a couple of': 2, dozens: 24, hundreds: 200, thousands: 2000, 'tens of thousands': 20000,
};
/** Vague plurals are kept with what they mean as a lower bound. */
const VAGUE: Record<string, string> = { dozens: 'dozens of', hundreds: 'hundreds of', thousands: 'thousands of', 'tens of thousands': 'tens of thousands of' };
const WORDNUM = Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|');
const SCALES: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12 };
const SYMBOLS: Record<string, string> = { 'US$': 'USD', 'U.S.$': 'USD', $: 'USD', 'A$': 'AUD', 'C$': 'CAD', 'HK$': 'HKD', 'NZ$': 'NZD', 'S$': 'SGD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₽': 'RUB', '₸': 'KZT', '₹': 'INR', '₩': 'KRW', '₺': 'TRY', '₴': 'UAH' };
const SYM = Object.keys(SYMBOLS).sort((a, b) => b.length - a.length).map((s) => s.replace(/[$.]/g, '\\$&')).join('|');
const STOP = new Set('with the a an and or of to in on at for by from as is are was were be been being have has had will would that this these those which who it its their his her than then there after before into over under about since said says'.split(' '));
const COLLECTIVE = new Set(['people', 'police', 'staff', 'personnel', 'children', 'men', 'women', 'cattle', 'crew', 'militia']);
const TIME_UNITS = 'second|minute|hour|day|week|month|year|decade|century';

let moneyWordRe: RegExp | undefined;
function moneyWordRegex(): RegExp {
  if (moneyWordRe) return moneyWordRe;
  const t = currencyTable();
  const words = [...t.byWord.keys()].filter((w) => /^[a-z]+$/.test(w) && w.length > 2);
  const alt = words.flatMap((w) => [w, `${w}s`, ...(w === 'ruble' ? ['rouble', 'roubles'] : [])]).sort((a, b) => b.length - a.length).join('|');
  moneyWordRe = new RegExp(`${QUAL}(${NUM})(?:\\s(thousand|million|billion|trillion))?\\s((?:[A-Z][A-Za-z]+\\s){0,2})?(${alt})\\b|${QUAL}\\b(${[...t.codes].join('|')})\\s?(${NUM})(?:\\s?(thousand|million|billion|trillion|bn|mn|m)\\b)?|${QUAL}(${NUM})(?:\\s(thousand|million|billion|trillion))?\\s(${[...t.codes].join('|')})\\b`, 'g');
  return moneyWordRe;
}
const MONEY_SYMBOL = new RegExp(`${QUAL}(${SYM})\\s?(${NUM})(?:\\s?(thousand|million|billion|trillion|bn|mn|tn|m|k)\\b)?`, 'g');
const PERCENT = new RegExp(`${QUAL}(${NUM}|${WORDNUM})\\s?(%|percent\\b|per cent\\b|pct\\b|percentage points?\\b)`, 'gi');
const DURATION = new RegExp(`${QUAL}\\b(${NUM}|${WORDNUM}|a|an|one)[\\s-](${TIME_UNITS})s?\\b(?:\\s+or\\s+(${NUM}|two|three|four|five|six))?`, 'gi');
const COUNT = new RegExp(`${QUAL}\\b(${NUM}|${WORDNUM})(?:\\s+of)?\\s+((?:[a-z][a-z-]*\\s+){0,3}[a-z][a-z-]*)`, 'gi');
const YEAR = /\b(1[89]\d{2}|20\d{2})(?:\s?[-–]\s?(\d{4}|\d{2}))?\b/g;
const BARE_NUMBER = new RegExp(`${QUAL}(?<![\\w.,$])(${NUM})(?![\\w%])`, 'g');
const NUMBER_OF = /\bnumber of ((?:[a-z-]+\s){0,2}[a-z-]+)/i;

const toNumber = (s: string) => Number(s.replace(/,/g, ''));
const numberOf = (s: string) => (/^\d/.test(s) ? toNumber(s) : WORD_NUMBERS[s.toLowerCase()] ?? NaN);
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The noun phrase a count counts: lower-case words ending in a plural or collective noun. */
function itemOf(words: string): string | undefined {
  const ws = words.trim().split(/\s+/);
  const kept: string[] = [];
  for (const w of ws) {
    if (STOP.has(w.toLowerCase())) break;
    kept.push(w);
  }
  while (kept.length && !(/[a-z]s$/i.test(kept[kept.length - 1]!) || COLLECTIVE.has(kept[kept.length - 1]!.toLowerCase()))) kept.pop();
  return kept.length && kept.every((w) => /^[a-z][a-z-]*$/.test(w)) ? kept.join(' ') : undefined;
}

function parseReference(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso.length === 10 ? `${iso}T12:00:00Z` : iso.length === 4 ? `${iso}-07-01T12:00:00Z` : iso.endsWith('Z') ? iso : `${iso}Z`);
  return Number.isNaN(t) ? undefined : new Date(t);
}

export interface FigureOptions {
  /** The article's date (ISO), for relative dates. */
  published?: string | undefined;
}

export function findFigures(text: string, sentences: Sentence[], opts: FigureOptions = {}): Figure[] {
  const out: Figure[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const add = (f: Figure) => {
    if (!free(f.start, f.end)) return false;
    taken.push([f.start, f.end]);
    out.push(f);
    return true;
  };
  const articleDate = parseReference(opts.published);
  let reference = articleDate;
  let paragraphEnd = -1;

  for (const sent of sentences) {
    const s = text.slice(sent.start, sent.end);
    const at = sent.start;
    // A date stated in an earlier paragraph is not "nearby".
    if (sent.start > paragraphEnd) {
      reference = articleDate;
      const nl = text.indexOf('\n\n', sent.start);
      paragraphEnd = nl < 0 ? text.length : nl;
    }
    const qualified = (q: string | undefined, f: Figure): Figure => (q ? { ...f, qualifier: q.toLowerCase() } : f);

    for (const m of s.matchAll(MONEY_SYMBOL)) {
      const scale = m[4] ? SCALES[m[4].toLowerCase()] ?? 1 : 1;
      add(qualified(m[1], { start: at + m.index!, end: at + m.index! + m[0].length, kind: 'money', value: toNumber(m[3]!) * scale, unit: SYMBOLS[m[2]!.replace(/\s/g, '')] ?? 'USD' }));
    }
    for (const m of s.matchAll(moneyWordRegex())) {
      let f: Figure | undefined;
      const span = { start: at + m.index!, end: at + m.index! + m[0].length };
      if (m[2]) {
        const code = currencyCode(m[5]!, m[4]?.trim().split(/\s+/).pop());
        if (code) f = qualified(m[1], { ...span, kind: 'money', value: toNumber(m[2]) * (m[3] ? SCALES[m[3].toLowerCase()]! : 1), unit: code });
      } else if (m[7]) {
        f = qualified(m[6], { ...span, kind: 'money', value: toNumber(m[8]!) * (m[9] ? SCALES[m[9].toLowerCase()]! : 1), unit: m[7] });
      } else if (m[11]) {
        f = qualified(m[10], { ...span, kind: 'money', value: toNumber(m[11]) * (m[12] ? SCALES[m[12].toLowerCase()]! : 1), unit: m[13]! });
      }
      if (f) add(f);
    }
    for (const m of s.matchAll(PERCENT)) {
      add(qualified(m[1], { start: at + m.index!, end: at + m.index! + m[0].length, kind: 'percent', value: numberOf(m[2]!), unit: m[3]!.startsWith('percentage') ? 'percentage points' : '%' }));
    }

    // Dates: chrono finds them; a weekday alone is the latest one on or before the reference.
    const shifted = chrono.parse(s, new Date((reference ?? new Date(0)).getTime() + 400 * 86_400_000));
    chrono.parse(s, reference ?? new Date(0)).forEach((r) => {
      let txt = r.text.replace(/[\s,.;:]+$/, '');
      let start = at + r.index;
      if (/^(within|in|for)\s/i.test(txt) && !/\d{4}/.test(txt)) return; // "within a week" is a duration
      if (/^(right )?now$/i.test(txt)) return;
      const lead = /^(?:on|at|in|by|since|until|from|of)\s+/i.exec(txt);
      if (lead) {
        start += lead[0].length;
        txt = txt.slice(lead[0].length);
      }
      const c = r.start;
      // Relative to the reference when parsing against another reference moves it ("yesterday", "Thursday").
      const other = shifted.find((x) => x.index === r.index);
      const relative = !other || other.start.date().getTime() !== c.date().getTime();
      let value: string | null = null;
      if (relative && !reference) value = null;
      else if (c.isCertain('year') && c.isCertain('month') && c.isCertain('day')) value = isoDay(c.date());
      // A month and day with no year: the reference's year, or, in an undated article, the year the
      // text itself implies ("July 25 through July 31, 2016"), since the date did not move with the reference.
      else if (c.isCertain('month') && c.isCertain('day')) value = `${reference ? reference.getUTCFullYear() : c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
      else if (c.isCertain('weekday') && !c.isCertain('day')) {
        // A weekday alone names a day only near a known date.
        if (reference) {
          const d = new Date(reference);
          d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() - c.get('weekday')! + 7) % 7));
          value = isoDay(d);
        }
      } else if (c.isCertain('month') && c.isCertain('year')) value = `${c.get('year')}-${pad(c.get('month')!)}`;
      else value = isoDay(c.date());
      const end = start + txt.length;
      if (add({ start, end, kind: 'date', value }) && value && !relative && /^\d{4}-\d{2}-\d{2}$/.test(value)) reference = parseReference(value);
    });
    for (const m of s.matchAll(YEAR)) {
      const start = at + m.index!;
      const after = s.slice(m.index! + m[0].length, m.index! + m[0].length + 12);
      const before = s.slice(Math.max(0, m.index! - 8), m.index!);
      // "2000 protesters" is a count, "the 2020 elections" and "2011-13 protests" are dates.
      if (!m[2] && /^\s*(?:[a-z]+s\b|people|%|percent)/.test(after) && !/\b(?:the|in|since|of|by|from|until|before|after)\s+$/i.test(before)) continue;
      if (/[$€£]\s?$/.test(before)) continue;
      const f: Figure = { start, end: start + m[0].length, kind: 'date', value: m[1]! };
      if (m[2]) f.max = m[2].length === 2 ? m[1]!.slice(0, 2) + m[2] : m[2];
      add(f);
    }

    for (const m of s.matchAll(DURATION)) {
      const n = /^an?$/i.test(m[2]!) ? 1 : numberOf(m[2]!);
      if (Number.isNaN(n)) continue;
      const f: Figure = { start: at + m.index!, end: at + m.index! + m[0].length, kind: 'duration', value: n, unit: m[3]!.toLowerCase() };
      if (m[4]) f.max = numberOf(m[4]);
      add(qualified(m[1], f));
    }
    for (const m of s.matchAll(COUNT)) {
      const n = numberOf(m[2]!);
      const item = itemOf(m[3]!);
      if (Number.isNaN(n) || n < 2 || !item) continue; // "one takeaway" is not a figure
      const start = at + m.index!;
      const end = start + m[0].indexOf(m[3]!) + m[3]!.indexOf(item) + item.length;
      const vague = VAGUE[m[2]!.toLowerCase()];
      add(qualified(m[1] ?? vague, { start, end, kind: 'count', value: n, item }));
    }
    // A bare number is a count when the sentence says what it counts ("the number of forces is … 2,500").
    for (const m of s.matchAll(BARE_NUMBER)) {
      const n = toNumber(m[2]!);
      const start = at + m.index!;
      const end = start + m[0].length;
      if (!free(start, end) || (n >= 1800 && n <= 2100 && !m[2]!.includes(','))) continue;
      const what = NUMBER_OF.exec(s.slice(0, m.index!));
      if (what) add(qualified(m[1], { start, end, kind: 'count', value: n, item: itemOf(what[1]!) ?? what[1]! }));
      else if (m[2]!.includes(',') || n >= 100) add(qualified(m[1], { start, end, kind: 'count', value: n }));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
