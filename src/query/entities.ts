/**
 * An entity's profile: who it is (canonical name, type, aliases, country,
 * parent), how much it is covered, over time and by outlet, which other
 * entities appear beside it, and the latest articles naming it. Quotes,
 * events and tone join it as the knowledge issue lands.
 */
import type { Entity } from '../model.js';
import type { Store } from '../store/store.js';
import { QueryError } from './language.js';
import { search, type FacetValue, type SearchHit } from './search.js';

export interface EntityProfile {
  entity: Entity;
  /** Other entities the name could also mean (same alias). */
  alsoNamed: Array<{ id: number; name: string; type: string }>;
  byMonth: FacetValue[];
  byOutlet: FacetValue[];
  /** Entities named in the same articles. */
  alongside: FacetValue[];
  latest: SearchHit[];
}

const quoted = (name: string) => `"${name.replace(/"/g, '')}"`;

export function entityProfile(store: Store, name: string): EntityProfile | undefined {
  const [entity, ...others] = store.entitiesNamed(name);
  if (!entity) return undefined;
  if (/"/.test(entity.name)) throw new QueryError(name, 0, 'entity names with double quotes cannot be searched');
  const r = search(store, `entity:${quoted(entity.name)}`, { sort: 'newest', limit: 10, facets: ['month', 'outlet', 'entity'], facetLimit: 11 });
  return {
    entity,
    alsoNamed: others.map((o) => ({ id: o.id, name: o.name, type: o.type })),
    byMonth: r.facets.month ?? [],
    byOutlet: r.facets.outlet ?? [],
    alongside: (r.facets.entity ?? []).filter((e) => e.value !== entity.name).slice(0, 10),
    latest: r.hits,
  };
}
