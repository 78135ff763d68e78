/**
 * Entity networks: which actors appear together, in the same sentence or the
 * same article, across a query's articles; weighted by how many sentences
 * (or articles) they share. Exported as JSON or GraphML (Gephi, Cytoscape,
 * networkx read it).
 *
 * Nodes are corpus entities (aliases merged, src/link); a mention not linked
 * to one (annotated before linking existed) is keyed by its folded name and
 * type.
 */
import type { EntityType, Mention } from '../model.js';
import { analyse } from '../nlp/annotate.js';
import type { Store } from '../store/store.js';
import { DEFAULT_MAX_ARTICLES, sample } from './keyness.js';
import { select } from './select.js';
import { fold } from './words.js';
import { toGraphMLDocument, type GraphElement } from './graphml.js';

export type CoLevel = 'sentence' | 'article';

export interface NetworkOptions {
  level?: CoLevel;
  /** Entity types to include (default all). */
  types?: EntityType[];
  /** Minimum edge weight (default 2). */
  minWeight?: number;
  /** Keep the most frequent nodes (default 100). */
  maxNodes?: number;
  maxArticles?: number;
}

export interface NetworkNode {
  id: string;
  label: string;
  type: EntityType;
  /** Articles and mentions in the subcorpus. */
  articles: number;
  mentions: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** Shared sentences (or articles, at article level). */
  weight: number;
  articles: number;
}

export interface Network {
  query: string;
  level: CoLevel;
  articles: number;
  counted: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

const keyOf = (type: string, name: string) => `${type}:${fold(name.replace(/^the\s+/i, '').replace(/[’']s$/, ''))}`;

/** Groups of mention keys that co-occur: one group per sentence, or the whole article. */
function groups(text: string, sections: Parameters<typeof analyse>[1], mentions: Mention[], level: CoLevel): Array<Set<number>> {
  if (level === 'article') return [new Set(mentions.map((_, i) => i))];
  const { sentences } = analyse(text, sections);
  const out: Array<Set<number>> = [];
  let m = 0;
  const sorted = mentions.map((x, i) => [x, i] as const).sort((a, b) => a[0].start - b[0].start);
  for (const s of sentences) {
    const g = new Set<number>();
    while (m < sorted.length && sorted[m]![0].start < s.end) {
      if (sorted[m]![0].start >= s.start) g.add(sorted[m]![1]);
      m++;
    }
    if (g.size > 1) out.push(g);
  }
  return out;
}

export function network(store: Store, query: string, opts: NetworkOptions = {}): Network {
  const level = opts.level ?? 'sentence';
  const sel = select(store, query);
  const ids = sample(sel.ids, opts.maxArticles ?? DEFAULT_MAX_ARTICLES);
  const types = opts.types ? new Set(opts.types) : undefined;
  const entities = store.entityKeys();
  const nodes = new Map<string, NetworkNode & { names: Map<string, number>; seen: number }>();
  const edges = new Map<string, NetworkEdge & { seen: number }>();
  for (const id of ids) {
    const a = store.getArticle(String(id));
    if (!a) continue;
    const mentions = a.mentions.filter((m) => !types || types.has(m.type) || types.has((m.entityId ? entities.get(m.entityId)?.type : undefined) as EntityType));
    if (!mentions.length) continue;
    const linked = mentions.map((m) => (m.entityId ? entities.get(m.entityId) : undefined));
    const keys = mentions.map((m, i) => (linked[i] ? `E${linked[i]!.id}` : keyOf(m.type, a.text.slice(m.start, m.end))));
    mentions.forEach((m, i) => {
      const key = keys[i]!;
      let n = nodes.get(key);
      if (!n) nodes.set(key, (n = { id: key, label: '', type: (linked[i]?.type ?? m.type) as EntityType, articles: 0, mentions: 0, names: new Map(), seen: 0 }));
      n.mentions++;
      // A linked entity is labelled by its canonical name; others by their commonest form.
      const name = linked[i]?.name ?? a.text.slice(m.start, m.end);
      n.names.set(name, (n.names.get(name) ?? 0) + 1);
      if (n.seen !== id) {
        n.seen = id;
        n.articles++;
      }
    });
    for (const g of groups(a.text, a.sections, mentions, level)) {
      const inGroup = [...new Set([...g].map((i) => keys[i]!))].sort();
      for (let x = 0; x < inGroup.length; x++) {
        for (let y = x + 1; y < inGroup.length; y++) {
          const k = `${inGroup[x]}\t${inGroup[y]}`;
          let e = edges.get(k);
          if (!e) edges.set(k, (e = { source: inGroup[x]!, target: inGroup[y]!, weight: 0, articles: 0, seen: 0 }));
          e.weight++;
          if (e.seen !== id) {
            e.seen = id;
            e.articles++;
          }
        }
      }
    }
  }
  const kept = [...nodes.values()].sort((x, y) => y.articles - x.articles || y.mentions - x.mentions || (x.id < y.id ? -1 : 1)).slice(0, opts.maxNodes ?? 100);
  const keptIds = new Set(kept.map((n) => n.id));
  const minWeight = opts.minWeight ?? 2;
  return {
    query,
    level,
    articles: sel.ids.length,
    counted: ids.length,
    nodes: kept.map(({ names, seen: _, ...n }) => ({ ...n, label: [...names].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0] })),
    edges: [...edges.values()]
      .filter((e) => e.weight >= minWeight && keptIds.has(e.source) && keptIds.has(e.target))
      .sort((x, y) => y.weight - x.weight || (x.source + x.target < y.source + y.target ? -1 : 1))
      .map(({ seen: _, ...e }) => e),
  };
}

/** GraphML, undirected, with node and edge attributes. */
export function toGraphML(net: Network): string {
  return toGraphMLDocument(net.nodes as unknown as GraphElement[], net.edges as unknown as GraphElement[], false);
}
