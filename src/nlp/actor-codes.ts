/**
 * CAMEO actor codes beside an event's actor names, as GDELT and Phoenix give
 * them: a country (ISO 3166 alpha-3) and a role ("KAZGOV", "RUSMIL", "COP"),
 * or an international body ("IGOUNO"). From the Phoenix actor and agent
 * dictionaries (compiled into cameo-actors.ts) and our own entities:
 * - a named actor the dictionaries list takes its code on the article's day
 *   ("Kasymzhomart Tokayev" was KAZGOV 1999–2002); where they are out of date
 *   (an actor listed as elite, ELI, whom the article calls "President"), the
 *   article's own title for the name wins;
 * - a country acting is its code ("Russia" RUS), its capital its government
 *   ("Moscow" RUSGOV), a people its country ("Russian" RUS);
 * - a phrase is its country and the role of its head noun ("the Kazakh
 *   authorities" KAZGOV, "Russian servicemen" RUSMIL, "protesters" OPP, and
 *   with the country of the event's place, "protesters in Almaty" KAZOPP).
 */
import { splitKey } from '../link/resolve.js';
import { capitalOf, countryNamed, demonymOf } from '../link/countries.js';
import { AGENTS, NAMED_ACTORS } from './cameo-actors.js';

let named: Map<string, string> | undefined;
let agents: Map<string, string> | undefined;
let surnames: Map<string, string> | undefined;

function tables(): { named: Map<string, string>; agents: Map<string, string> } {
  if (!named || !agents) {
    const parse = (text: string) => new Map(text.split('\n').map((l) => l.split('\t') as [string, string]));
    named = parse(NAMED_ACTORS);
    agents = parse(AGENTS);
  }
  return { named, agents };
}

/** A name as the dictionaries key it: lower case, hyphens and dots as in "kasymzhomart tokayev", "u.n.". */
const keyOf = (name: string) => name.toLowerCase().replace(/[’']s$/, '').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();

/**
 * A person the dictionary spells otherwise ("Kassym-Jomart Tokayev" is its
 * "kasymzhomart tokayev"): the one listed name with the same surname and
 * first initial; none when two listed people fit.
 */
function personRoles(name: string): string | undefined {
  const { named } = tables();
  const exact = named.get(keyOf(name));
  if (exact) return exact;
  if (!surnames) {
    // "tokayev k" → the roles of the one listed person so named, "" when people with other roles share it.
    surnames = new Map();
    for (const [k, roles] of named) {
      const words = k.split(' ');
      if (words.length < 2) continue;
      const key = `${words.at(-1)!} ${k[0]}`;
      const had = surnames.get(key);
      surnames.set(key, had === undefined || had === roles ? roles : '');
    }
  }
  const words = keyOf(name).split(/[\s-]+/);
  if (words.length < 2) return undefined;
  return surnames.get(`${words.at(-1)!} ${words[0]![0]}`) || undefined;
}

/** An international body by its name's make ("Collective Security Treaty Organization"), where the dictionaries do not list it. */
const BODY = /\b(?:organi[sz]ation|treaty|alliance|union|community|council|league|bank|fund|forum|commission)\b/;
const INTERNATIONAL = /\b(?:international|collective|security|co-?operation|economic|nations|states|countries|european|african|asian|arab|american|world|atlantic|shanghai|eurasian|regional|islamic|pacific)\b/;

/** The code a dictionary entry's roles give on a day (YYYY-MM-DD): the dated role that covers it, else the default. */
export function roleOn(roles: string, day: string | undefined): string | undefined {
  const ymd = day?.replace(/-/g, '').slice(0, 8);
  let fallback: string | undefined;
  for (const r of roles.split(';')) {
    const [code, range] = r.split(' ') as [string, string | undefined];
    if (!range) {
      fallback ??= code;
      continue;
    }
    if (!ymd || ymd.length < 8) continue;
    if (range.startsWith('<') ? ymd < range.slice(1) : range.startsWith('>') ? ymd > range.slice(1) : range.includes('-') ? range.split('-')[0]! <= ymd && ymd <= range.split('-')[1]! : ymd >= range) return code;
  }
  return fallback;
}

const countries = new Map<string, string | undefined>();
/** Past this many words the cache of countryOf starts again (bounded memory on any corpus). */
const MAX_CACHED = 50_000;

/** The alpha-3 code of a place or people word ("Kazakhstan", "Kazakh", "Almaty" by the dictionaries' synonyms). */
function countryOf(word: string, day: string | undefined): string | undefined {
  // By name or demonym (demonymOf reads every country's name: cached); a dated record is read each time.
  let c = countries.get(word);
  if (c === undefined && !countries.has(word)) {
    c = (countryNamed(word) ?? demonymOf(word))?.alpha3;
    if (countries.size >= MAX_CACHED) countries.clear();
    countries.set(word, c);
  }
  if (c) return c;
  const roles = tables().named.get(keyOf(word));
  const code = roles ? roleOn(roles, day) : undefined;
  // A place the dictionary lists under its country: a bare three-letter code.
  return code && /^[A-Z]{3}$/.test(code) ? code : undefined;
}

/** The role of the last words of a phrase ("riot police" COP, "authorities" GOV). */
function roleOf(words: string[]): string | undefined {
  const { agents } = tables();
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const r = agents.get(words.slice(-n).join(' '));
    if (r) return r;
  }
  return undefined;
}

export interface CodedActor {
  name: string;
  ids?: string[];
}

/** Codes already given (an article names the same actors the same way again and again); bounded. */
const given = new Map<string, string | undefined>();

/**
 * An actor's CAMEO code on `day`, or undefined. `title` is the words the
 * text puts before the name ("Kazakh President"; for a person, " | " between
 * the titles of its mentions: this one's, then the earlier ones' in order), `placeCountry` the
 * alpha-3 code of the event's place (for a phrase that names no country).
 */
export function actorCode(a: CodedActor, day: string | undefined, title = '', placeCountry?: string): string | undefined {
  // A title matters only for a person: it goes into the key only for one.
  const ids = a.ids?.join('\u0001') ?? '';
  const key = `${a.name}\u0000${ids}\u0000${ids.startsWith('PER|') ? title : ''}\u0000${placeCountry ?? ''}\u0000${day ?? ''}`;
  if (given.has(key)) return given.get(key);
  const code = codeOf(a, day, title, placeCountry);
  if (given.size >= MAX_CACHED) given.clear();
  given.set(key, code);
  return code;
}

/**
 * What the titles before a person's name say ("|" between the article's
 * several titles for them, this mention's first): a role, a country, a body it
 * names. The first title that names a role gives the role.
 */
function titled(titles: string, day: string | undefined, name: string): { role?: string; country?: string; body?: string } {
  const { named, agents } = tables();
  // "Judge Mehta": a title written as part of the name counts as one.
  const own = keyOf(name).split(' ').slice(0, -1).join(' ');
  const out: { role?: string; country?: string; body?: string } = {};
  for (const title of [...titles.split(' | '), own]) {
    const words = title.toLowerCase().split(/\s+/).filter(Boolean).map((w) => w.replace(/[’']s$/, ''));
    if (!words.length) continue;
    out.role ??= roleOf(words) ?? words.map((w) => agents.get(w)).find((r) => r?.length === 3);
    out.country ??= words.map((w) => countryOf(w, day)).find(Boolean);
    // "EU foreign policy chief Josep Borrell": an official of a body the title names.
    out.body ??= words.map((w) => named.get(w) ?? named.get(`the ${w}`)).map((r) => (r ? roleOn(r, day) : undefined)).find((c) => c?.startsWith('IGO'));
    if (out.role) break;
  }
  return out;
}

function codeOf(a: CodedActor, day: string | undefined, title: string, placeCountry: string | undefined): string | undefined {
  const { named } = tables();
  const one = a.ids?.length === 1 ? splitKey(a.ids[0]!) : undefined;
  // The actor is the entity itself (not a phrase around it: "the Kazakh government").
  if (one && keyOf(one.name) === keyOf(a.name)) {
    const listed = one.type === 'PER' ? personRoles(one.name) : named.get(keyOf(one.name)) ?? named.get(`the ${keyOf(one.name)}`);
    const code = listed ? roleOn(listed, day) : undefined;
    if (one.type === 'LOC' || one.type === 'GPE' || one.type === 'MISC') {
      const capital = capitalOf(one.name);
      if (capital && !countryNamed(one.name)) return `${capital.alpha3}GOV`;
      return countryOf(one.name, day) ?? code;
    }
    if (code) {
      // Out of date: listed as elite, called by a government title here.
      const role = code.endsWith('ELI') ? titled(title, day, one.name).role : undefined;
      return role?.startsWith('GOV') ? code.slice(0, -3) + role : code;
    }
    if (one.type === 'PER') {
      const t = titled(title, day, one.name);
      return t.body ?? (t.country || t.role ? `${t.country ?? ''}${t.role ?? ''}` : undefined);
    }
    const words = keyOf(one.name).split(' ');
    if (one.type === 'ORG' && BODY.test(keyOf(one.name)) && INTERNATIONAL.test(keyOf(one.name))) return 'IGO';
    const country = words.map((w) => countryOf(w, day)).find(Boolean);
    const role = roleOf(words);
    return country || role ? `${country ?? ''}${role ?? ''}` : undefined;
  }
  // A phrase ("the Kazakh authorities", "Russian servicemen", "both countries").
  if (a.ids && a.ids.length > 1) return undefined;
  const words = keyOf(a.name).replace(/^the /, '').split(' ');
  const inner = one ? countryOf(one.name, day) : undefined;
  const nation = inner ?? words.map((w) => countryOf(w, day)).find(Boolean);
  // "Russian forces", "U.S. forces": the dictionaries leave bare "forces" uncoded (a word of many
  // senses); after a country it is that country's military.
  const role = roleOf(words) ?? (nation && words.at(-1) === 'forces' ? 'MIL' : undefined);
  const country = nation ?? (role ? placeCountry : undefined);
  if (!role) return words.length === 1 ? country : undefined;
  return `${country ?? ''}${role}`;
}
