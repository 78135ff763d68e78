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
import { allIds, isoDay, select } from './select.js';

export interface CompareOptions {
  /** Outlets to compare (default: the `outlets` with most matches). */
  only?: string[];
  outlets?: number;
  /** Distinctive terms per outlet (default 10). */
  terms?: number;
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
  const byOutlet = new Map<number, number[]>();
  for (const id of sel.ids) {
    const o = columns.outlet[id]!;
    if (o < 0) continue;
    let l = byOutlet.get(o);
    if (!l) byOutlet.set(o, (l = []));
    l.push(id);
  }
  let chosen: number[];
  if (opts.only?.length) {
    const wanted = new Set(opts.only.map((x) => x.toLowerCase()));
    chosen = columns.outlets.map((_, i) => i).filter((i) => wanted.has(columns.outlets[i]!.toLowerCase()));
  } else {
    const name = (o: number) => columns.outlets[o]!;
    chosen = [...byOutlet.keys()].sort((a, b) => byOutlet.get(b)!.length - byOutlet.get(a)!.length || (name(a) < name(b) ? -1 : 1)).slice(0, opts.outlets ?? 5);
  }
  const totals = new Int32Array(columns.outlets.length);
  for (const id of allIds(columns)) if (columns.outlet[id]! >= 0) totals[columns.outlet[id]!]!++;
  // Tone toward each chosen entity, per outlet, in one pass over the query's articles.
  const toward = (opts.toneToward ?? []).map((name) => ({ name, byOutlet: new Map(store.toneByOutlet(keysOrFail(store, name), sel.ids).map((t) => [t.outlet, t])) }));
  const outlets = chosen.map((o): OutletColumn => {
    const ids = byOutlet.get(o) ?? [];
    const others = sel.ids.filter((id) => columns.outlet[id] !== o);
    const days = ids.map((id) => columns.day[id]!).filter((d) => !Number.isNaN(d));
    const col: OutletColumn = {
      outlet: columns.outlets[o]!,
      matches: ids.length,
      total: totals[o]!,
      share: totals[o] ? Math.round((ids.length / totals[o]!) * 1e4) / 1e4 : 0,
      toneToward: toward.map(({ name, byOutlet }) => {
        const t = byOutlet.get(columns.outlets[o]!);
        return t ? { entity: name, articles: t.articles, tone: t.tone } : { entity: name, articles: 0 };
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
