/**
 * An entity's profile: who it is (canonical name, type, aliases, country,
 * parent), how much it is covered, over time and by outlet, which other
 * entities appear beside it, the latest articles naming it, its quotes
 * (by it and about it), its events (as source and as target), and the tone
 * of the sentences about it per outlet.
 */
import type { Entity } from '../model.js';
import type { EventRow, QuoteRow, Store } from '../store/store.js';
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
  quotesBy: QuoteRow[];
  quotesAbout: QuoteRow[];
  eventsAsSource: EventRow[];
  eventsAsTarget: EventRow[];
  toneByOutlet: Array<{ outlet: string; articles: number; tone: number }>;
}

/** How many quotes and events a profile lists of each kind. */
const PROFILE_ROWS = 10;

export function entityProfile(store: Store, name: string): EntityProfile | undefined {
  const [entity, ...others] = store.entitiesNamed(name);
  if (!entity) return undefined;
  // By id: the name alone could mean another entity of the same name.
  const ref = `#${entity.id}`;
  const r = search(store, `entity:${ref}`, { sort: 'newest', limit: 10, facets: ['month', 'outlet', 'entity'], facetLimit: 11 });
  return {
    entity,
    alsoNamed: others.map((o) => ({ id: o.id, name: o.name, type: o.type })),
    byMonth: r.facets.month ?? [],
    byOutlet: r.facets.outlet ?? [],
    alongside: (r.facets.entity ?? []).filter((e) => e.value !== entity.name).slice(0, 10),
    latest: r.hits,
    ...knowledgeOf(store, ref),
  };
}

function knowledgeOf(store: Store, name: string): Pick<EntityProfile, 'quotesBy' | 'quotesAbout' | 'eventsAsSource' | 'eventsAsTarget' | 'toneByOutlet'> {
  const keys = store.keysNamed(name);
  const limit = PROFILE_ROWS;
  return {
    quotesBy: store.quotes({ speakerKeys: keys, limit }),
    quotesAbout: store.quotes({ aboutKeys: keys, limit }),
    eventsAsSource: store.events({ actorKeys: keys, role: 'source', limit }),
    eventsAsTarget: store.events({ actorKeys: keys, role: 'target', limit }),
    toneByOutlet: store.toneByOutlet(keys),
  };
}
