/**
 * `newslens entities --review`: what a person should look at before
 * trusting the entity table, most mentions first, each with the command that
 * would correct it:
 * - shared-name: a surname or short name left apart because several people
 *   or bodies go by it ("Bush": George W. Bush, Jeb Bush …);
 * - same-name: one name kept as two entities of different types;
 * - spelling: a person's name one or two letters from a far more common one
 *   with the same surname ("Vladamir Putin");
 * - alias: a name an entity goes by that does not fit it (an acronym whose
 *   letters fit neither its name nor its long names; for a person, a name
 *   sharing no word with theirs).
 */
import type { Entity } from '../model.js';
import { fitsAcronym, isAcronym, nameForm } from '../link/names.js';
import type { Store } from '../store/store.js';

export type ReviewKind = 'shared-name' | 'same-name' | 'spelling' | 'alias';

export interface ReviewItem {
  kind: ReviewKind;
  entity: { id: number; name: string; type: string; mentions: number };
  /** The other entities it may be (shared-name, same-name, spelling), or the alias in question. */
  others: Array<{ id: number; name: string; type: string; mentions: number }>;
  alias?: string;
  /** Mentions at stake: those of the entity, or of the alias. */
  mentions: number;
  why: string;
  /** A command that would correct it, if the reviewer agrees. */
  fix: string;
}

/** Entities named fewer times than this are left out of the review (noise nobody will chart). */
const MIN_MENTIONS = 3;
/** A spelling variant is at most this share of the common spelling's mentions. */
const VARIANT_SHARE = 0.2;

const brief = (e: Entity) => ({ id: e.id, name: e.name, type: e.type, mentions: e.mentions });
const words = (s: string) => s.toLowerCase().split(/[\s-]+/).filter(Boolean);

/** Levenshtein distance, stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

export function reviewEntities(store: Store, limit = 50): ReviewItem[] {
  const all: Entity[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = store.listEntities({ limit: 5000, offset });
    all.push(...page.filter((e) => e.mentions >= MIN_MENTIONS));
    if (page.length < 5000) break;
  }
  const items: ReviewItem[] = [];
  const people = all.filter((e) => e.type === 'PER');
  const bySurname = new Map<string, Entity[]>();
  for (const p of people) {
    const w = words(p.name);
    if (w.length > 1) (bySurname.get(w.at(-1)!) ?? bySurname.set(w.at(-1)!, []).get(w.at(-1)!)!).push(p);
  }
  for (const p of people) {
    const w = words(p.name);
    if (w.length === 1) {
      const bearers = (bySurname.get(w[0]!) ?? []).sort((a, b) => b.mentions - a.mentions);
      if (bearers.length)
        items.push({
          kind: 'shared-name',
          entity: brief(p),
          others: bearers.slice(0, 5).map(brief),
          mentions: p.mentions,
          why: `"${p.name}" alone is left apart: ${bearers.length} people in the corpus go by it`,
          fix: `newslens entity "#${bearers[0]!.id}" --merge "#${p.id}"`,
        });
      continue;
    }
    // A rarer spelling of a commoner name with the same surname.
    for (const q of bySurname.get(w.at(-1)!) ?? []) {
      if (q === p || q.mentions * VARIANT_SHARE < p.mentions) continue;
      const a = w.slice(0, -1).join(' ');
      const b = words(q.name).slice(0, -1).join(' ');
      const d = distance(a, b, 2);
      if (d >= 1 && d <= (Math.min(a.length, b.length) >= 6 ? 2 : 1) && a[0] === b[0]) {
        items.push({ kind: 'spelling', entity: brief(p), others: [brief(q)], mentions: p.mentions, why: `"${p.name}" is spelt ${d} letter(s) from "${q.name}"`, fix: `newslens entity "#${q.id}" --merge "#${p.id}"` });
        break;
      }
    }
  }
  const byForm = new Map<string, Entity[]>();
  for (const e of all) (byForm.get(nameForm(e.name, e.type)) ?? byForm.set(nameForm(e.name, e.type), []).get(nameForm(e.name, e.type))!).push(e);
  for (const same of byForm.values()) {
    if (same.length < 2) continue;
    const [main, ...rest] = [...same].sort((a, b) => b.mentions - a.mentions);
    for (const r of rest)
      items.push({ kind: 'same-name', entity: brief(r), others: [brief(main!)], mentions: r.mentions, why: `"${r.name}" is also an entity of type ${main!.type}`, fix: `newslens entity "#${main!.id}" --merge "#${r.id}"` });
  }
  for (const e of all) {
    const long = [e.name, ...e.aliases.map((a) => a.name)].filter((n) => words(n).length > 1);
    for (const a of e.aliases) {
      if (a.name === e.name) continue;
      let why: string | undefined;
      if (e.type !== 'PER' && isAcronym(a.name) && long.length && !long.some((l) => fitsAcronym(a.name, l))) why = `the letters of "${a.name}" fit none of the names of ${e.name}`;
      else if (e.type === 'PER' && !words(a.name).some((x) => words(e.name).includes(x))) why = `"${a.name}" shares no word with "${e.name}"`;
      if (why) items.push({ kind: 'alias', entity: brief(e), others: [], alias: a.name, mentions: a.count, why, fix: `newslens entity "#${e.id}" --split "${a.name}"` });
    }
  }
  return items.sort((a, b) => b.mentions - a.mentions || a.entity.id - b.entity.id).slice(0, limit);
}
