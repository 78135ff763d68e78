/**
 * Our own positional postings beside FTS5, so broad queries rank in
 * milliseconds. FTS5 scores every match through its virtual-table interface
 * (about 1.5 µs each) and lists matching rowids at about 170 ns each: a term
 * in 280,000 of 1,000,000 articles costs half a second to rank. The same
 * postings read as one blob and decoded in a typed-array loop cost a few
 * milliseconds, and facets need the whole match set anyway, so no library
 * answers this; FTS5 stays the index of record (it answers every query the
 * engine does not take), and the engine's results are tested to equal
 * FTS5's: same matches, same BM25 scores. Words are split and folded as
 * FTS5's unicode61 tokenizer does (src/query/words.ts), checked on a real
 * corpus in the corpus suite.
 *
 * Format. The index is a list of segments, each built from a batch of
 * articles (as Lucene does): per segment, the documents' lengths, and per
 * term two blobs. `postings`: for each document (ascending) the id as a
 * delta, a bit mask of the columns the term occurs in, and the count in
 * each of those columns; all a ranked term query reads. `positions`, in
 * the same order: the number of occurrences and the occurrences as deltas
 * of `column × 2^24 + token offset`; read for phrases only. All numbers
 * are LEB128 varints.
 * An article re-indexed later (edited, or an id reused) lives in the newer
 * segment; its older postings are skipped at read time and dropped by merges.
 */
import { eachWord } from '../query/words.js';

/** Columns of the index, in the order of the FTS5 table `search`. */
export const INDEX_COLUMNS = ['title', 'body', 'outlet', 'author', 'category', 'lang'] as const;
/** Occurrence codes: column × COLUMN_SPAN + offset; the next word of a phrase is code + 1. */
export const COLUMN_SPAN = 2 ** 24;

export class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  constructor(capacity = 32) {
    this.bytes = new Uint8Array(capacity);
  }
  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  varint(v: number): void {
    this.room(8);
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }
  copy(src: Uint8Array, from: number, to: number): void {
    this.room(to - from);
    this.bytes.set(src.subarray(from, to), this.length);
    this.length += to - from;
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function doubled(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}

/**
 * The read position of readVarint() and skipVarints(): module state rather
 * than a reader object, so the query engine's hot loops call small
 * functions V8 inlines. One decoder for the engine and ByteReader alike.
 */
let cursor = 0;
export const seek = (pos: number): void => {
  cursor = pos;
};
export const tell = (): number => cursor;

export function readVarint(b: Uint8Array): number {
  let byte = b[cursor++]!;
  if (byte < 0x80) return byte;
  let v = byte & 0x7f;
  let scale = 0x80;
  do {
    byte = b[cursor++]!;
    v += (byte & 0x7f) * scale;
    scale *= 0x80;
  } while (byte >= 0x80);
  return v;
}

export function skipVarints(b: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) while (b[cursor++]! >= 0x80);
}

/**
 * Every varint of a blob, decoded in one tight loop: the query engine then
 * walks plain integers (three times faster than decoding as it goes).
 */
export function decodeAll(b: Uint8Array, into?: Int32Array): Int32Array {
  // A varint takes at least a byte; a caller's scratch buffer spares the allocation (and the collector).
  const out = into && into.length >= b.length ? into : new Int32Array(b.length);
  const length = b.length;
  let n = 0;
  // readVarint's loop with its position in a local: the module-level cursor, read and written per
  // byte, made this (most of a phrase search's time) twice as slow.
  for (let i = 0; i < length; ) {
    let byte = b[i++]!;
    if (byte < 0x80) {
      out[n++] = byte;
      continue;
    }
    let v = byte & 0x7f;
    let scale = 0x80;
    do {
      byte = b[i++]!;
      v += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte >= 0x80);
    out[n++] = v;
  }
  return out.subarray(0, n);
}

/** Reads LEB128 varints from one buffer at its own position (merges read two at once). */
export class ByteReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  get more(): boolean {
    return this.pos < this.bytes.length;
  }
  varint(): number {
    cursor = this.pos;
    const v = readVarint(this.bytes);
    this.pos = cursor;
    return v;
  }
  /** Skips n varints. */
  skip(n: number): void {
    cursor = this.pos;
    skipVarints(this.bytes, n);
    this.pos = cursor;
  }
}

/** A document as indexed: its id and the text of each index column. */
export interface IndexedDoc {
  id: number;
  columns: readonly string[];
}

/** One segment's postings, built in memory from a batch of documents in ascending id order. */
export class SegmentBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: ByteWriter[] = [];
  private readonly positions: ByteWriter[] = [];
  private readonly lastDoc: number[] = [];
  private readonly df: number[] = [];
  readonly lengths = new ByteWriter(1024);
  private lastId = 0;
  docs = 0;
  /** Tokens so far; a builder is flushed as a segment when it grows large. */
  tokens = 0;
  // The document being added: its tokens (term, code) in text order, then grouped by term.
  private tids = new Int32Array(4096);
  private codes = new Int32Array(4096);
  private grouped = new Int32Array(4096);
  /** Per term: its occurrences in the current document, and where its group starts. */
  private count = new Int32Array(1024);
  private start = new Int32Array(1024);

  add(doc: IndexedDoc): void {
    let n = 0;
    const seen: number[] = []; // the document's terms, first occurrence first
    doc.columns.forEach((text, col) => {
      let offset = 0;
      eachWord(text, (w) => {
        if (offset >= COLUMN_SPAN) return; // a column of 16M words: the rest is not indexed
        let t = this.termIds.get(w);
        if (t === undefined) t = this.newTerm(w);
        if (n === this.tids.length) this.growTokens();
        if (this.count[t] === 0) seen.push(t);
        this.count[t]!++;
        this.tids[n] = t;
        this.codes[n++] = col * COLUMN_SPAN + offset++;
      });
    });
    // A counting sort by term: codes stay ascending within each term, as they came.
    let at = 0;
    for (const t of seen) {
      this.start[t] = at;
      at += this.count[t]!;
    }
    for (let i = 0; i < n; i++) this.grouped[this.start[this.tids[i]!]!++] = this.codes[i]!;
    const counts = new Int32Array(INDEX_COLUMNS.length);
    let from = 0;
    for (const t of seen) {
      const m = this.count[t]!;
      this.count[t] = 0;
      const out = this.postings[t]!;
      const pos = this.positions[t]!;
      pos.varint(m);
      counts.fill(0);
      let prev = 0;
      for (let k = from; k < from + m; k++) {
        const code = this.grouped[k]!;
        pos.varint(code - prev);
        counts[Math.floor(code / COLUMN_SPAN)]!++;
        prev = code;
      }
      from += m;
      out.varint(doc.id - this.lastDoc[t]!);
      let mask = 0;
      for (let c = 0; c < counts.length; c++) if (counts[c]) mask |= 1 << c;
      out.varint(mask);
      for (let c = 0; c < counts.length; c++) if (counts[c]) out.varint(counts[c]!);
      this.lastDoc[t] = doc.id;
      this.df[t]!++;
    }
    this.lengths.varint(doc.id - this.lastId);
    this.lengths.varint(n);
    this.lastId = doc.id;
    this.docs++;
    this.tokens += n;
  }

  private newTerm(w: string): number {
    const t = this.terms.length;
    this.termIds.set(w, t);
    this.terms.push(w);
    this.postings.push(new ByteWriter());
    this.positions.push(new ByteWriter());
    this.lastDoc.push(0);
    this.df.push(0);
    if (t === this.count.length) {
      this.count = doubled(this.count);
      this.start = doubled(this.start);
    }
    return t;
  }

  private growTokens(): void {
    this.tids = doubled(this.tids);
    this.codes = doubled(this.codes);
    this.grouped = new Int32Array(this.tids.length);
  }

  *entries(): Generator<{ term: string; df: number; postings: Uint8Array; positions: Uint8Array }> {
    for (let t = 0; t < this.terms.length; t++) yield { term: this.terms[t]!, df: this.df[t]!, postings: this.postings[t]!.done(), positions: this.positions[t]!.done() };
  }
}

/** Bits set in a column mask: how many column counts follow it. */
export function popcount(mask: number): number {
  let n = 0;
  for (; mask; mask &= mask - 1) n++;
  return n;
}

/** One segment's stored entry for a term. */
export interface TermRow {
  segment: number;
  postings: Uint8Array;
  positions: Uint8Array;
}

/**
 * A term's entries of several segments (oldest first) as one, keeping the
 * postings `live` says to keep. Runs of kept postings are copied as they
 * are; only the first id of a run is written anew (its delta changes). An
 * article re-indexed in a later segment under a lower id than one already
 * written puts the entry out of order: then it is rebuilt posting by
 * posting, sorted.
 */
export function mergeTerm(rows: TermRow[], live: (doc: number, segment: number) => boolean): { df: number; postings: Uint8Array; positions: Uint8Array } | undefined {
  const out = new ByteWriter(Math.max(32, rows.reduce((n, r) => n + r.postings.length, 0)));
  const pos = new ByteWriter(Math.max(32, rows.reduce((n, r) => n + r.positions.length, 0)));
  let last = 0;
  let df = 0;
  for (const row of rows) {
    const r = new ByteReader(row.postings);
    const q = new ByteReader(row.positions);
    let doc = 0;
    // The open run: bytes [runFrom, r.pos) of postings and [posFrom, q.pos) of positions.
    let runFrom = -1;
    let posFrom = 0;
    const flush = (to: number) => {
      if (runFrom >= 0) {
        out.copy(row.postings, runFrom, to);
        pos.copy(row.positions, posFrom, q.pos);
      }
      runFrom = -1;
    };
    while (r.more) {
      const entry = r.pos;
      doc += r.varint();
      const rest = r.pos;
      const posStart = q.pos;
      if (!live(doc, row.segment)) {
        flush(entry);
        r.skip(popcount(r.varint()));
        q.skip(q.varint());
        continue;
      }
      if (doc <= last && df > 0) return mergeSorted(rows, live);
      if (runFrom < 0) {
        out.varint(doc - last);
        runFrom = rest;
        posFrom = posStart;
      }
      r.skip(popcount(r.varint()));
      q.skip(q.varint());
      last = doc;
      df++;
    }
    flush(r.pos);
  }
  return df ? { df, postings: out.done(), positions: pos.done() } : undefined;
}

/** mergeTerm's slow path: every kept posting gathered, sorted by id, written. */
function mergeSorted(rows: TermRow[], live: (doc: number, segment: number) => boolean): { df: number; postings: Uint8Array; positions: Uint8Array } {
  const parts: Array<{ doc: number; row: TermRow; from: number; to: number; posFrom: number; posTo: number }> = [];
  for (const row of rows) {
    const r = new ByteReader(row.postings);
    const q = new ByteReader(row.positions);
    let doc = 0;
    while (r.more) {
      doc += r.varint();
      const from = r.pos;
      r.skip(popcount(r.varint()));
      const posFrom = q.pos;
      q.skip(q.varint());
      if (live(doc, row.segment)) parts.push({ doc, row, from, to: r.pos, posFrom, posTo: q.pos });
    }
  }
  parts.sort((a, b) => a.doc - b.doc);
  const out = new ByteWriter();
  const pos = new ByteWriter();
  let last = 0;
  for (const p of parts) {
    out.varint(p.doc - last);
    out.copy(p.row.postings, p.from, p.to);
    pos.copy(p.row.positions, p.posFrom, p.posTo);
    last = p.doc;
  }
  return { df: parts.length, postings: out.done(), positions: pos.done() };
}

/** The (id, length) pairs of a segment's lengths blob. */
export function* segmentLengths(blob: Uint8Array): Generator<[number, number]> {
  const r = new ByteReader(blob);
  let id = 0;
  while (r.more) {
    id += r.varint();
    yield [id, r.varint()];
  }
}
