/**
 * Actor–actor relations: who does what to whom, from the events (source →
 * target, by CAMEO root: criticises, threatens, supports …) and who speaks
 * about whom, from the quotes (speaker → each entity named inside the
 * quote, with the quote's tone), across a query's articles. A directed,
 * typed network beside the co-occurrence one (network.ts); GraphML and JSON.
 *
 * Only events reported as fact count (negated, hypothetical and future ones
 * are not relations that happened). Actors that are named entities are keyed
 * by their corpus entity; others ("protesters", "the government") by name.
 */
import type { EventActor } from '../model.js';
import { toneOfText } from '../nlp/annotate.js';
import { CAMEO_ROOTS } from '../nlp/cameo.js';
import type { Store } from '../store/store.js';
import { toGraphMLDocument, type GraphElement } from './graphml.js';
import { DEFAULT_MAX_ARTICLES, sample } from './keyness.js';
import { select } from './select.js';
import { fold } from './words.js';

export interface RelationOptions {
  /** Include speaker → subject edges from quotes (default true). */
  quotes?: boolean;
  /** Minimum events or quotes for an edge (default 1). */
  minCount?: number;
  /** Keep the actors in most relations (default 100). */
  maxNodes?: number;
  maxArticles?: number;
}

export interface RelationNode {
  id: string;
  label: string;
  /** The entity type, or ACTOR for a phrase that is not a named entity. */
  type: string;
  /** Relations it takes part in, as source or target. */
  degree: number;
}

export interface RelationEdge {
  source: string;
  target: string;
  /** `event` (with its CAMEO root) or `quote`. */
  kind: 'event' | 'quote';
  root?: string;
  /** The root's name ("threaten"), or "quotes" for speech. */
  label: string;
  count: number;
  articles: number;
  /** Mean Goldstein value of the events (−10 … +10). */
  goldstein?: number;
  /** Mean tone of the quotes (per 100 words, AFINN-165). */
  tone?: number;
}

export interface Relations {
  query: string;
  articles: number;
  counted: number;
  nodes: RelationNode[];
  edges: RelationEdge[];
}

type Keyed = { key: string; label: string; type: string };

export function relations(store: Store, query: string, opts: RelationOptions = {}): Relations {
  const sel = select(store, query);
  const ids = sample(sel.ids, opts.maxArticles ?? DEFAULT_MAX_ARTICLES);
  const entities = store.entityKeys();
  const named = new Map<string, Pick<RelationNode, 'label' | 'type'>>();
  const edges = new Map<string, RelationEdge & { sum: number; seen: number }>();

  /** One node per corpus entity, or per folded name for actors that are not entities. */
  const actorsOf = (a: EventActor | undefined): Keyed[] => {
    if (!a) return [];
    if (!a.ids?.length) return [{ key: `A:${fold(a.name.replace(/^the\s+/i, ''))}`, label: a.name, type: 'ACTOR' }];
    return a.ids.map((k) => {
      const e = entities.get(k);
      return e ? { key: `E${e.id}`, label: e.name, type: e.type } : { key: `K:${k}`, label: a.name, type: 'ACTOR' };
    });
  };
  const add = (from: Keyed, to: Keyed, kind: 'event' | 'quote', root: string | undefined, value: number, article: number) => {
    if (from.key === to.key) return;
    for (const n of [from, to]) if (!named.has(n.key)) named.set(n.key, { label: n.label, type: n.type });
    const k = `${from.key}\t${to.key}\t${root ?? kind}`;
    let e = edges.get(k);
    if (!e) {
      e = { source: from.key, target: to.key, kind, label: root ? CAMEO_ROOTS[root]?.name ?? root : 'quotes', count: 0, articles: 0, sum: 0, seen: 0 };
      if (root) e.root = root;
      edges.set(k, e);
    }
    e.count++;
    e.sum += value;
    if (e.seen !== article) {
      e.seen = article;
      e.articles++;
    }
  };

  for (const id of ids) {
    const a = store.getArticle(String(id));
    if (!a) continue;
    for (const ev of a.events) {
      if (ev.mood !== 'asserted') continue;
      for (const s of actorsOf(ev.source)) for (const t of actorsOf(ev.target)) add(s, t, 'event', ev.root, ev.goldstein, id);
    }
    if (opts.quotes === false) continue;
    for (const q of a.quotes) {
      if (!q.speaker) continue;
      const speakers = actorsOf({ name: q.speaker, ...(q.speakerIds ? { ids: q.speakerIds } : {}) });
      const named = a.mentions.filter((m) => m.entityId && m.start >= q.start && m.end <= q.end);
      const subjects = new Map(named.flatMap((m) => actorsOf({ name: a.text.slice(m.start, m.end), ids: [m.entityId!] })).map((x) => [x.key, x]));
      if (!subjects.size) continue;
      const tone = toneOfText(a.text.slice(q.start, q.end)).tone;
      for (const s of speakers) for (const t of subjects.values()) add(s, t, 'quote', undefined, tone, id);
    }
  }

  const minCount = opts.minCount ?? 1;
  const kept = [...edges.values()].filter((e) => e.count >= minCount);
  const degree = new Map<string, number>();
  for (const e of kept) for (const n of [e.source, e.target]) degree.set(n, (degree.get(n) ?? 0) + e.count);
  const top = [...degree].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, opts.maxNodes ?? 100);
  const keptNodes = new Set(top.map(([k]) => k));
  return {
    query,
    articles: sel.ids.length,
    counted: ids.length,
    nodes: top.map(([id, degree]) => ({ id, ...named.get(id)!, degree })),
    edges: kept
      .filter((e) => keptNodes.has(e.source) && keptNodes.has(e.target))
      .sort((x, y) => y.count - x.count || (x.source + x.target + x.label < y.source + y.target + y.label ? -1 : 1))
      .map(({ sum, seen: _, ...e }) => ({ ...e, ...(e.kind === 'event' ? { goldstein: +(sum / e.count).toFixed(2) } : { tone: +(sum / e.count).toFixed(2) }) })),
  };
}

/** GraphML, directed (source acts on, or speaks about, target). */
export function relationsGraphML(r: Relations): string {
  return toGraphMLDocument(r.nodes as unknown as GraphElement[], r.edges as unknown as GraphElement[], true);
}
