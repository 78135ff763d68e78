/**
 * Grouping the corpus's mention keys (one per name an article uses, set by
 * src/link) into entities, one per actor, before users' edits:
 *
 * 1. Keys written the same way are one name ("Mr. Putin", "VLADIMIR PUTIN",
 *    "Putin Putin" and "Putin"; "Vladimir V. Putin" and "Vladimir Putin").
 *    Organisations, places and countries of one name join whatever the
 *    tagger called each mention; a person joins a non-person of the same
 *    name only when one side has three quarters of the mentions (the tagger's
 *    slips, not "Jordan" the country and Jordan the player).
 * 2. A short name (a surname, an acronym) that one longer name goes by across
 *    the corpus is that entity; of several, the one named at least four times
 *    as often as all the others together, else it stays apart ("Clinton").
 *    Never across person and non-person, and an acronym only to a long form
 *    its letters fit that articles tie it to often enough.
 *
 * Pure: the SQL side (src/store/entities-sql.ts) reads the keys, applies the
 * edits on these groups and writes the tables.
 */
import { countryNamed } from '../link/countries.js';
import { cleanName, fitsAcronym, hasHonorific, isAcronym, nameForm, withoutInitial } from '../link/names.js';
import { linkableTypes } from '../link/resolve.js';
import { knownOrganisation, startsWithFirstName } from '../link/organisations.js';

export interface KeyStats {
  key: string;
  /** The key's name, cleaned (src/link/names). */
  name: string;
  /** The type the tagger gave the key's mentions. */
  type: string;
  form: string;
  mentions: number;
  surfaces: Map<string, number>;
  /** Articles each surface is written in. */
  surfaceArticles: Map<string, number>;
  /** Parent keys ("the SCO's Anti-Terrorist Structure") with how many mentions gave each. */
  parents: Map<string, number>;
  /** Stable number of the key (entity ids are the smallest of their keys'). */
  kid: number;
}

/** How many times more often the main bearer of a shared short name must be named than the others together. */
const DOMINANT = 4;
/** Share of a name's mentions one side (person or not) needs to take the other's mentions. */
const TYPE_MAJORITY = 0.75;
/** Share of its mentions tagged PER that, with a first name, makes an entity a person. */
const PERSON_SHARE = 0.25;
/** Share of an entity's mentions that must name a parent before it is "part of" that parent. */
const PARENT_SHARE = 1 / 3;
/**
 * The evidence an acronym needs to go to a long form: articles that tie the two, this many, or
 * mentions tied so, this share of the acronym's own mentions (a rare acronym, one article).
 */
const ACRONYM_ARTICLES = 3;
const ACRONYM_EVIDENCE = 0.1;

const wordCount = (s: string) => s.replace(/^the\s+/i, '').split(/\s+/).length;
const persons = (ks: KeyStats[]) => ks.filter((k) => k.type === 'PER');

export class Groups {
  private readonly up = new Map<string, string>();
  readonly keys: Map<string, KeyStats>;

  constructor(list: KeyStats[]) {
    this.keys = new Map(list.map((k) => [k.key, k]));
    for (const k of list) this.up.set(k.key, k.key);
  }

  find(x: string): string {
    let r = x;
    while (this.up.get(r) !== r) r = this.up.get(r)!;
    // Path halving keeps later finds short.
    while (this.up.get(x) !== r) {
      const next = this.up.get(x)!;
      this.up.set(x, r);
      x = next;
    }
    return r;
  }

  union(keep: string, into: string): void {
    const a = this.find(keep);
    const b = this.find(into);
    if (a !== b) this.up.set(b, a);
  }

  /** Cuts these keys out of their groups into a group of their own, the rest of each group staying together. */
  detach(leaving: KeyStats[], members: KeyStats[]): void {
    const staying = members.filter((k) => !leaving.includes(k));
    for (const k of members) this.up.set(k.key, k.key);
    for (const k of leaving) this.union(leaving[0]!.key, k.key);
    for (const k of staying) this.union(staying[0]!.key, k.key);
  }

  all(): Map<string, KeyStats[]> {
    const g = new Map<string, KeyStats[]>();
    for (const k of this.keys.values()) {
      const r = this.find(k.key);
      (g.get(r) ?? g.set(r, []).get(r)!).push(k);
    }
    return g;
  }
}

const sum = (ks: KeyStats[]) => ks.reduce((n, k) => n + k.mentions, 0);

/** Mentions per tagged type of a group, most first. */
function typeVotes(group: KeyStats[]): Array<[string, number]> {
  const votes = new Map<string, number>();
  for (const k of group) votes.set(k.type, (votes.get(k.type) ?? 0) + k.mentions);
  return [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * What a group is: its name (a person's or a body's fullest common name,
 * most mentioned first, never an acronym while a long form is there), and its
 * type by the majority of its mentions, with evidence: a country's name is a
 * country, a known organisation the tagger called a place is an organisation.
 */
export function describeGroup(group: KeyStats[]): { name: string; type: string; kid: number } {
  // (wordCount leaves out a leading "The": "The CIA" is no long form of "CIA".)
  const votes = typeVotes(group);
  let type = votes[0]![0];
  // A person the tagger mostly took for something else: a full name starting with a first name
  // and tagged a person a quarter of the time ("Kim Jong Un").
  const person = votes.find(([t]) => t === 'PER')?.[1] ?? 0;
  if (type !== 'PER' && person >= PERSON_SHARE * sum(group) && group.some((k) => k.type === 'PER' && startsWithFirstName(k.name))) type = 'PER';
  const pool = group.filter((k) => (type === 'PER') === (k.type === 'PER'));
  const most = (ks: KeyStats[]) => ks.reduce((b, k) => (k.mentions > b.mentions || (k.mentions === b.mentions && k.name < b.name) ? k : b));
  // A person by a full name, a body by its long form rather than its acronym.
  const full = pool.filter((k) => wordCount(k.name) > 1);
  const top = most(pool);
  const name = (full.length && (type === 'PER' || isAcronym(top.name.replace(/^the\s+/i, ''))) ? most(full) : top).name;
  const known = knownOrganisation(name);
  if (type !== 'PER' && countryNamed(name)) type = 'LOC';
  else if (known && (type !== 'PER' || known === 'organisation')) type = 'ORG';
  return { name, type, kid: Math.min(...group.map((k) => k.kid)) };
}

/** The parent key a group is part of, when enough of its mentions say so; never a person (`typeOf`: a group's type by its root). */
export function parentOf(group: KeyStats[], groups: Groups, typeOf: (root: string) => string | undefined): string | undefined {
  const votes = new Map<string, number>();
  for (const k of group) for (const [p, n] of k.parents) votes.set(groups.find(p), (votes.get(groups.find(p)) ?? 0) + n);
  const self = groups.find(group[0]!.key);
  const [best] = [...votes].filter(([p]) => p !== self && typeOf(p) !== 'PER').sort((a, b) => b[1] - a[1]);
  return best && best[1] >= PARENT_SHARE * sum(group) ? best[0] : undefined;
}

/** Steps 1 and 2 of the module comment, on fresh groups of the keys. */
export function groupKeys(list: KeyStats[]): Groups {
  const groups = new Groups(list);
  // 1. One written name.
  const byForm = new Map<string, KeyStats[]>();
  for (const k of list) (byForm.get(k.form) ?? byForm.set(k.form, []).get(k.form)!).push(k);
  for (const same of byForm.values()) {
    const people = same.filter((k) => k.type === 'PER');
    const others = same.filter((k) => k.type !== 'PER');
    for (const side of [people, others]) for (const k of side.slice(1)) groups.union(side[0]!.key, k.key);
    if (!people.length || !others.length) continue;
    const p = sum(people);
    const o = sum(others);
    // A name of two words or more written alike is one referent whatever the tagger called it
    // ("Kim Jong Un", tagged ORG and PER by turns); a single word may be two ("Jordan").
    const long = wordCount(same[0]!.name) > 1;
    if (p >= TYPE_MAJORITY * (p + o) || (long && p >= o)) groups.union(people[0]!.key, others[0]!.key);
    else if (o >= TYPE_MAJORITY * (p + o) || long) groups.union(others[0]!.key, people[0]!.key);
  }
  // A middle initial is the same person when the corpus writes that name with one initial only:
  // "Vladimir V. Putin" is Vladimir Putin; "George W." and "George P. Bush" stay apart from "George Bush".
  const variants = new Map<string, Map<string, KeyStats>>();
  for (const k of persons(list)) {
    const base = withoutInitial(k.form);
    if (base && byForm.has(base)) (variants.get(base) ?? variants.set(base, new Map()).get(base)!).set(k.form, k);
  }
  for (const [base, forms] of variants) {
    const target = byForm.get(base)!.find((k) => k.type === 'PER');
    if (target && forms.size === 1) groups.union(target.key, [...forms.values()][0]!.key);
  }
  // 2. Short names to the one long name they stand for.
  const snapshot = groups.all();
  const info = new Map([...snapshot].map(([root, g]) => [root, { ...describeGroup(g), mentions: sum(g) }]));
  const bySurface = new Map<string, Set<string>>();
  const byLastWord = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(v);
  // How often each group's mentions are written each way (an acronym under its long form, in
  // articles that tie the two).
  const written = new Map<string, Map<string, { mentions: number; articles: number }>>();
  for (const [root, g] of snapshot) {
    const { name, type } = info.get(root)!;
    const forms = new Map<string, { mentions: number; articles: number }>();
    for (const k of g)
      for (const [s, n] of k.surfaces) {
        const f = forms.get(nameForm(s, k.type)) ?? forms.set(nameForm(s, k.type), { mentions: 0, articles: 0 }).get(nameForm(s, k.type))!;
        f.mentions += n;
        f.articles += k.surfaceArticles.get(s) ?? 0;
      }
    written.set(root, forms);
    for (const f of forms.keys()) add(bySurface, f, root);
    if (wordCount(name) > 1 && type === 'PER') add(byLastWord, name.slice(name.lastIndexOf(' ') + 1).toLowerCase(), root);
  }
  for (const [root, g] of snapshot) {
    const { name, type } = info.get(root)!;
    const acronym = type !== 'PER' && isAcronym(name);
    if (!(type === 'PER' && wordCount(name) === 1) && !acronym) continue;
    const form = nameForm(name, type);
    const own = info.get(root)!.mentions;
    const candidates = new Set([...(bySurface.get(form) ?? [])]);
    if (type === 'PER') for (const o of byLastWord.get(form) ?? []) candidates.add(o);
    const others = [...candidates].filter((o) => {
      if (o === root) return false;
      const other = info.get(o)!;
      if (wordCount(other.name) < 2 || !linkableTypes(type, other.type)) return false;
      // An acronym goes to a long form only on the evidence of articles that tie them, and
      // enough of it: one article pairing "CNN" with a think tank does not make CNN that tank.
      const tied = written.get(o)!.get(form);
      return !acronym || (fitsAcronym(name, other.name) && !!tied && (tied.articles >= ACRONYM_ARTICLES || tied.mentions >= ACRONYM_EVIDENCE * own));
    });
    if (!others.length) continue;
    // A surname goes by how often each bearer is named; an acronym by how many articles tie it
    // to each long form ("AP": the Associated Press in a hundred articles, the Arabian Peninsula in three).
    const weight = (o: string) => (acronym ? written.get(o)!.get(form)?.articles ?? 0 : info.get(o)!.mentions);
    const counts = others.map((o) => [o, weight(o)] as const).sort((a, b) => b[1] - a[1]);
    const rest = counts.slice(1).reduce((n, [, c]) => n + c, 0);
    if (counts[0]![1] >= DOMINANT * rest) groups.union(counts[0]![0], g[0]!.key);
  }
  return groups;
}

/** A key read from the mentions: its cleaned name and comparison form. */
export function keyStats(key: string, taggedType: string, rawName: string, kid: number): KeyStats {
  // "Mr. Putin" tagged a place is a person.
  const type = hasHonorific(rawName) ? 'PER' : taggedType;
  const name = cleanName(rawName, type);
  return { key, name, type, form: nameForm(name, type), mentions: 0, surfaces: new Map(), surfaceArticles: new Map(), parents: new Map(), kid };
}
