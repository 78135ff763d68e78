/**
 * Countries, their capitals and demonyms, from the world-countries data
 * package: what links "Washington" (the US government) and "Kazakh" to
 * their country.
 */
import { createRequire } from 'node:module';

/** A record of the world-countries package (the fields we read). */
export interface WorldCountry {
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  demonyms?: Record<string, { f: string; m: string }>;
  cca2: string;
  cca3: string;
  unMember?: boolean;
}

export interface Country {
  code: string;
  /** ISO 3166 alpha-3, as CAMEO's actor codes begin ("KAZ"). */
  alpha3: string;
  name: string;
}

interface Tables {
  byName: Map<string, Country>;
  byCapital: Map<string, Country>;
  byDemonym: Map<string, Country>;
  names: Array<[string, Country]>;
}

let countries: WorldCountry[] | undefined;

/** The world-countries records, loaded once per process. */
export function worldCountries(): WorldCountry[] {
  return (countries ??= createRequire(import.meta.url)('world-countries') as WorldCountry[]);
}

let tables: Tables | undefined;
const key = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/\./g, '').trim();

function load(): Tables {
  if (tables) return tables;
  // UN members first, so a name shared with a territory ("American": the US
  // and the Northern Mariana Islands) goes to the member state.
  const list = [...worldCountries()].sort((a, b) => Number(b.unMember ?? false) - Number(a.unMember ?? false));
  const t: Tables = { byName: new Map(), byCapital: new Map(), byDemonym: new Map(), names: [] };
  for (const c of list) {
    const country = { code: c.cca2, alpha3: c.cca3, name: c.name.common };
    // Two-letter codes are not names in news copy ("BD" is a company, not Bangladesh), except "US".
    const alt = c.altSpellings.filter((a) => a.length > 1 && /^[\p{Script=Latin}\s'’.-]+$/u.test(a) && (a !== c.cca2 || a === 'US'));
    for (const n of [c.name.common, c.name.official, ...alt]) {
      if (!t.byName.has(key(n))) t.byName.set(key(n), country);
    }
    t.names.push([key(c.name.common), country]);
    for (const cap of c.capital) {
      t.byCapital.set(key(cap), country);
      // "Washington D.C." is "Washington" in news copy.
      const short = cap.replace(/,?\s+D\.?C\.?$/, '');
      if (short !== cap) t.byCapital.set(key(short), country);
    }
    for (const d of Object.values(c.demonyms ?? {})) for (const g of [d.m, d.f]) if (g && !t.byDemonym.has(key(g))) t.byDemonym.set(key(g), country);
  }
  // "US"/"U.S." and "UK" are spelt out in altSpellings; "Britain" is not.
  t.byName.set('britain', t.byName.get('united kingdom')!);
  // The name news archives use for Türkiye (renamed in 2022; the package lists "Republic of Turkey" only).
  t.byName.set('turkey', t.byName.get('türkiye')!);
  // In news, "America" alone is the United States (the continents are "the Americas").
  t.byName.set('america', t.byName.get('united states')!);
  tables = t;
  return t;
}

export function countryNamed(name: string): Country | undefined {
  return load().byName.get(key(name));
}

export function capitalOf(name: string): Country | undefined {
  return load().byCapital.get(key(name));
}

/**
 * The country of a demonym: the package's own list ("Russian", "American"),
 * else a word that is a country's name cut short or with a suffix ("Kazakh",
 * "Kyrgyzstani"), when exactly one country fits.
 */
export function demonymOf(word: string): Country | undefined {
  const t = load();
  const k = key(word);
  const listed = t.byDemonym.get(k);
  if (listed) return listed;
  if (k.length < 5 || k.includes(' ')) return undefined;
  const stem = k.replace(/(ian|an|ese|i)$/, '');
  const fits = t.names.filter(([n]) => (n.startsWith(k) || n.startsWith(stem)) && n.length - stem.length <= 4 && stem.length >= 4);
  return fits.length === 1 ? fits[0]![1] : undefined;
}
