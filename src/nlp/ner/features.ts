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

/** Feature ids of a run of tokens, packed: token i's ids are ids[offs[i]] up to ids[offs[i+1]]. */
export interface Csr {
  ids: Int32Array;
  offs: Int32Array;
}

/**
 * A growing buffer that token feature ids are appended to, reused from one
 * document to the next: tagging allocates no per-token arrays, which keeps
 * the garbage (and so the process's memory) low on large corpora.
 */
export class CsrWriter {
  ids = new Int32Array(1 << 16);
  offs = new Int32Array(1 << 12);
  private len = 0;
  tokens = 0;

  reset(): void {
    this.len = 0;
    this.tokens = 0;
  }
  push(id: number): void {
    if (id < 0) return;
    if (this.len === this.ids.length) {
      const b = new Int32Array(this.ids.length * 2);
      b.set(this.ids);
      this.ids = b;
    }
    this.ids[this.len++] = id;
  }
  pushAll(list: number[]): void {
    for (let k = 0; k < list.length; k++) this.push(list[k]!);
  }
  endToken(): void {
    if (this.tokens + 2 > this.offs.length) {
      const b = new Int32Array(this.offs.length * 2);
      b.set(this.offs);
      this.offs = b;
    }
    this.offs[++this.tokens] = this.len;
  }
  /** Tokens [from, to): a view, valid until the next reset. */
  view(from: number, to: number): Csr {
    return { ids: this.ids, offs: this.offs.subarray(from, to + 1) };
  }
  /** Tokens [from, to): an owned copy. */
  copy(from: number, to: number): Csr {
    const a = this.offs[from]!;
    return { ids: this.ids.slice(a, this.offs[to]!), offs: this.offs.slice(from, to + 1).map((o) => o - a) };
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
const PART = 1 << 18;

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
  /** Up to three indices in one exact double: each below PART (2^18), checked by `usable`. */
  key(parts: number[]): number {
    let k = 0;
    for (const p of parts) k = k * PART + p;
    return k;
  }
  get usable(): boolean {
    return this.index.size < PART;
  }
  get2(map: Map<number, number>, a: number, b: number): number {
    return a < 0 || b < 0 ? -1 : map.get(a * PART + b) ?? -1;
  }
  get3(map: Map<number, number>, a: number, b: number, c: number): number {
    return a < 0 || b < 0 || c < 0 ? -1 : map.get((a * PART + b) * PART + c) ?? -1;
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

  /** Appends the feature ids of every token of a sentence to `out`; returns its token range there. */
  sentence(tokens: string[], doc: DocStats, out: CsrWriter): [number, number] {
    const n = tokens.length;
    const from = out.tokens;
    const words = tokens.map((t) => this.wordIds(t));
    const gaz = this.res.gazetteer ? this.res.gazetteer.tagSentence(tokens) : undefined;
    let allCaps = n > 1;
    for (const t of tokens) if (/\p{L}/u.test(t) && !isAllCaps(t)) allCaps = false;
    const P = this.pairs;
    for (let i = 0; i < n; i++) {
      const wi = words[i]!;
      out.pushAll(wi.self);
      if (i > 0) out.pushAll(words[i - 1]!.near[0]!);
      else out.push(this.constId('-1=BOS'));
      if (i + 1 < n) out.pushAll(words[i + 1]!.near[1]!);
      else out.push(this.constId('+1=EOS'));
      if (i > 1) out.pushAll(words[i - 2]!.far[0]!);
      if (i + 2 < n) out.pushAll(words[i + 2]!.far[1]!);
      const prev = i > 0 ? words[i - 1]! : undefined;
      const next = i + 1 < n ? words[i + 1]! : undefined;
      out.push(this.constId('bias'));
      // A word with "|" in it (-2) cannot be looked up by number; it takes the string path.
      if (P && wi.lowerIdx !== -2 && (!prev || prev.lowerIdx !== -2) && (!next || next.lowerIdx !== -2)) {
        out.push(P.get2(P.left, prev ? prev.lowerIdx : P.bos, wi.lowerIdx));
        out.push(P.get2(P.right, wi.lowerIdx, next ? next.lowerIdx : P.eos));
        out.push(P.get3(P.shapes, prev ? prev.shapeIdx : P.bos, wi.shapeIdx, next ? next.shapeIdx : P.eos));
      } else {
        out.push(this.space.id(`lw-1|lw=${prev ? prev.lower : '<s>'}|${wi.lower}`));
        out.push(this.space.id(`lw|lw+1=${wi.lower}|${next ? next.lower : '</s>'}`));
        out.push(this.space.id(`sh-1|sh|sh+1=${prev ? prev.shape : '<s>'}|${wi.shape}|${next ? next.shape : '</s>'}`));
      }
      const w = tokens[i]!;
      const first = w[0]!;
      const upper = first !== first.toLowerCase();
      if (i === 0) out.push(this.constId(`first|sh=${wi.shape}`));
      if (allCaps) {
        out.push(this.constId('capsSentence'));
        out.push(this.space.id(`capsSentence|lw=${wi.lower}`));
      }
      if (upper) {
        if (doc.lower.has(wi.lower)) out.push(this.constId(`docLower|first=${i === 0}`));
        if (doc.title.has(wi.lower)) out.push(this.constId(`docTitle|caps=${isAllCaps(w)}`));
      }
      if (gaz) {
        for (const g of gaz[i]!) {
          out.push(this.constId(`gaz=${g}`));
          out.push(this.constId(`gaz=${g}|title=${upper}`));
        }
      }
      out.endToken();
    }
    return [from, out.tokens];
  }

  /** Appends the pass-2 feature ids of every token of a document to `out`, token-aligned with pass 1 (see aggregateFeatures). */
  aggregate(sentences: string[][], firstPass: Int32Array[], tagNames: string[], out: CsrWriter): void {
    for (const sent of aggregateFeatures(sentences, firstPass, tagNames)) {
      for (const fs of sent) {
        for (const f of fs) out.push(this.constId(f));
        out.endToken();
      }
    }
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

/** The pass-2 feature strings form a closed set; registering them all keeps ids stable. */
export function registerAggregateFeatures(space: FeatureSpace, tagNames: string[]): void {
  const types = ['O', 'PER', 'ORG', 'LOC', 'MISC'];
  const wasFrozen = space.frozen;
  space.frozen = false;
  for (const tag of tagNames) space.id(`s1=${tag}`);
  for (const t of types) {
    space.id(`agg=${t}`);
    space.id(`aggMax=${t}`);
    space.id(`aggPart=${t}`);
    for (const own of types) space.id(`aggMax=${t}|s1=${own}`);
  }
  space.frozen = wasFrozen;
}
