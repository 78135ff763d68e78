/** The facet sidebar: each facet's values with their counts; a click adds the value as a filter. */
import { facetFilter } from '../query';
import { useUrlState } from '../url';

export interface FacetValue {
  value: string;
  count: number;
  type?: string;
  label?: string;
}

const TITLES: Record<string, string> = { outlet: 'Outlet', month: 'Month', language: 'Language', author: 'Author', category: 'Category', entity: 'Entity', event: 'Event (CAMEO root)', frame: 'Frame' };
const ORDER = ['outlet', 'entity', 'event', 'month', 'author', 'category', 'language', 'frame'];

export function Facets({ facets }: { facets: Record<string, FacetValue[] | undefined> }) {
  const url = useUrlState();
  const active = url.getAll('filter');
  const add = (f: string) => url.set({ filter: active.includes(f) ? active.filter((x) => x !== f) : [...active, f], page: undefined });
  return (
    <aside className="facets" aria-label="Facets">
      {ORDER.filter((k) => facets[k]?.length).map((k) => {
        // Months read best in time order, newest first; the API counts them all.
        const values = k === 'month' ? [...facets[k]!].sort((a, b) => (a.value < b.value ? 1 : -1)).slice(0, 12) : facets[k]!;
        const max = Math.max(...values.map((v) => v.count));
        return (
          <section key={k} className="facet">
            <h2>{TITLES[k] ?? k}</h2>
            <ul>
              {values.map((v) => {
                const f = facetFilter(k, v.value, v.type);
                const on = active.includes(f);
                const name = k === 'event' ? `${v.value} ${v.label ?? ''}` : v.value;
                return (
                  <li key={`${v.value}|${v.type ?? ''}`}>
                    <button type="button" className={on ? 'facet-value on' : 'facet-value'} aria-pressed={on} onClick={() => add(f)} title={f}>
                      <span className="facet-bar" style={{ width: `${(100 * v.count) / max}%` }} aria-hidden="true" />
                      <span className="facet-name">
                        {name}
                        {v.type && <span className="type-tag">{v.type}</span>}
                      </span>
                      <span className="facet-count">{v.count.toLocaleString()}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
