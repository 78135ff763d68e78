/**
 * Stories: a query's articles grouped into near-duplicate sets (syndicated
 * copies, republished pieces) and into stories (articles about the same
 * event), each with a title, its articles, its span of dates, its main
 * entities and keywords.
 */
import { clusterStories, cosine, DEFAULT_THRESHOLD } from '../stories/cluster.js';
import { nearDuplicateGroups, signature } from '../stories/minhash.js';
import type { Store } from '../store/store.js';
import { DEFAULT_MAX_ARTICLES, sample } from './keyness.js';
import { isoDay, select } from './select.js';

export interface StoriesOptions {
  /** Cosine with a story's centroid to join it (default tuned, see src/stories/cluster.ts). */
  threshold?: number;
  windowDays?: number;
  /** Share of the threshold a newcomer must reach with the story's first articles (drift bound). */
  coreShare?: number;
  /** Cosine an undated article needs with a dated story to join it. */
  undatedThreshold?: number;
  /** Estimated Jaccard of 5-word shingles for near-duplicates (default 0.7). */
  duplicateThreshold?: number;
  /** Stories shown (default 20); `minSize` drops smaller ones (default 1). */
  limit?: number;
  minSize?: number;
  maxArticles?: number;
}

export interface StoryArticle {
  id: number;
  title: string;
  outlet?: string;
  published?: string;
}

export interface StoryResult {
  id: number;
  title: string;
  size: number;
  first?: string;
  last?: string;
  outlets: number;
  articles: StoryArticle[];
  /** An undated article (with its undated copies), kept out of the dated stories. */
  undated?: boolean;
  /** Near-duplicate sets inside the story (article ids), two or more each. */
  duplicates: number[][];
  keywords: string[];
  entities: Array<{ name: string; type: string; articles: number }>;
}

export interface StoriesResult {
  query: string;
  articles: number;
  counted: number;
  stories: number;
  duplicateSets: number;
  shown: StoryResult[];
  /** Every counted article's story number, for scoring and export. */
  assignment: Array<{ id: number; story: number }>;
}

const iso = (day: number) => (Number.isNaN(day) ? undefined : isoDay(day));

export function stories(store: Store, query: string, opts: StoriesOptions = {}): StoriesResult {
  const sel = select(store, query);
  const ids = sample(sel.ids, opts.maxArticles ?? DEFAULT_MAX_ARTICLES);
  const { columns } = sel;
  const docs: Array<{ id: number; title: string; text: string; language?: string; day: number }> = [];
  for (const t of store.texts(ids)) {
    const lang = columns.language[t.id]!;
    docs.push({ id: t.id, title: t.title, text: t.text, day: columns.day[t.id]!, ...(lang >= 0 ? { language: columns.languages[lang]! } : {}) });
  }
  // Near-duplicates first: each set is clustered as one article (its first), so copies never split.
  const dupGroups = nearDuplicateGroups(docs.map((d) => signature(d.text)), opts.duplicateThreshold ?? 0.7);
  const repOf = docs.map((_, i) => i);
  // A set is dated by its first dated copy: an undated copy of a dated story belongs to that story.
  for (const g of dupGroups) {
    const rep = g.find((i) => !Number.isNaN(docs[i]!.day)) ?? g[0]!;
    for (const i of g) repOf[i] = rep;
  }
  const reps = docs.map((_, i) => i).filter((i) => repOf[i] === i);
  const { clusters, vectors } = clusterStories(
    reps.map((i) => docs[i]!),
    { threshold: opts.threshold ?? DEFAULT_THRESHOLD, ...(opts.windowDays !== undefined ? { windowDays: opts.windowDays } : {}), ...(opts.coreShare !== undefined ? { coreShare: opts.coreShare } : {}), ...(opts.undatedThreshold !== undefined ? { undatedThreshold: opts.undatedThreshold } : {}) },
  );
  const storyOfRep = new Map<number, number>();
  clusters.forEach((c, ci) => c.members.forEach((m) => storyOfRep.set(reps[m]!, ci)));
  const members: number[][] = clusters.map(() => []);
  docs.forEach((_, i) => members[storyOfRep.get(repOf[i]!)!]!.push(i));
  const order = clusters.map((_, ci) => ci).sort((a, b) => members[b]!.length - members[a]!.length || a - b);
  const number = new Map(order.map((ci, n) => [ci, n + 1]));
  const minSize = opts.minSize ?? 1;
  const shown = order
    .filter((ci) => members[ci]!.length >= minSize)
    .slice(0, opts.limit ?? 20)
    .map((ci): StoryResult => {
      const c = clusters[ci]!;
      const ms = members[ci]!;
      // The title of the member closest to the centroid.
      const best = c.members.reduce((b, m) => (cosine(vectors[m]!, c.centroid) > cosine(vectors[b]!, c.centroid) ? m : b), c.members[0]!);
      const days = ms.map((i) => docs[i]!.day).filter((d) => !Number.isNaN(d));
      const storyIds = ms.map((i) => docs[i]!.id);
      const idSet = new Set(storyIds);
      const outlets = new Set(storyIds.map((id) => columns.outlet[id]).filter((o) => o !== undefined && o >= 0));
      const r: StoryResult = {
        ...(c.undated ? { undated: true } : {}),
        id: number.get(ci)!,
        title: reps[best] !== undefined ? docs[reps[best]!]!.title : '',
        size: ms.length,
        outlets: outlets.size,
        articles: ms
          .map((i) => docs[i]!)
          .sort((a, b) => (Number.isNaN(a.day) ? 1 : Number.isNaN(b.day) ? -1 : a.day - b.day) || a.id - b.id)
          .map((d) => {
            const o = columns.outlet[d.id]!;
            const a: StoryArticle = { id: d.id, title: d.title };
            if (o >= 0) a.outlet = columns.outlets[o]!;
            const p = iso(d.day);
            if (p) a.published = p;
            return a;
          }),
        duplicates: dupGroups.map((g) => g.map((i) => docs[i]!.id)).filter((g) => idSet.has(g[0]!)),
        keywords: [...c.centroid].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k]) => k),
        entities: store.entityCounts(storyIds, 8).map((e) => ({ name: e.key, type: e.type, articles: e.count })),
      };
      if (days.length) {
        r.first = iso(Math.min(...days))!;
        r.last = iso(Math.max(...days))!;
      }
      return r;
    });
  return {
    query,
    articles: sel.ids.length,
    counted: docs.length,
    stories: clusters.length,
    duplicateSets: dupGroups.length,
    shown,
    assignment: docs.map((d, i) => ({ id: d.id, story: number.get(storyOfRep.get(repOf[i]!)!)! })),
  };
}
