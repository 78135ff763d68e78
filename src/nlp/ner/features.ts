/**
 * Features of a token for the NER tagger: the word, its lower case, shape,
 * affixes and word clusters, the same for the words around it, word pairs,
 * gazetteer matches, and what the rest of the document says about the word
 * (does it also appear in lower case? in title case?). Features that depend
 * on one word alone are computed once per word and cached as ids, so tagging
 * builds few strings per token.
 */
import type { Gazetteer } from '../gazetteer.js';
import type { WordClusters } from '../clusters.js';

/** Feature strings to ids. Grows while training; frozen when tagging. */
export class FeatureSpace {
  readonly ids: Map<string, number>;
  frozen: boolean;
  constructor(ids = new Map<string, number>(), frozen = false) {
    this.ids = ids;
    this.frozen = frozen;
  }
  id(f: string): number {
    const id = this.ids.get(f);
    if (id !== undefined || this.frozen) return id ?? -1;
    const n = this.ids.size;
    this.ids.set(f, n);
    return n;
  }
  get size(): number {
    return this.ids.size;
  }
}

export interface Resources {
  clusters?: WordClusters | undefined;
  gazetteer?: Gazetteer | undefined;
}

/** What the document says about its words, beyond the sentence. */
export interface DocStats {
  /** Words seen in lower case (not sentence-initial). */
  lower: Set<string>;
  /** Words seen in title case (not sentence-initial). */
  title: Set<string>;
}

export function docStats(sentences: string[][]): DocStats {
  const lower = new Set<string>();
  const title = new Set<string>();
  for (const toks of sentences) {
    for (let i = 1; i < toks.length; i++) {
      const w = toks[i]!;
      const c = w[0]!;
      if (c !== c.toUpperCase()) lower.add(w.toLowerCase());
      else if (c !== c.toLowerCase() && w.slice(1) !== w.slice(1).toUpperCase()) title.add(w.toLowerCase());
    }
  }
  return { lower, title };
}

export function shapeOf(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    const s = ch >= '0' && ch <= '9' ? 'd' : ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    if (s !== last) out += s;
    last = s;
  }
  return out;
}

function lengthBucket(n: number): string {
  return n <= 3 ? String(n) : n <= 6 ? '4-6' : n <= 10 ? '7-10' : '11+';
}

const isTitle = (w: string) => w[0] !== w[0]!.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase() && w.length > 1;
const isAllCaps = (w: string) => w === w.toUpperCase() && w !== w.toLowerCase();

interface WordIds {
  lower: string;
  shape: string;
  /** Positions of the lower-case form and the shape in the PairIndex (-1: in no pair feature). */
  lowerIdx: number;
  shapeIdx: number;
  self: number[];
  near: number[][]; // offsets -1, +1
  far: number[][]; // offsets -2, +2
}

/** Words whose feature ids are cached; bounded so memory stays flat on large corpora. */
const MAX_CACHE = 50_000;

/**
 * The word-pair and shape-triple features of a frozen feature space, keyed by
 * numbers: the same ids as looking up the feature strings, without building
 * two or three strings per token (a quarter of tagging time otherwise).
 */
class PairIndex {
  private readonly index = new Map<string, number>();
  readonly left = new Map<number, number>();
  readonly right = new Map<number, number>();
  readonly shapes = new Map<number, number>();
  readonly bos: number;
  readonly eos: number;

  constructor(space: FeatureSpace) {
    for (const [name, id] of space.ids) {
      const add = (prefix: string, into: Map<number, number>, arity: number) => {
        if (!name.startsWith(prefix)) return false;
        const parts = name.slice(prefix.length).split('|');
        if (parts.length === arity) into.set(this.key(parts.map((p) => this.intern(p))), id);
        return true;
      };
      if (!add('lw-1|lw=', this.left, 2) && !add('lw|lw+1=', this.right, 2)) add('sh-1|sh|sh+1=', this.shapes, 3);
    }
    this.bos = this.intern('<s>');
    this.eos = this.intern('</s>');
  }

  private intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.index.size));
    return i;
  }
  /** -1 for a string in no pair feature. */
  find(s: string): number {
    return s.includes('|') ? -2 : this.index.get(s) ?? -1;
  }
  /** Up to three indices in one exact double (the index stays far below 2^17 entries per part… checked by `usable`). */
  key(parts: number[]): number {
    let k = 0;
    for (const p of parts) k = k * 262144 + p;
    return k;
  }
  get usable(): boolean {
    return this.index.size < 262144;
  }
  get(map: Map<number, number>, parts: number[]): number {
    for (const p of parts) if (p < 0) return -1;
    return map.get(this.key(parts)) ?? -1;
  }
}

export class FeatureExtractor {
  private cache = new Map<string, WordIds>();
  private readonly pairs: PairIndex | undefined;
  constructor(
    readonly space: FeatureSpace,
    readonly res: Resources,
  ) {
    const pairs = space.frozen ? new PairIndex(space) : undefined;
    this.pairs = pairs?.usable ? pairs : undefined;
  }

  private ids(fs: string[]): number[] {
    const out: number[] = [];
    for (const f of fs) {
      const id = this.space.id(f);
      if (id >= 0) out.push(id);
    }
    return out;
  }

  private wordIds(w: string): WordIds {
    let c = this.cache.get(w);
    if (c) return c;
    const lw = w.toLowerCase();
    const shape = shapeOf(w);
    // All-caps headlines ("RUSSIA") fall back to the title-case and lower-case forms.
    const cls = this.res.clusters;
    const cl = cls && (cls.get(w) ?? (isAllCaps(w) ? cls.get(w[0] + lw.slice(1)) : undefined) ?? cls.get(lw));
    const self = [`w=${w}`, `lw=${lw}`, `sh=${shape}`, `len=${lengthBucket(w.length)}`];
    for (let k = 1; k <= 4 && k < w.length; k++) self.push(`p${k}=${w.slice(0, k)}`, `s${k}=${lw.slice(-k)}`);
    if (isTitle(w)) self.push('title');
    if (isAllCaps(w)) self.push('caps');
    if (/\d/.test(w)) self.push('digit');
    if (w.includes('-')) self.push('hyphen');
    // "U.S." and "US", "U.N." and "UN" share a feature.
    if (/^(?:[A-Z]\.?){2,4}$/.test(w)) self.push(`acr=${w.replace(/\./g, '')}`);
    if (cl) cl.forEach((p, k) => self.push(`c${k}=${p}`));
    else self.push('c=none');
    const nearOf = (o: string) => {
      const f = [`${o}w=${w}`, `${o}lw=${lw}`, `${o}sh=${shape}`];
      if (cl) f.push(`${o}c0=${cl[0]}`, `${o}c${cl.length - 1}=${cl[cl.length - 1]}`);
      return this.ids(f);
    };
    const farOf = (o: string) => {
      const f = [`${o}lw=${lw}`, `${o}sh=${shape}`];
      if (cl) f.push(`${o}c0=${cl[0]}`);
      return this.ids(f);
    };
    c = { lower: lw, shape, lowerIdx: this.pairs?.find(lw) ?? -1, shapeIdx: this.pairs?.find(shape) ?? -1, self: this.ids(self), near: [nearOf('-1'), nearOf('+1')], far: [farOf('-2'), farOf('+2')] };
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(w, c);
    return c;
  }

  /** Ids of features that are one fixed string, looked up once. */
  private constIds = new Map<string, number>();
  private constId(f: string): number {
    let id = this.constIds.get(f);
    if (id === undefined) {
      id = this.space.id(f);
      if (this.space.frozen) this.constIds.set(f, id);
    }
    return id;
  }

  /** Feature ids for every token of a sentence. */
  sentence(tokens: string[], doc: DocStats): number[][] {
    const n = tokens.length;
    const words = tokens.map((t) => this.wordIds(t));
    const gaz = this.res.gazetteer ? this.res.gazetteer.tagSentence(tokens) : undefined;
    let allCaps = n > 1;
    for (const t of tokens) if (/\p{L}/u.test(t) && !isAllCaps(t)) allCaps = false;
    const out: number[][] = [];
    const push = (ids: number[], id: number) => {
      if (id >= 0) ids.push(id);
    };
    for (let i = 0; i < n; i++) {
      const wi = words[i]!;
      const ids: number[] = wi.self.slice();
      const append = (more: number[]) => {
        for (let k = 0; k < more.length; k++) ids.push(more[k]!);
      };
      if (i > 0) append(words[i - 1]!.near[0]!);
      else push(ids, this.constId('-1=BOS'));
      if (i + 1 < n) append(words[i + 1]!.near[1]!);
      else push(ids, this.constId('+1=EOS'));
      if (i > 1) append(words[i - 2]!.far[0]!);
      if (i + 2 < n) append(words[i + 2]!.far[1]!);
      const prev = i > 0 ? words[i - 1]! : undefined;
      const next = i + 1 < n ? words[i + 1]! : undefined;
      push(ids, this.constId('bias'));
      const P = this.pairs;
      // A word with "|" in it (-2) cannot be looked up by number; it takes the string path.
      if (P && wi.lowerIdx !== -2 && (!prev || prev.lowerIdx !== -2) && (!next || next.lowerIdx !== -2)) {
        push(ids, P.get(P.left, [prev ? prev.lowerIdx : P.bos, wi.lowerIdx]));
        push(ids, P.get(P.right, [wi.lowerIdx, next ? next.lowerIdx : P.eos]));
        push(ids, P.get(P.shapes, [prev ? prev.shapeIdx : P.bos, wi.shapeIdx, next ? next.shapeIdx : P.eos]));
      } else {
        push(ids, this.space.id(`lw-1|lw=${prev ? prev.lower : '<s>'}|${wi.lower}`));
        push(ids, this.space.id(`lw|lw+1=${wi.lower}|${next ? next.lower : '</s>'}`));
        push(ids, this.space.id(`sh-1|sh|sh+1=${prev ? prev.shape : '<s>'}|${wi.shape}|${next ? next.shape : '</s>'}`));
      }
      const w = tokens[i]!;
      const first = w[0]!;
      const upper = first !== first.toLowerCase();
      if (i === 0) push(ids, this.constId(`first|sh=${wi.shape}`));
      if (allCaps) {
        push(ids, this.constId('capsSentence'));
        push(ids, this.space.id(`capsSentence|lw=${wi.lower}`));
      }
      if (upper) {
        if (doc.lower.has(wi.lower)) push(ids, this.constId(`docLower|first=${i === 0}`));
        if (doc.title.has(wi.lower)) push(ids, this.constId(`docTitle|caps=${isAllCaps(w)}`));
      }
      if (gaz) {
        for (const g of gaz[i]!) {
          push(ids, this.constId(`gaz=${g}`));
          push(ids, this.constId(`gaz=${g}|title=${upper}`));
        }
      }
      out.push(ids);
    }
    return out;
  }

  /** Pass-2 feature ids (see aggregateFeatures). */
  aggregate(sentences: string[][], firstPass: Int32Array[], tagNames: string[]): number[][][] {
    return aggregateFeatures(sentences, firstPass, tagNames).map((sent) => sent.map((fs) => {
      const ids: number[] = [];
      for (const f of fs) {
        const id = this.constId(f);
        if (id >= 0) ids.push(id);
      }
      return ids;
    }));
  }
}

/**
 * Document-level features for the second pass: what the first pass said
 * about the same word elsewhere in the document (its types there, the
 * majority type, whether it was part of a longer name), and what it said
 * about this token. This is how "Tokayev" alone is tagged like "Kassym-Jomart
 * Tokayev" three sentences earlier (prediction aggregation, Ratinov & Roth 2009).
 */
export function aggregateFeatures(sentences: string[][], firstPass: Int32Array[], tagNames: string[]): string[][][] {
  const typeOf = (tag: number) => (tag === 0 ? 'O' : tagNames[tag]!.slice(2));
  const seen = new Map<string, Map<string, number>>();
  const inLonger = new Map<string, Set<string>>();
  sentences.forEach((toks, s) => {
    const tags = firstPass[s]!;
    toks.forEach((w, i) => {
      const t = typeOf(tags[i]!);
      let m = seen.get(w);
      if (!m) seen.set(w, (m = new Map()));
      m.set(t, (m.get(t) ?? 0) + 1);
      const p = tagNames[tags[i]!]![0];
      if (p === 'B' || p === 'I' || p === 'L') {
        let set = inLonger.get(w);
        if (!set) inLonger.set(w, (set = new Set()));
        set.add(t);
      }
    });
  });
  return sentences.map((toks, s) => {
    const tags = firstPass[s]!;
    return toks.map((w, i) => {
      const own = typeOf(tags[i]!);
      const out = [`s1=${tagNames[tags[i]!]}`];
      const c = w[0]!;
      if (c === c.toLowerCase()) return out;
      const m = seen.get(w)!;
      let best = '';
      let bestN = 0;
      let others = 0;
      for (const [t, n] of m) {
        const k = t === own ? n - 1 : n;
        if (k <= 0) continue;
        others += k;
        out.push(`agg=${t}`);
        if (k > bestN) {
          best = t;
          bestN = k;
        }
      }
      if (others) out.push(`aggMax=${best}`, `aggMax=${best}|s1=${own}`);
      for (const t of inLonger.get(w) ?? []) out.push(`aggPart=${t}`);
      return out;
    });
  });
}
