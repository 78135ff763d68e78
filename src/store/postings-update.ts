/**
 * Writing our postings (format: src/store/postings.ts): new and edited
 * articles as segments when a batch commits, and merges of segments, as
 * FTS5 keeps its own index in step.
 */
import type Database from 'better-sqlite3';
import { ByteWriter, mergeTerm, SegmentBuilder, segmentLengths, type TermRow } from './postings.js';

/** A builder is written as a segment past this many tokens (about 20,000 articles), bounding memory. */
const SEGMENT_TOKENS = 20_000_000;
/** Segments of the same size class merged once there are this many. */
const MERGE_FACTOR = 8;

/** Each article's latest segment and its length there. */
export function loadOwners(db: Database.Database, size: number): { owner: Int32Array; length: Int32Array } {
  const high = db.prepare('SELECT coalesce(max(high), 0) FROM search_segments').pluck().get() as number;
  const owner = new Int32Array(Math.max(size, high + 1));
  const length = new Int32Array(owner.length);
  for (const [seg, blob] of db.prepare('SELECT id, lengths FROM search_segments ORDER BY id').raw().iterate() as Iterable<[number, Buffer]>) {
    for (const [id, len] of segmentLengths(blob)) {
      owner[id] = seg;
      length[id] = len;
    }
  }
  return { owner, length };
}

const SOURCE_COLUMNS = 'id, title, body, outlet, author, category, lang';

/**
 * Brings the postings up to the articles: indexes every article past the
 * highest id indexed and every article changed since (search_dirty), as
 * new segments; then merges segments of a size class once there are
 * MERGE_FACTOR of them. Run in the caller's transaction when there is one.
 */
export function updatePostings(db: Database.Database): void {
  db.transaction(() => {
    const high = db.prepare('SELECT coalesce(max(high), 0) FROM search_segments').pluck().get() as number;
    // A union, not an OR, so each side uses its key (an OR scans every article).
    const ids = db.prepare('SELECT id FROM articles WHERE id > ? UNION SELECT id FROM articles WHERE id IN (SELECT id FROM search_dirty) ORDER BY id').pluck().all(high) as number[];
    // Read in pages: better-sqlite3 allows no write while a read is open.
    const page = db.prepare(`SELECT ${SOURCE_COLUMNS} FROM search_source WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).raw();
    let builder = new SegmentBuilder();
    for (let i = 0; i < ids.length; i += 500) {
      for (const [id, ...columns] of page.all(JSON.stringify(ids.slice(i, i + 500))) as Array<[number, ...string[]]>) builder.add({ id, columns });
      if (builder.tokens >= SEGMENT_TOKENS) {
        writeSegment(db, builder);
        builder = new SegmentBuilder();
      }
    }
    if (builder.docs) writeSegment(db, builder);
    db.exec('DELETE FROM search_dirty');
    mergeSegments(db, false);
  })();
}

function writeSegment(db: Database.Database, b: SegmentBuilder): number {
  const lengths = b.lengths.done();
  let high = 0;
  for (const [id] of segmentLengths(lengths)) high = id;
  const seg = Number(db.prepare('INSERT INTO search_segments (docs, high, lengths) VALUES (?, ?, ?)').run(b.docs, high, lengths).lastInsertRowid);
  const insert = db.prepare('INSERT INTO search_postings (term, segment, df, postings, positions) VALUES (?, ?, ?, ?, ?)');
  for (const e of b.entries()) insert.run(e.term, seg, e.df, e.postings, e.positions);
  return seg;
}

/** Size class of a segment: its article count's order of magnitude in MERGE_FACTOR. */
const sizeClass = (docs: number) => Math.floor(Math.log(Math.max(1, docs)) / Math.log(MERGE_FACTOR));

/**
 * Merges segments: all of them when `all` (as FTS5's 'optimize'), else any
 * MERGE_FACTOR of one size class, repeatedly. A merge keeps only live
 * postings (the article is stored and this is its latest segment).
 */
export function mergeSegments(db: Database.Database, all: boolean): void {
  for (;;) {
    const segs = db.prepare('SELECT id, docs FROM search_segments ORDER BY id').all() as Array<{ id: number; docs: number }>;
    let chosen: number[] = [];
    if (all) chosen = segs.length > 1 ? segs.map((s) => s.id) : [];
    else {
      const byClass = new Map<number, number[]>();
      for (const s of segs) byClass.set(sizeClass(s.docs), [...(byClass.get(sizeClass(s.docs)) ?? []), s.id]);
      chosen = [...byClass.values()].find((ids) => ids.length >= MERGE_FACTOR) ?? [];
    }
    if (!chosen.length) return;
    mergeThese(db, chosen);
    if (all) return;
  }
}

function mergeThese(db: Database.Database, chosen: number[]): void {
  const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM articles').pluck().get() as number;
  const { owner, length } = loadOwners(db, maxId + 1);
  const exists = new Uint8Array(owner.length);
  for (const id of db.prepare('SELECT id FROM articles').pluck().iterate() as Iterable<number>) if (id < exists.length) exists[id] = 1;
  const inChosen = new Set(chosen);
  const live = (doc: number, seg: number) => owner[doc] === seg && exists[doc] === 1;
  // The merged segment's articles: those the chosen segments hold live.
  const lengths = new ByteWriter(1024);
  let docs = 0;
  let high = 0;
  let prev = 0;
  for (let id = 1; id < owner.length; id++) {
    if (!inChosen.has(owner[id]!) || !exists[id]) continue;
    lengths.varint(id - prev);
    lengths.varint(length[id]!);
    prev = high = id;
    docs++;
  }
  const list = chosen.join(',');
  const seg = Number(db.prepare('INSERT INTO search_segments (docs, high, lengths) VALUES (?, ?, ?)').run(docs, high, lengths.done()).lastInsertRowid);
  const insert = db.prepare('INSERT INTO search_postings (term, segment, df, postings, positions) VALUES (?, ?, ?, ?, ?)');
  // Terms in slices, each read whole before it is written (no write while a read is open).
  const terms = db.prepare(`SELECT DISTINCT term FROM search_postings INDEXED BY search_postings_term WHERE segment IN (${list}) ORDER BY term`).pluck().all() as string[];
  const slice = db
    .prepare(`SELECT term, segment, postings, positions FROM search_postings INDEXED BY search_postings_term WHERE term >= ? AND term <= ? AND segment IN (${list}) ORDER BY term, segment`)
    .raw();
  for (let i = 0; i < terms.length; i += 2000) {
    const rows = slice.all(terms[i], terms[Math.min(terms.length, i + 2000) - 1]) as Array<[string, number, Buffer, Buffer]>;
    for (let r = 0; r < rows.length; ) {
      const term = rows[r]![0];
      const parts: TermRow[] = [];
      for (; r < rows.length && rows[r]![0] === term; r++) parts.push({ segment: rows[r]![1], postings: rows[r]![2], positions: rows[r]![3] });
      const merged = mergeTerm(parts, live);
      if (merged) insert.run(term, seg, merged.df, merged.postings, merged.positions);
    }
  }
  db.prepare(`DELETE FROM search_postings WHERE segment IN (${list})`).run();
  db.prepare(`DELETE FROM search_segments WHERE id IN (${list})`).run();
}
