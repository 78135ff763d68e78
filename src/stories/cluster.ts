/**
 * Story clustering: single-pass (streaming) clustering of articles in date
 * order, the scheme of event detection systems since TDT (Allan et al. 1998):
 * each article joins the most similar open story if the cosine of its
 * TF-IDF vector with the story's centroid reaches a threshold, else starts a
 * new story. A story stays open while articles arrive within `windowDays`
 * of its latest one; undated articles form stories of their own (see
 * clusterStories).
 *
 * Stopwords come from the `stopword` package, chosen by the article's language.
 */
import { stopwords } from '../query/stopwords.js';
import { fold } from '../query/words.js';

export interface ClusterDoc {
  id: number;
  title: string;
  text: string;
  language?: string;
  /** Days since the epoch; NaN when undated. */
  day: number;
}

export interface ClusterOptions {
  /** Minimum cosine with a story's centroid to join it (default 0.1). */
  threshold?: number;
  /** Days a story stays open after its latest article (default 7). */
  windowDays?: number;
  /** Words of the body read (default 1,000): the top of a news story carries its event. */
  bodyWords?: number;
  /** Share of the threshold a newcomer's cosine with the story's core must reach (default CORE_SHARE). */
  coreShare?: number;
  /** Cosine an undated article needs with a dated story to join it (default UNDATED_THRESHOLD). */
  undatedThreshold?: number;
}

type Vec = Map<string, number>;

/**
 * Chosen on the first half of the WikinewsSum sample (stories wn-001 to
 * wn-050) among 0.1, 0.15, 0.2 and 0.25; the second half and WikiRef220 were
 * only scored (bench/RESULTS.md).
 */
export const DEFAULT_THRESHOLD = 0.1;

const WORD = /[\p{L}\p{N}]+/gu;
/** A story's core: its first this many members. */
const CORE_MEMBERS = 5;
/** See ClusterOptions.coreShare. */
export const CORE_SHARE = 0.7;
/** See ClusterOptions.undatedThreshold. */
export const UNDATED_THRESHOLD = 0.15;
/** Terms of a story's centroid it is found by, and of an article it looks with. */
const INDEX_TERMS = 60;
const QUERY_TERMS = 40;
/** Stories scored in full for each article (see likeliest). */
const LIKELIEST = 10;
const TERMS_PER_DOC = 200;
const TERMS_PER_CENTROID = 400;
/**
 * Weight of a capitalised word (a name, in most languages that use case):
 * names carry the event across outlets and across languages ("Robinho",
 * "Kostov" in English, Portuguese and Dutch reports alike).
 */
const NAME_WEIGHT = 2;

function termCounts(d: ClusterDoc, bodyWords: number): Map<string, number> {
  const stop = stopwords(d.language, false);
  const tf = new Map<string, number>();
  const add = (text: string, weight: number, limit: number) => {
    let n = 0;
    for (const m of text.matchAll(WORD)) {
      if (n++ >= limit) break;
      const w = fold(m[0]);
      if (w.length < 3 || stop.has(w) || /^\d+$/.test(w)) continue;
      const name = m[0][0] !== m[0][0]!.toLowerCase() && m[0] !== m[0].toUpperCase();
      tf.set(w, (tf.get(w) ?? 0) + weight * (name ? NAME_WEIGHT : 1));
    }
  };
  add(d.title, 2, 100); // the headline names the event: counted twice
  add(d.text, 1, bodyWords);
  return tf;
}

/** Keeps the `n` largest weights and scales to unit length. */
function topNormalised(v: Vec, n: number): Vec {
  const top = [...v].sort((a, b) => b[1] - a[1]).slice(0, n);
  const norm = Math.sqrt(top.reduce((s, [, x]) => s + x * x, 0)) || 1;
  return new Map(top.map(([k, x]) => [k, x / norm]));
}

function dot(a: Vec, b: Vec): number {
  let s = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const [k, x] of small) {
    const y = big.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

export interface Cluster {
  members: number[];
  /** Sum of member vectors (unnormalised, its weakest terms pruned); `centroid` is its normalised top. */
  sum: Vec;
  centroid: Vec;
  /** The normalised mean of the first CORE_MEMBERS members, and their sum. */
  core: Vec;
  coreSum: Vec;
  first: number;
  last: number;
  /** A story of undated articles (see clusterStories). */
  undated?: boolean;
}

/**
 * TF-IDF vectors: sublinear tf, and idf = ln(1 + N/df) over these documents,
 * which never reaches zero: in a small set (two articles on one crisis) the
 * words both share are the evidence that they tell one story.
 */
export function vectors(docs: ClusterDoc[], bodyWords = 1000): Vec[] {
  const counts = docs.map((d) => termCounts(d, bodyWords));
  const df = new Map<string, number>();
  for (const c of counts) for (const k of c.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = docs.length;
  return counts.map((c) => {
    const v: Vec = new Map();
    for (const [k, tf] of c) v.set(k, (1 + Math.log(tf)) * Math.log(1 + n / df.get(k)!));
    return topNormalised(v, TERMS_PER_DOC);
  });
}

/**
 * Clusters documents: clusters (members are positions into `docs`) and each
 * document's vector. Dated documents are read in date order and join the
 * most similar open story. Undated ones have no place among days: one joins
 * a dated story only when it is strongly like it (the caller joins
 * near-duplicates first, so an undated copy of a dated article stays with
 * it); the others are clustered among themselves, after, into stories
 * marked undated. A story's core (the mean of its
 * first CORE_MEMBERS articles) is kept: a newcomer must also resemble it, so
 * a story cannot drift from one topic to the next by small steps.
 */
export function clusterStories(docs: ClusterDoc[], opts: ClusterOptions = {}): { clusters: Cluster[]; vectors: Vec[] } {
  const vecs = vectors(docs, opts.bodyWords);
  const dated = docs.map((_, i) => i).filter((i) => !Number.isNaN(docs[i]!.day));
  dated.sort((a, b) => docs[a]!.day - docs[b]!.day || a - b);
  const datedStories = singlePass(docs, vecs, dated, opts, false);
  // An undated article joins a dated story only on strong evidence (its best cosine with the
  // story's centroid and core at least `undatedThreshold`), without moving the story's centroid
  // or dates; the rest are clustered among themselves.
  const joinAt = opts.undatedThreshold ?? UNDATED_THRESHOLD;
  const byTerm = new Map<string, Map<number, number>>();
  datedStories.forEach((c, ci) => {
    for (const [k, w] of strongest(c.centroid, INDEX_TERMS)) (byTerm.get(k) ?? byTerm.set(k, new Map()).get(k)!).set(ci, w);
  });
  const apart: number[] = [];
  for (const i of docs.map((_, i) => i).filter((i) => Number.isNaN(docs[i]!.day))) {
    const v = vecs[i]!;
    let best = -1;
    let bestSim = joinAt;
    for (const ci of likeliest(v, byTerm)) {
      const c = datedStories[ci]!;
      const sim = dot(v, c.centroid);
      if (sim >= bestSim && dot(v, c.core) >= joinAt) [best, bestSim] = [ci, sim];
    }
    if (best >= 0) datedStories[best]!.members.push(i);
    else apart.push(i);
  }
  return { clusters: [...datedStories, ...singlePass(docs, vecs, apart, opts, true)], vectors: vecs };
}

/** One pass over the documents in `order`; undated: no window, every story marked. */
function singlePass(docs: ClusterDoc[], vecs: Vec[], order: number[], opts: ClusterOptions, undated: boolean): Cluster[] {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const coreThreshold = threshold * (opts.coreShare ?? CORE_SHARE);
  const window = undated ? Infinity : (opts.windowDays ?? 7);
  const clusters: Cluster[] = [];
  // Open stories by their centroid's strongest terms, so an article is scored only against open
  // stories sharing one of its strongest words; a story leaves the index once its window has passed.
  const byTerm = new Map<string, Map<number, number>>();
  const indexed = new Map<number, Vec>();
  const unindex = (ci: number) => {
    for (const k of indexed.get(ci)?.keys() ?? []) byTerm.get(k)?.delete(ci);
    indexed.delete(ci);
  };
  const index = (ci: number) => {
    unindex(ci);
    const keys = strongest(clusters[ci]!.centroid, INDEX_TERMS);
    for (const [k, w] of keys) (byTerm.get(k) ?? byTerm.set(k, new Map()).get(k)!).set(ci, w);
    indexed.set(ci, keys);
  };
  const open: number[] = [];
  for (const i of order) {
    const v = vecs[i]!;
    const day = docs[i]!.day;
    // Close the stories whose window has passed (dated articles come in day order).
    for (let k = open.length - 1; k >= 0 && !undated; k--) {
      if (day - clusters[open[k]!]!.last > window) {
        unindex(open[k]!);
        open.splice(k, 1);
      }
    }
    let best = -1;
    let bestSim = threshold;
    for (const ci of likeliest(v, byTerm)) {
      const c = clusters[ci]!;
      const sim = dot(v, c.centroid);
      if (sim >= bestSim && dot(v, c.core) >= coreThreshold) {
        bestSim = sim;
        best = ci;
      }
    }
    if (best < 0) {
      clusters.push({ members: [i], sum: new Map(v), centroid: v, core: v, coreSum: new Map(v), first: day, last: day, ...(undated ? { undated } : {}) });
      open.push(clusters.length - 1);
      index(clusters.length - 1);
      continue;
    }
    const c = clusters[best]!;
    c.members.push(i);
    for (const [k, x] of v) c.sum.set(k, (c.sum.get(k) ?? 0) + x);
    if (c.members.length <= CORE_MEMBERS) {
      for (const [k, x] of v) c.coreSum.set(k, (c.coreSum.get(k) ?? 0) + x);
      c.core = topNormalised(c.coreSum, TERMS_PER_CENTROID);
    }
    if (c.sum.size > 4 * TERMS_PER_CENTROID) c.sum = new Map(strongest(c.sum, 2 * TERMS_PER_CENTROID));
    c.centroid = topNormalised(c.sum, TERMS_PER_CENTROID);
    if (!undated) {
      c.first = Math.min(c.first, day);
      c.last = Math.max(c.last, day);
    }
    index(best);
  }
  return clusters;
}

/**
 * The stories most likely nearest a vector: its strongest terms' weights
 * times the stories' weights for those terms (from the index of each story's
 * strongest terms), summed; the LIKELIEST best of that partial score, which
 * are then scored in full. Scoring every story that shares a word would
 * cost thousands of full cosines an article.
 */
function likeliest(v: Vec, byTerm: Map<string, Map<number, number>>): number[] {
  const partial = new Map<number, number>();
  for (const [k, x] of strongest(v, QUERY_TERMS)) for (const [ci, w] of byTerm.get(k) ?? []) partial.set(ci, (partial.get(ci) ?? 0) + x * w);
  if (partial.size <= LIKELIEST) return [...partial.keys()];
  return [...partial].sort((a, b) => b[1] - a[1]).slice(0, LIKELIEST).map(([ci]) => ci);
}

/** The `n` largest weights of a vector (unscaled). */
function strongest(v: Vec, n: number): Vec {
  if (v.size <= n) return v;
  return new Map([...v].sort((a, b) => b[1] - a[1]).slice(0, n));
}

export { dot as cosine };
