/**
 * Canonical entities inside one article: each mention gets the key of the
 * entity it names (`TYPE|Canonical name`), so that name variants resolve to
 * one entity:
 * - a person's shorter name to the fuller form in the article
 *   ("Tokayev" → "Kassym-Jomart Tokayev"), the first named if several fit;
 * - an acronym to the long form it abbreviates in the article (initials,
 *   or "Long Form (ACR)"): "CSTO" → "Collective Security Treaty Organization";
 * - a country's variants to its common name ("US" → "United States");
 * - an organisation's own body ("the SCO's Anti-Terrorist Structure") keeps
 *   its own key, with its parent's key beside it.
 * Capitals and demonyms keep their own names here; the corpus entity table
 * links them to their country (src/store/entities-sql.ts).
 */
import type { Mention } from '../model.js';
import { countryNamed } from './countries.js';
import { cleanName, fitsAcronym, isAcronym } from './names.js';

const SMALL = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', 'at', 'de', 'des', 'du', 'la', 'le', 'el', 'et', '&']);

/**
 * Whether two tagged types may name one entity: a person only a person;
 * organisations, places and countries one another (the tagger confuses
 * "the Kremlin", "Washington" and "the White House" among these, never
 * with people as often as with each other).
 */
export function linkableTypes(a: string, b: string): boolean {
  return a === b || (a !== 'PER' && b !== 'PER');
}

export const entityKey = (type: string, name: string) => `${type}|${name}`;
export function splitKey(key: string): { type: string; name: string } {
  const i = key.indexOf('|');
  return { type: key.slice(0, i), name: key.slice(i + 1) };
}

const words = (s: string) => s.split(/[\s-]+/).filter(Boolean);

/** Initials of a long form's significant words: "Collective Security Treaty Organization" → "CSTO". */
export function initials(name: string, withSmall: boolean): string {
  return words(name)
    .filter((w) => withSmall || !SMALL.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** Sets `entityId` (the entity's key) and `parentId` on each mention. */
export function linkMentions(text: string, mentions: Mention[]): void {
  const raw = mentions.map((m) => text.slice(m.start, m.end));
  const surface = mentions.map((m, i) => cleanName(raw[i]!, m.type));
  const keyOf: string[] = surface.map((s, i) => entityKey(mentions[i]!.type, s));
  // Countries first: their variants share a key whatever the article calls them.
  mentions.forEach((m, i) => {
    if (m.type !== 'LOC') return;
    const c = countryNamed(surface[i]!);
    if (c) keyOf[i] = entityKey('LOC', c.name);
  });
  // People: a shorter name that ends a fuller one in the article is that
  // person. Of several ("Justin Trudeau … his father Pierre Trudeau …
  // Trudeau"), the one the article names first: news style introduces its
  // principal first and gives the others their full names.
  const people = mentions.map((m, i) => i).filter((i) => mentions[i]!.type === 'PER');
  for (const i of people) {
    const w = words(surface[i]!);
    const best = people.find((j) => {
      const wj = words(surface[j]!);
      // A span the tagger cut across punctuation ("Stephen) Harper") is no name to link to.
      if (/[^\p{L}\s.'’-]/u.test(raw[j]!)) return false;
      return wj.length > w.length && wj.slice(wj.length - w.length).join(' ') === w.join(' ');
    });
    if (best !== undefined) keyOf[i] = entityKey('PER', surface[best]!);
  }
  // Acronyms: to a long form in the article with those initials, or written "Long Form (ACR)".
  mentions.forEach((m, i) => {
    const acr = surface[i]!.replace(/\./g, '');
    // A country's short form ("US", "UK") is settled above.
    if (!isAcronym(surface[i]!) || words(surface[i]!).length !== 1 || (m.type === 'LOC' && countryNamed(surface[i]!))) return;
    let long = -1;
    mentions.forEach((o, j) => {
      if (j === i || words(surface[j]!).length < 2 || !linkableTypes(m.type, o.type)) return;
      // A person's initials are not enough ("DT"); only "Full Name (FN)" ties them.
      const explicit = new RegExp(`^\\s*\\(\\s*${acr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\)`).test(text.slice(o.end, o.end + acr.length + 8));
      if (o.type === 'PER' && !explicit) return;
      // The letters must fit the long form even when written beside it: "London (CNN)" is a dateline.
      if (!fitsAcronym(acr, surface[j]!)) return;
      if (explicit || initials(surface[j]!, false) === acr || initials(surface[j]!, true) === acr) {
        if (long < 0 || explicit) long = j;
      }
    });
    if (long >= 0) keyOf[i] = keyOf[long]!;
  });
  mentions.forEach((m, i) => {
    m.entityId = keyOf[i]!;
    // "the SCO's Anti-Terrorist Structure": a body of its parent organisation.
    if (m.type !== 'ORG') return;
    const before = text.slice(Math.max(0, m.start - 3), m.start);
    if (!/['’]s\s$/.test(before)) return;
    const parent = mentions.findIndex((o) => o.end === m.start - 3 && o.type === 'ORG');
    if (parent >= 0) m.parentId = keyOf[parent]!;
  });
}
