/**
 * Which entity a name a user types means. One rule for every lookup
 * (`entity NAME`, `entity:NAME`, `quotes --by`, edits): an id ("#123"), a
 * name with its type ("Washington (GPE)"), or a name or alias, which goes to
 * the entity that owns most of the mentions written that way ("Putin" →
 * Vladimir Putin, not a stray "Putin" the tagger called a place). When
 * another entity owns nearly as many, the name is ambiguous and the
 * candidates are listed.
 */

export interface Candidate {
  id: number;
  name: string;
  type: string;
  /** Mentions of this entity written as the name looked up (or all of them, when it is the entity's own name). */
  owned: number;
}

export class AmbiguousEntityError extends Error {
  constructor(
    readonly query: string,
    readonly candidates: Candidate[],
  ) {
    super(
      `"${query}" may mean ${candidates
        .slice(0, 5)
        .map((c) => `${c.name} (${c.type}, #${c.id}, ${c.owned} mentions)`)
        .join(', ')}; name one as "Name (TYPE)" or #id`,
    );
  }
}

/** An id; a mention key (how stored corrections name their entity: keys outlive ids); a name. */
export type EntityRef = { id: number } | { key: string } | { name: string; type?: string };

/** The reference a stored correction uses for the entity holding this mention key. */
export const keyRef = (key: string) => `key:${key}`;

const TYPES = /^(.*\S)\s*\((PER|ORG|LOC|GPE|NORP|MISC)\)$/i;

/** What a typed reference asks for: an id, or a name with perhaps a type. */
export function parseRef(text: string): EntityRef {
  const t = text.trim();
  const id = /^#(\d+)$/.exec(t);
  if (id) return { id: Number(id[1]) };
  if (t.startsWith('key:')) return { key: t.slice(4) };
  const typed = TYPES.exec(t);
  if (typed) return { name: typed[1]!, type: typed[2]!.toUpperCase() };
  return { name: t };
}

/** A second owner with at least this share of the first's mentions makes a name ambiguous. */
const AMBIGUOUS = 0.5;

/**
 * The entity a name means among its candidates (each with the mentions it
 * owns of that name); others that own some are returned beside it. Throws
 * AmbiguousEntityError when no candidate clearly owns the name.
 */
export function choose(query: string, candidates: Candidate[]): { entity: Candidate; others: Candidate[] } | undefined {
  const list = [...candidates].sort((a, b) => b.owned - a.owned || a.id - b.id);
  if (!list.length) return undefined;
  const [first, second] = list;
  if (second && second.owned >= AMBIGUOUS * first!.owned && second.owned > 0) throw new AmbiguousEntityError(query, list);
  return { entity: first!, others: list.slice(1) };
}
