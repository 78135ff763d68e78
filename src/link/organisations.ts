/**
 * Names known to be organisations (institutions, international bodies,
 * companies), compiled by scripts/compile-organisations.ts into
 * models/organisations.txt.gz. The corpus entity table uses it as evidence
 * to type a name ORG that the tagger calls a place ("the White House",
 * "the Kremlin", "Twitter") or, for the bodies and companies listed as
 * such, a person ("Al Qaeda").
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../models/organisations.txt.gz');

/**
 * organisation: an international body, an NGO or a company (listed as such);
 * body: a country's institution ("White House", "Kremlin"), from lists that
 * also hold some officials, so never evidence against a person.
 */
export type OrganisationKind = 'organisation' | 'body';

let names: Map<string, OrganisationKind> | undefined;
let firstNames: Set<string> | undefined;

function load(): void {
  names = new Map();
  firstNames = new Set();
  for (const l of gunzipSync(readFileSync(FILE)).toString('utf8').split('\n')) {
    if (!l || l.startsWith('#')) continue;
    if (l[0] === 'F') firstNames.add(l.slice(2));
    else names.set(l.slice(2), l[0] === 'B' ? 'body' : 'organisation');
  }
}

/** What a name (any case, "the" before it or not) is known as, if it is a known organisation. */
export function knownOrganisation(name: string): OrganisationKind | undefined {
  if (!names) load();
  const low = name.toLowerCase().replace(/\s+/g, ' ').trim();
  return names!.get(low) ?? names!.get(low.replace(/^the /, ''));
}

/** Whether a name of two words or more starts with a known first name ("Kim Jong Un", "Vladimir Putin"). */
export function startsWithFirstName(name: string): boolean {
  if (!firstNames) load();
  const words = name.toLowerCase().split(/\s+/);
  return words.length > 1 && firstNames!.has(words[0]!);
}
