/**
 * Currency names to ISO 4217 codes, from the world-countries data package
 * (each country's currencies with their English names), not a hand-typed
 * list. "tenge" → KZT; "dollar" alone is the US dollar, and a country word
 * before it picks the country's ("Canadian dollars" → CAD).
 */
import { createRequire } from 'node:module';

interface CountryCurrencies {
  name: { common: string };
  demonyms?: Record<string, { m: string; f: string }>;
  currencies?: Record<string, { name: string; symbol?: string }>;
}

export interface CurrencyTable {
  /** Last word of a currency name, singular, lower case → codes (most used first). */
  byWord: Map<string, string[]>;
  /** Country adjective or name (lower case) + currency word → code. */
  byQualified: Map<string, string>;
  codes: Set<string>;
}

/** The default code where a currency word is shared by many countries. */
const DEFAULTS: Record<string, string> = { dollar: 'USD', pound: 'GBP', franc: 'CHF', peso: 'MXN', rupee: 'INR', dinar: 'KWD', krone: 'DKK', euro: 'EUR', yuan: 'CNY', ruble: 'RUB' };

let cached: CurrencyTable | undefined;

export function currencyTable(): CurrencyTable {
  if (cached) return cached;
  const countries = createRequire(import.meta.url)('world-countries') as CountryCurrencies[];
  const byWord = new Map<string, string[]>();
  const byQualified = new Map<string, string>();
  const codes = new Set<string>();
  for (const c of countries) {
    for (const [code, cur] of Object.entries(c.currencies ?? {})) {
      codes.add(code);
      const words = cur.name.toLowerCase().split(/\s+/);
      const last = words[words.length - 1]!;
      const list = byWord.get(last) ?? [];
      if (!list.includes(code)) list.push(code);
      byWord.set(last, list);
      const qualifiers = [words.slice(0, -1).join(' '), c.name.common.toLowerCase(), ...Object.values(c.demonyms ?? {}).flatMap((d) => [d.m.toLowerCase(), d.f.toLowerCase()])];
      for (const q of qualifiers) if (q) byQualified.set(`${q} ${last}`, code);
    }
  }
  for (const [word, code] of Object.entries(DEFAULTS)) {
    const list = byWord.get(word);
    if (list?.includes(code)) byWord.set(word, [code, ...list.filter((c) => c !== code)]);
  }
  cached = { byWord, byQualified, codes };
  return cached;
}

/** The code for "[qualifier] word" ("Kazakh tenge", "dollars"), or undefined. */
export function currencyCode(word: string, qualifier?: string): string | undefined {
  const t = currencyTable();
  const w = word.toLowerCase().replace(/^roubles?$/, 'ruble').replace(/(?<=[a-z]{3})s$/, '');
  if (qualifier) {
    const q = t.byQualified.get(`${qualifier.toLowerCase()} ${w}`);
    if (q) return q;
  }
  return t.byWord.get(w)?.[0];
}
