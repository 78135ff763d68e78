/**
 * Gazetteers from well-kept npm data packages, not hand-typed lists:
 * countries with their official names, alternative spellings, demonyms and
 * capitals (world-countries), and cities (city-timezones: the world's cities
 * with their populations). Used as tagger features, and later to link
 * capitals and demonyms to their country.
 */
import { createRequire } from 'node:module';
import { worldCountries } from '../link/countries.js';
import { tokenize } from '../structure/tokens.js';

export type GazCategory = 'country' | 'demonym' | 'capital' | 'city';

interface CityRow {
  city: string;
  city_ascii: string;
  pop: number;
  iso2: string;
}

/** Cities smaller than this are left out: small towns named like common words add noise. */
const MIN_CITY_POPULATION = 100_000;
const CONNECTORS = new Set(['of', 'the', 'and', 'da', 'de', 'del', 'di', 'do', 'du', 'la', 'le', 'el', 'al', 'upon', 'on', 'in']);

export interface GazEntry {
  category: GazCategory;
  /** ISO 3166-1 alpha-2 code of the country it belongs to. */
  country: string;
}

const keyOf = (tokens: string[]) => tokens.join(' ').toLowerCase();

export class Gazetteer {
  readonly entries = new Map<string, GazEntry[]>();
  maxTokens = 1;

  add(name: string, entry: GazEntry): void {
    const toks = tokenize(name).map((t) => name.slice(t.start, t.end));
    if (!toks.length || !/^\p{Lu}/u.test(toks[0]!)) return;
    const key = keyOf(toks);
    const list = this.entries.get(key) ?? [];
    if (!list.some((e) => e.category === entry.category && e.country === entry.country)) list.push(entry);
    this.entries.set(key, list);
    this.maxTokens = Math.max(this.maxTokens, toks.length);
  }

  lookup(name: string): GazEntry[] {
    return this.entries.get(keyOf(tokenize(name).map((t) => name.slice(t.start, t.end)))) ?? [];
  }

  /**
   * Per token, the gazetteer matches covering it as "category:position"
   * (B, I, L or U). Longest match first; every word capitalised except
   * connectors such as "of" and "and".
   */
  tagSentence(tokens: string[]): string[][] {
    const out: string[][] = tokens.map(() => []);
    for (let i = 0; i < tokens.length; i++) {
      if (!/^\p{Lu}/u.test(tokens[i]!)) continue;
      for (let len = Math.min(this.maxTokens, tokens.length - i); len >= 1; len--) {
        const last = tokens[i + len - 1]!;
        if (!/^\p{Lu}/u.test(last)) continue;
        const span = tokens.slice(i, i + len);
        if (!span.every((t) => /^\p{Lu}/u.test(t) || CONNECTORS.has(t))) continue;
        const found = this.entries.get(keyOf(span));
        if (!found) continue;
        for (const cat of new Set(found.map((e) => e.category))) {
          if (len === 1) out[i]!.push(`${cat}:U`);
          else for (let k = 0; k < len; k++) out[i + k]!.push(`${cat}:${k === 0 ? 'B' : k === len - 1 ? 'L' : 'I'}`);
        }
        break;
      }
    }
    return out;
  }
}

let cached: Gazetteer | undefined;

/** The gazetteer built from the data packages (once per process). */
export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const countries = worldCountries();
  const cities = (require('city-timezones') as { cityMapping: CityRow[] }).cityMapping;
  const g = new Gazetteer();
  for (const c of countries) {
    const country = c.cca2;
    g.add(c.name.common, { category: 'country', country });
    g.add(c.name.official, { category: 'country', country });
    for (const alt of c.altSpellings) if (alt.length > 3 && /^[\p{Script=Latin}\s'’.-]+$/u.test(alt)) g.add(alt, { category: 'country', country });
    for (const d of Object.values(c.demonyms ?? {})) {
      g.add(d.m, { category: 'demonym', country });
      g.add(d.f, { category: 'demonym', country });
    }
    for (const cap of c.capital) g.add(cap, { category: 'capital', country });
  }
  for (const city of cities) {
    if (city.pop < MIN_CITY_POPULATION) continue;
    g.add(city.city, { category: 'city', country: city.iso2 });
    if (city.city_ascii !== city.city) g.add(city.city_ascii, { category: 'city', country: city.iso2 });
  }
  cached = g;
  return g;
}
