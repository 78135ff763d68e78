/**
 * Query evaluation and BM25 over our own postings (src/store/postings.ts):
 * the same matches and the same scores as FTS5's MATCH and bm25(), computed
 * in typed-array loops. FTS5's formula, per query phrase i (every term,
 * phrase or prefix of the expression is one):
 *
 *   idf_i = ln((N − n_i + 0.5) / (n_i + 0.5)), at least 1e-6
 *   score = Σ_i idf_i · f_i · (k1 + 1) / (f_i + k1 · (1 − b + b · |D| / avgdl))
 *
 * with k1 = 1.2, b = 0.75, n_i the articles matching phrase i, f_i its
 * occurrences in the article weighted by column, |D| the article's tokens
 * in all columns and avgdl their mean over the index.
 *
 * Writing the postings (segments, merges) is src/store/postings-update.ts.
 */
import type Database from 'better-sqlite3';
import { toFts, type Node, type TextField } from '../query/language.js';
import { foldedWords } from '../query/words.js';
import { COLUMN_SPAN, decodeAll, popcount } from './postings.js';
import { loadOwners } from './postings-update.js';
import { topK } from './top.js';

/** BM25 column weights, in INDEX_COLUMNS order: a title hit counts most. */
export const COLUMN_WEIGHTS = [4.0, 1.0, 0.5, 0.5, 0.5, 0.0] as const;
const K1 = 1.2;
const B = 0.75;

const FIELD_COLUMN: Record<TextField, number> = { title: 0, text: 1, outlet: 2, author: 3, category: 4, lang: 5 };

/** A field holding one value per article: its code per article id (-1: none) and the values. */
export interface OneValue {
  code: Int32Array;
  names: readonly string[];
}

/**
 * A term or phrase in a field that holds one value per article (the outlet), matched against the
 * field's few distinct values rather than the postings: the same articles and the same weighted
 * counts as the postings give (the value is what was indexed in that column), without reading
 * the positions of words as common as "news" for outlet:"CNN (Web News)".
 */
function valueMatch(words: string[], prefix: boolean, col: number, field: OneValue, s: State, exists: Uint8Array): PhraseMatch {
  const last = words.length - 1;
  const times = field.names.map((name) => {
    const w = foldedWords(name);
    let count = 0;
    for (let i = 0; i + last < w.length; i++) {
      let ok = true;
      for (let j = 0; j <= last && ok; j++) ok = prefix && j === last ? w[i + j]!.startsWith(words[j]!) : w[i + j] === words[j];
      if (ok) count++;
    }
    return count;
  });
  const docs: number[] = [];
  const freq: number[] = [];
  const { code } = field;
  for (let id = 0; id < code.length; id++) {
    const c = code[id]!;
    if (c < 0 || !times[c] || !exists[id] || !s.owner[id]) continue;
    docs.push(id);
    freq.push(COLUMN_WEIGHTS[col]! * times[c]!);
  }
  return { docs: Int32Array.from(docs), freq: Float64Array.from(freq) };
}

/** Articles matching one phrase of the query: ascending ids and weighted occurrence counts. */
interface PhraseMatch {
  docs: Int32Array;
  freq: Float64Array;
}

/** A query evaluated: its matches (ascending) and, for scoring, each phrase's matches in FTS5's phrase order. */
export interface Evaluated {
  ids: Int32Array;
  phrases: PhraseMatch[];
  /** The index statistics it was evaluated against, which its ranking uses. */
  state: State;
}

interface State {
  key: string;
  exists: Uint8Array;
  /** Latest segment holding each article (0: none). */
  owner: Int32Array;
  length: Int32Array;
  /** Articles indexed and still stored, and their tokens. */
  count: number;
  avgdl: number;
}

/** Decoded postings of one term: per article its occurrence codes. */
interface Decoded {
  docs: Int32Array;
  /** codes[start[i] .. end[i]) are article i's occurrences. */
  start: Int32Array;
  end: Int32Array;
  codes: Int32Array;
}

/** Whether FTS5 sees this part of the query at all (toFts drops parts without letters or digits). */
const searchable = (n: Node) => toFts(n) !== undefined;

/** Thrown inside evaluation for a query shape the engine leaves to FTS5. */
class Unsupported extends Error {}

export class SearchEngine {
  private state?: State;
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      version: db.prepare(`SELECT (SELECT count(*) FROM search_dirty) AS dirty, (SELECT coalesce(max(id), 0) FROM search_segments) AS last,
        (SELECT count(*) FROM search_segments) AS segments`),
      term: db.prepare('SELECT segment, df, postings FROM search_postings WHERE term = ?').raw(),
      positions: db.prepare('SELECT segment, df, postings, positions FROM search_postings WHERE term = ?').raw(),
      prefix: db.prepare('SELECT DISTINCT term FROM search_postings WHERE term >= ? AND term < ?').pluck(),
    };
  }

  /**
   * The query's matches among the stored articles, or undefined when the
   * postings are behind the articles (changes not yet indexed) or the query
   * has a shape left to FTS5 (a phrase ending in a prefix).
   */
  evaluate(node: Node, exists: Uint8Array, outlets?: OneValue): Evaluated | undefined {
    const state = this.current(exists);
    if (!state) return undefined;
    const phrases: PhraseMatch[] = [];
    this.outlets = outlets;
    try {
      const ids = this.node(node, state, exists, phrases);
      return { ids, phrases, state };
    } catch (err) {
      if (err instanceof Unsupported) return undefined;
      throw err;
    } finally {
      this.scratch.releaseAll();
    }
  }

  /** The outlet of each article, for outlet: clauses (see valueMatch); given with each evaluation. */
  private outlets: OneValue | undefined;

  /** Buffers for decoded blobs, reused from query to query: tens of megabytes a query would otherwise go to the collector. */
  private readonly scratch = new Scratch();

  /** The best k of `ids` (ascending) by BM25, best first; ties by lower id. */
  rank(ev: Evaluated, ids: Int32Array, k: number): Array<{ id: number; score: number }> {
    const { state } = ev;
    const scores = new Float64Array(ids.length);
    const norm = (id: number) => K1 * (1 - B + (B * state.length[id]!) / state.avgdl);
    for (const p of ev.phrases) {
      let idf = Math.log((state.count - p.docs.length + 0.5) / (p.docs.length + 0.5));
      if (idf <= 0) idf = 1e-6;
      // Both ascending: one merge pass.
      for (let i = 0, j = 0; i < ids.length && j < p.docs.length; ) {
        const a = ids[i]!;
        const b = p.docs[j]!;
        if (a < b) i++;
        else if (b < a) j++;
        else {
          const f = p.freq[j]!;
          scores[i]! += (idf * (f * (K1 + 1))) / (f + norm(a));
          i++;
          j++;
        }
      }
    }
    const best = topK(ids.length, k, (a, b) => scores[a]! > scores[b]! || (scores[a] === scores[b] && ids[a]! < ids[b]!));
    return best.map((i) => ({ id: ids[i]!, score: scores[i]! }));
  }

  // ---- evaluation ----------------------------------------------------------

  private node(n: Node, s: State, exists: Uint8Array, phrases: PhraseMatch[]): Int32Array {
    switch (n.kind) {
      case 'term':
      case 'phrase': {
        const words = foldedWords(n.kind === 'term' ? n.text : n.words);
        const prefix = n.kind === 'term' && n.prefix;
        if (!words.length) return new Int32Array(0);
        if (prefix && words.length > 1) throw new Unsupported();
        const col = n.field === undefined ? -1 : FIELD_COLUMN[n.field];
        const m =
          n.field === 'outlet' && this.outlets
            ? valueMatch(words, prefix, col, this.outlets, s, exists)
            : prefix
              ? this.prefixMatch(words[0]!, col, s, exists)
              : words.length === 1
                ? this.termMatch(words[0]!, col, s, exists)
                : this.phraseMatch(words, col, s, exists);
        phrases.push(m);
        return m.docs;
      }
      case 'not':
        return this.node(n.item, s, exists, phrases);
      case 'or': {
        let out: Int32Array | undefined;
        for (const item of n.items.filter(searchable)) {
          const ids = this.node(item, s, exists, phrases);
          out = out ? union(out, ids) : ids;
        }
        return out ?? new Int32Array(0);
      }
      case 'and': {
        // As toFts: (positives AND …) NOT negatives, phrases numbered in that order.
        const pos = n.items.filter((x) => x.kind !== 'not' && searchable(x));
        const neg = n.items.filter((x) => x.kind === 'not' && searchable(x));
        let out: Int32Array | undefined;
        for (const item of pos) {
          const ids = this.node(item, s, exists, phrases);
          out = out ? intersect(out, ids) : ids;
        }
        for (const item of neg) out = minus(out ?? new Int32Array(0), this.node(item, s, exists, phrases));
        return out ?? new Int32Array(0);
      }
    }
  }

  /** The stored rows of a term, oldest segment first: segment, df, postings (and positions when asked). */
  private rows(term: string, positions = false): Array<[number, number, Buffer, Buffer]> {
    return ((positions ? this.stmts.positions : this.stmts.term).all(term) as Array<[number, number, Buffer, Buffer]>).sort((a, b) => a[0] - b[0]);
  }

  /**
   * A term's postings with their occurrence codes (for phrases), per segment: only the live copy
   * of each live article (having the word in column `col`, when >= 0). An article's words all
   * live in its latest segment, so a phrase is matched segment by segment and the runs merged,
   * with no joining of the segments' codes.
   */
  private decodeBySegment(term: string, s: State, exists: Uint8Array, col: number): Map<number, Decoded> {
    return new Map(this.rows(term, true).map((row) => [row[0], decodeOne(row, s, exists, this.scratch, col)]));
  }

  /**
   * A term's articles and weighted occurrence counts, in one pass over its
   * postings with nothing kept of the positions: the common case, so it
   * has its own loop. Only occurrences in column `col` count when col >= 0.
   */
  private termMatch(term: string, col: number, s: State, exists: Uint8Array): PhraseMatch {
    const rows = this.rows(term);
    let size = 0;
    for (const [, df] of rows) size += df;
    const docs = new Int32Array(size);
    const freq = new Float64Array(size);
    let m = 0;
    let sorted = true;
    // Where each segment's matches begin: each run ascends, and they are merged when the runs overlap.
    const runs: number[] = [];
    for (const [segment, , blob] of rows) {
      runs.push(m);
      const buffer = this.scratch.take(blob.length);
      const v = decodeAll(blob, buffer);
      let doc = 0;
      for (let i = 0; i < v.length; ) {
        doc += v[i++]!;
        const mask = v[i++]!;
        if (s.owner[doc] !== segment || !exists[doc]) {
          i += popcount(mask);
          continue;
        }
        let f = 0;
        let found = false;
        for (let c = 0; mask >> c; c++) {
          if (!((mask >> c) & 1)) continue;
          const count = v[i++]!;
          if (col >= 0 && c !== col) continue;
          f += COLUMN_WEIGHTS[c]! * count;
          found = true;
        }
        if (!found) continue;
        if (m && docs[m - 1]! > doc) sorted = false;
        docs[m] = doc;
        freq[m++] = f;
      }
      // Given back at once: a prefix may have thousands of expansions, each read here in turn.
      this.scratch.give(buffer);
    }
    const out = { docs: docs.subarray(0, m), freq: freq.subarray(0, m) };
    return sorted ? out : mergeRuns(out, runs);
  }

  private prefixMatch(prefix: string, col: number, s: State, exists: Uint8Array): PhraseMatch {
    const last = prefix.codePointAt(prefix.length - 1)!;
    const upper = prefix.slice(0, prefix.length - String.fromCodePoint(last).length) + String.fromCodePoint(last + 1);
    const terms = this.stmts.prefix.all(prefix, upper) as string[];
    // Summed over the expansions in dense arrays by id, kept from query to query and cleared after use.
    if (this.dense.seen.length < s.owner.length) this.dense = { freq: new Float64Array(s.owner.length), seen: new Uint8Array(s.owner.length) };
    const { freq, seen } = this.dense;
    let lo = Infinity;
    let hi = -1;
    let total = 0;
    for (const term of terms) {
      const m = this.termMatch(term, col, s, exists);
      total += m.docs.length;
      for (let i = 0; i < m.docs.length; i++) {
        const doc = m.docs[i]!;
        seen[doc] = 1;
        freq[doc]! += m.freq[i]!;
        if (doc < lo) lo = doc;
        if (doc > hi) hi = doc;
      }
    }
    // A pass over the range in id order instead of a sort of what was seen.
    const docs = new Int32Array(total);
    const f = new Float64Array(total);
    let n = 0;
    for (let doc = lo; doc <= hi; doc++) {
      if (!seen[doc]) continue;
      docs[n] = doc;
      f[n++] = freq[doc]!;
    }
    if (hi >= lo) {
      seen.fill(0, lo, hi + 1);
      freq.fill(0, lo, hi + 1);
    }
    return { docs: docs.subarray(0, n), freq: f.subarray(0, n) };
  }

  private dense = { freq: new Float64Array(0), seen: new Uint8Array(0) };

  private phraseMatch(words: string[], col: number, s: State, exists: Uint8Array): PhraseMatch {
    const bySegment = words.map((w) => this.decodeBySegment(w, s, exists, col));
    const parts: PhraseMatch[] = [];
    // Ascending segments, each holding every word: an article in a segment without one of them cannot match.
    for (const segment of [...bySegment[0]!.keys()].sort((a, b) => a - b)) {
      const lists = bySegment.map((m) => m.get(segment));
      if (lists.every((l): l is Decoded => l !== undefined)) parts.push(phraseIn(lists, col));
    }
    if (parts.length === 1) return parts[0]!;
    let size = 0;
    for (const p of parts) size += p.docs.length;
    const docs = new Int32Array(size);
    const freq = new Float64Array(size);
    const runs: number[] = [];
    let m = 0;
    let sorted = true;
    for (const p of parts) {
      runs.push(m);
      if (m && p.docs.length && docs[m - 1]! > p.docs[0]!) sorted = false;
      docs.set(p.docs, m);
      freq.set(p.freq, m);
      m += p.docs.length;
    }
    return sorted ? { docs, freq } : mergeRuns({ docs, freq }, runs);
  }

  // ---- state -----------------------------------------------------------------

  /** Lengths and owners, reloaded when the segments change; undefined while changes wait to be indexed. */
  private current(exists: Uint8Array): State | undefined {
    const v = this.stmts.version.get() as { dirty: number; last: number; segments: number };
    if (v.dirty > 0) return undefined;
    const key = `${v.last}:${v.segments}`;
    // The article columns are loaded anew after any write, so a new array means articles may have come or gone.
    if (this.state?.key === key && this.state.exists === exists) return this.state;
    const { owner, length } = loadOwners(this.db, exists.length);
    let count = 0;
    let tokens = 0;
    for (let id = 0; id < owner.length; id++) {
      if (owner[id] && exists[id]) {
        count++;
        tokens += length[id]!;
      }
    }
    // Every stored article must be indexed, else FTS5 answers.
    for (let id = 0; id < exists.length; id++) if (exists[id] && !owner[id]) return undefined;
    this.state = { key, exists, owner, length, count, avgdl: count ? tokens / count : 1 };
    return this.state;
  }
}

/** The articles of one segment where the words (their decoded lists, in phrase order) follow one another. */
function phraseIn(lists: Decoded[], col: number): PhraseMatch {
  const first = lists[0]!;
  const rest = lists.slice(1);
  // Walk the first word's articles; find each in the others (all ascending), with plain loops: this is the hot path of phrase search.
  const at = new Int32Array(rest.length);
  const cursor = new Int32Array(rest.length);
  const docs = new Int32Array(first.docs.length);
  const freq = new Float64Array(first.docs.length);
  let m = 0;
  next: for (let i = 0; i < first.docs.length; i++) {
    const doc = first.docs[i]!;
    for (let w = 0; w < rest.length; w++) {
      const d = rest[w]!.docs;
      let p = at[w]!;
      while (p < d.length && d[p]! < doc) p++;
      at[w] = p;
      if (p === d.length || d[p] !== doc) continue next;
      cursor[w] = rest[w]!.start[p]!;
    }
    let f = 0;
    let found = false;
    // Codes ascend in every list: a forward cursor per later word finds code + offset, a merge rather than a search.
    for (let j = first.start[i]!; j < first.end[i]!; j++) {
      const code = first.codes[j]!;
      const c = Math.floor(code / COLUMN_SPAN);
      if (col >= 0 && c !== col) continue;
      let ok = true;
      for (let w = 0; w < rest.length && ok; w++) {
        const d = rest[w]!;
        const want = code + w + 1;
        const end = d.end[at[w]!]!;
        let k = cursor[w]!;
        while (k < end && d.codes[k]! < want) k++;
        cursor[w] = k;
        ok = k < end && d.codes[k] === want;
      }
      if (ok) {
        f += COLUMN_WEIGHTS[c]!;
        found = true;
      }
    }
    if (found) {
      docs[m] = doc;
      freq[m++] = f;
    }
  }
  return { docs: docs.subarray(0, m), freq: freq.subarray(0, m) };
}

/**
 * A term's postings in one segment, decoded with their positions: the
 * positions are made absolute in the decoded array itself, with no copy.
 */
function decodeOne([segment, df, blob, positions]: [number, number, Buffer, Buffer], s: State, exists: Uint8Array, scratch: Scratch, col: number): Decoded {
  const postings = scratch.take(blob.length);
  const v = decodeAll(blob, postings);
  // Only the occurrences of articles that can match are decoded: the live copy of a live article
  // that has the word in the column asked for. The others' are stepped over a byte at a time: for
  // title:"prime minister" that spares decoding every "minister" in the articles' text only.
  const q = scratch.take(positions.length);
  const docs = new Int32Array(df);
  const start = new Int32Array(df + 1);
  const ends = new Int32Array(df);
  let m = 0;
  let doc = 0;
  let at = 0; // byte position in `positions`
  let j = 0; // next free slot in q
  for (let i = 0; i < v.length; ) {
    doc += v[i++]!;
    const mask = v[i++]!;
    i += popcount(mask);
    // This article's count of occurrences, then as many deltas.
    let n = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = positions[at++]!;
      n += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte >= 0x80);
    if (s.owner[doc] !== segment || !exists[doc] || (col >= 0 && !((mask >> col) & 1))) {
      for (let k = 0; k < n; k++) while (positions[at++]! >= 0x80);
      continue;
    }
    docs[m] = doc;
    start[m] = j;
    let code = 0;
    for (let k = 0; k < n; k++) {
      let delta = 0;
      scale = 1;
      do {
        byte = positions[at++]!;
        delta += (byte & 0x7f) * scale;
        scale *= 0x80;
      } while (byte >= 0x80);
      q[j++] = code += delta;
    }
    ends[m++] = j;
  }
  scratch.give(postings);
  return { docs: docs.subarray(0, m), start: start.subarray(0, m), end: ends.subarray(0, m), codes: q };
}

/**
 * A pool of Int32Array buffers taken during one evaluation and given back
 * when done with (or all at its end). At most 16 are kept between queries,
 * none over 64 MB (a stopword's positions), so the pool stays bounded.
 */
class Scratch {
  private free: Int32Array[] = [];
  private used: Int32Array[] = [];
  take(size: number): Int32Array {
    const i = this.free.findIndex((b) => b.length >= size);
    const b = i >= 0 ? this.free.splice(i, 1)[0]! : new Int32Array(2 ** Math.ceil(Math.log2(Math.max(1024, size))));
    this.used.push(b);
    return b;
  }
  give(b: Int32Array): void {
    const i = this.used.indexOf(b);
    if (i >= 0) this.keep(this.used.splice(i, 1));
  }
  releaseAll(): void {
    this.keep(this.used);
    this.used = [];
  }
  private keep(buffers: Int32Array[]): void {
    // Smallest first, so a small blob does not take the largest buffer; the smallest go when there are too many.
    this.free = [...this.free, ...buffers.filter((b) => b.length <= 1 << 24)].sort((a, b) => a.length - b.length).slice(-16);
  }
}

/**
 * Ascending runs (each segment's matches, disjoint in ids) merged pairwise into one ascending
 * list: an article re-indexed into a later segment puts its ids out of order, and a sort of the
 * whole list took a quarter of all search time on such a workspace.
 */
function mergeRuns(m: PhraseMatch, starts: number[]): PhraseMatch {
  const n = m.docs.length;
  // Runs that follow on in order are one run: only where ids step back does a merge begin.
  let bounds = [0, ...starts.filter((x) => x > 0 && x < n && m.docs[x - 1]! > m.docs[x]!), n];
  let docs: Int32Array = m.docs;
  let freq: Float64Array = m.freq;
  let toDocs: Int32Array = new Int32Array(n);
  let toFreq: Float64Array = new Float64Array(n);
  while (bounds.length > 2) {
    const next = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r]!;
      const mid = bounds[r + 1]!;
      const hi = bounds[r + 2] ?? mid;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (docs[i]! < docs[j]!) {
          toDocs[k] = docs[i]!;
          toFreq[k++] = freq[i++]!;
        } else {
          toDocs[k] = docs[j]!;
          toFreq[k++] = freq[j++]!;
        }
      }
      for (; i < mid; i++, k++) (toDocs[k] = docs[i]!), (toFreq[k] = freq[i]!);
      for (; j < hi; j++, k++) (toDocs[k] = docs[j]!), (toFreq[k] = freq[j]!);
      next.push(hi);
    }
    bounds = next;
    [docs, toDocs] = [toDocs, docs];
    [freq, toFreq] = [toFreq, freq];
  }
  return { docs, freq };
}

export function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) out[n++] = a[i++]!;
    else if (b[j]! < a[i]!) out[n++] = b[j++]!;
    else {
      out[n++] = a[i++]!;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.slice(0, n);
}

export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (b[j]! < a[i]!) j++;
    else {
      out[n++] = a[i++]!;
      j++;
    }
  }
  return out.slice(0, n);
}

export function minus(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    if (j < b.length && b[j] === a[i]) continue;
    out[n++] = a[i]!;
  }
  return out.slice(0, n);
}
