/**
 * Compare outlets: for a query, side by side per outlet, how much each
 * covered it (volume, and share of the outlet's own output), its tone, its
 * tone toward chosen entities, which entities each named most, whom it
 * quoted most, its top frames, and the words distinctive of each outlet's
 * coverage against the other outlets' coverage of the same query.
 */
import type { SpeakerCount, Store } from '../store/store.js';
import { keynessOf, type KeyTerm } from './keyness.js';
import { keysOrFail } from './knowledge.js';
import { attributeOf, everyArticle, isoDay, select } from './select.js';

export interface CompareOptions {
  /** Outlets to compare (default: the `outlets` with most matches). */
  only?: string[];
  outlets?: number;
  /** Distinctive terms per outlet (default 10). */
  terms?: number;
  /** Compare the values of this outlet attribute (outlets grouped by it) instead of outlets. */
  by?: string;
  /** Let stop words be distinctive terms (default: left out). */
  keepStopwords?: boolean;
  entities?: number;
  /** Entities (names or aliases) to measure each outlet's tone toward. */
  toneToward?: string[];
  /** Quoted speakers and frames per outlet (default 5). */
  speakers?: number;
  frames?: number;
  maxArticles?: number;
}

export interface OutletColumn {
  /** The outlet, or the attribute value of the group (with `by`). */
  outlet: string;
  matches: number;
  /** All articles of the outlet in the workspace. */
  total: number;
  share: number;
  first?: string;
  last?: string;
  /** Mean article tone (per 100 words), over the matches annotated with one. */
  tone?: number;
  /** Tone of the sentences about each chosen entity; absent where the outlet never names it. */
  toneToward: Array<{ entity: string; articles: number; tone?: number }>;
  entities: Array<{ name: string; type: string; articles: number }>;
  speakers: SpeakerCount[];
  frames: Array<{ frame: string; articles: number; count: number }>;
  distinctive: KeyTerm[];
}

export interface CompareResult {
  query: string;
  matches: number;
  outlets: OutletColumn[];
}

export function compare(store: Store, query: string, opts: CompareOptions = {}): CompareResult {
  const sel = select(store, query);
  const { columns } = sel;
  // Groups: the outlets, or with `by` the values of an outlet attribute ("left", "center", "right").
  const valueOf = opts.by ? attributeOf(store, opts.by) : undefined;
  const groupOf = (o: number): string | undefined => (o < 0 ? undefined : valueOf ? valueOf.get(columns.outlets[o]!) : columns.outlets[o]!);
  const byGroup = new Map<string, number[]>();
  for (const id of sel.ids) {
    const g = groupOf(columns.outlet[id]!);
    if (g === undefined) continue;
    (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(id);
  }
  let chosen: string[];
  if (opts.only?.length) {
    const wanted = new Set(opts.only.map((x) => x.toLowerCase()));
    const names = valueOf ? new Set(valueOf.values()) : new Set(columns.outlets);
    chosen = [...names].filter((g) => wanted.has(g.toLowerCase()));
  } else {
    chosen = [...byGroup.keys()].sort((a, b) => byGroup.get(b)!.length - byGroup.get(a)!.length || (a < b ? -1 : 1)).slice(0, opts.outlets ?? (valueOf ? Infinity : 5));
  }
  const totals = new Map<string, number>();
  for (const id of everyArticle(columns)) {
    const g = groupOf(columns.outlet[id]!);
    if (g !== undefined) totals.set(g, (totals.get(g) ?? 0) + 1);
  }
  // Tone toward each chosen entity, per outlet, in one pass over the query's articles; a group's is
  // the article-weighted mean of its outlets'.
  const toward = (opts.toneToward ?? []).map((name) => {
    const per = new Map<string, { articles: number; sum: number }>();
    for (const t of store.toneByOutlet(keysOrFail(store, name), sel.ids)) {
      const g = valueOf ? valueOf.get(t.outlet) : t.outlet;
      if (g === undefined) continue;
      const x = per.get(g) ?? per.set(g, { articles: 0, sum: 0 }).get(g)!;
      x.articles += t.articles;
      x.sum += t.tone * t.articles;
    }
    return { name, per };
  });
  const outlets = chosen.map((g): OutletColumn => {
    const ids = byGroup.get(g) ?? [];
    const inGroup = new Set(ids);
    const others = sel.ids.filter((id) => !inGroup.has(id));
    const days = ids.map((id) => columns.day[id]!).filter((d) => !Number.isNaN(d));
    const total = totals.get(g) ?? 0;
    const col: OutletColumn = {
      outlet: g,
      matches: ids.length,
      total,
      share: total ? Math.round((ids.length / total) * 1e4) / 1e4 : 0,
      toneToward: toward.map(({ name, per }) => {
        const t = per.get(g);
        return t?.articles ? { entity: name, articles: t.articles, tone: Math.round((t.sum / t.articles) * 100) / 100 } : { entity: name, articles: 0 };
      }),
      entities: store.entityCounts(ids, opts.entities ?? 8).map((e) => ({ name: e.key, type: e.type, articles: e.count })),
      speakers: ids.length ? store.topSpeakers(ids, opts.speakers ?? 5) : [],
      frames: ids.length
        ? store
            .frameTotals(ids)
            .frames.sort((a, b) => b.articles - a.articles || b.count - a.count || (a.frame < b.frame ? -1 : 1))
            .slice(0, opts.frames ?? 5)
        : [],
      distinctive: ids.length && others.length ? keynessOf(store, ids, others, { limit: opts.terms ?? 10, minArticles: 1, minFreq: 3, keepStopwords: opts.keepStopwords ?? false, ...(opts.maxArticles ? { maxArticles: opts.maxArticles } : {}) }).key : [],
    };
    const tone = ids.length ? store.meanTone(ids) : undefined;
    if (tone) col.tone = tone.tone;
    if (days.length) {
      col.first = isoDay(Math.min(...days));
      col.last = isoDay(Math.max(...days));
    }
    return col;
  });
  return { query, matches: sel.ids.length, outlets };
}
