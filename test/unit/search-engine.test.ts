/**
 * Our postings (src/store/postings.ts, search-engine.ts) against FTS5, the
 * index of record: for every query shape, the same matches and the same
 * BM25 scores, through additions one by one and in batches, merges, edits,
 * deletions and a reused id.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { buildArticle } from '../../src/clean/article.js';
import type { RawArticle } from '../../src/model.js';
import { parseQuery, toFts } from '../../src/query/language.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';

/** A seeded generator, so the corpus is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Few words, so phrases, repeats and shared prefixes are common; some with accents and capitals.
const WORDS = ['oil', 'oils', 'oilfield', 'price', 'prices', 'priced', 'Kazakh', 'kazakhstan', 'protest', 'protests', 'Almaty', 'almaty', 'government', 'minister', 'prime', 'électeurs', 'electeurs', 'Zürich', 'sanctions', 'Russia', 'russia', 'the', 'of', 'a', 'talks', 'talk', 'war', 'peace', 'u.s.', 'north', 'korea'];
const OUTLETS = ['Reuters', 'Daily Wire', 'Le Monde', 'Oil Weekly'];

function article(rnd: () => number, n: number): RawArticle {
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const sentence = (len: number) => Array.from({ length: len }, pick).join(' ') + '.';
  const paragraphs = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => sentence(3 + Math.floor(rnd() * 12))).join(' '));
  return {
    ref: { source: 'gen.jsonl', locator: `line ${n}`, format: 'jsonl' },
    externalId: `g${n}`,
    title: sentence(2 + Math.floor(rnd() * 5)),
    text: paragraphs.join('\n\n'),
    outlet: OUTLETS[Math.floor(rnd() * OUTLETS.length)]!,
    authors: rnd() < 0.5 ? [{ name: rnd() < 0.5 ? 'Ana Oil' : 'John Price' }] : [],
    categories: rnd() < 0.3 ? ['World Peace'] : [],
    language: rnd() < 0.8 ? 'en' : 'fr',
  };
}

const QUERIES = [
  'oil', 'prices', 'Zürich', 'electeurs', 'the', 'korea', 'u.s.',
  '"prime minister"', '"north korea"', '"the the"', '"oil prices of"', '"u.s. sanctions"',
  'oil*', 'price*', 'kaz*', 'élect*',
  'oil prices', 'oil OR peace', '(russia OR almaty) AND talks', 'war -peace', 'oil AND NOT (prices OR talks)', '"north korea" OR sanctions',
  'oil oil', '(oil OR war) (prices OR peace) -talks',
  'title:oil', 'title:"prime minister"', 'outlet:reuters war', 'author:price', 'category:peace', 'lang:fr oil', 'title:(war OR peace)', 'outlet:oil',
  // outlet: clauses are matched against the outlets' names (valueMatch): phrases, prefixes, repeats, negation.
  'outlet:"daily wire"', 'outlet:"Oil Weekly" prices', 'outlet:wee*', 'outlet:"le monde" OR outlet:reuters', 'oil -outlet:reuters', 'outlet:"wire daily"',
];

function add(store: SqliteStore, raw: RawArticle) {
  const out = store.addArticle({ article: buildArticle(raw), raw });
  assert.equal(out.status, 'added');
  return out.status === 'added' ? out.id : 0;
}

function addBatch(store: SqliteStore, raws: RawArticle[]) {
  const outs = store.addArticles(raws.map((raw) => ({ article: buildArticle(raw), raw })));
  assert.deepEqual(new Set(outs.map((o) => o.status)), new Set(['added']));
}

/** Every query answered by our postings, and the same as FTS5's own answer. */
function assertSameAsFts5(store: SqliteStore, label: string) {
  const search = store.fullText;
  const db = new Database(store.path, { readonly: true });
  try {
    for (const q of QUERIES) {
      const text = parseQuery(q).text!;
      const fts = toFts(text)!;
      assert.ok(search.usesPostings(text), `${label}: ${q} answered by the postings`);
      const expected = db.prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid').pluck().all(fts) as number[];
      assert.deepEqual(Array.from(search.match(text)), expected, `${label}: matches of ${q}`);
      const mine = search.rank(text, 10);
      const theirs = search.rankFts(fts, 10);
      assert.equal(mine.length, theirs.length, `${label}: ranked ${q}`);
      mine.forEach((r, i) => assert.ok(Math.abs(r.score - theirs[i]!.score) < 1e-9, `${label}: score ${i} of ${q}: ${r.score} vs ${theirs[i]!.score}`));
      // Ties may come in another order; the sets of the best scores agree.
      const byScore = (xs: Array<{ id: number; score: number }>) => xs.filter((x) => x.score > theirs[theirs.length - 1]!.score + 1e-9).map((x) => x.id).sort((a, b) => a - b);
      assert.deepEqual(byScore(mine), byScore(theirs), `${label}: best of ${q}`);
      // Ranking within a subset (what a date or entity filter leaves).
      const within = Int32Array.from(expected.filter((_, i) => i % 3 === 0));
      const mineWithin = search.rank(text, 5, within);
      const theirsWithin = search.rankFts(fts, 5, within);
      mineWithin.forEach((r, i) => assert.ok(Math.abs(r.score - theirsWithin[i]!.score) < 1e-9, `${label}: filtered score ${i} of ${q}`));
    }
  } finally {
    db.close();
  }
}

test('the postings answer every query shape exactly as FTS5 does, through batches, merges, edits and deletions', () => {
  const dir = tempDir();
  const path = join(dir, 'w.db');
  const rnd = random(7);
  let store = openSqliteStore(path);
  const other = new Database(path); // another connection, as another tool would write
  other.pragma('foreign_keys = ON');
  // One by one (a segment each, merged eight at a time), then batches.
  for (let i = 1; i <= 20; i++) add(store, article(rnd, i));
  const segments = () => (other.prepare('SELECT count(*) FROM search_segments').pluck().get() as number);
  assert.ok(segments() < 20, `single additions were merged (${segments()} segments)`);
  assertSameAsFts5(store, 'one by one');
  for (let b = 0; b < 3; b++) {
    addBatch(store, Array.from({ length: 40 }, (_, i) => article(rnd, 100 + b * 40 + i)));
  }
  assertSameAsFts5(store, 'batches');

  // An edit: FTS5 answers until the postings catch up, and then they agree again.
  const edited = buildArticle({ ...article(rnd, 999), text: 'A new text about zeppelin oil prices.' });
  store.replaceArticles([{ id: 5, article: edited }]);
  const zeppelin = parseQuery('zeppelin').text!;
  assert.ok(store.fullText.usesPostings(zeppelin), 'the store re-indexes what it edits');
  assert.deepEqual(Array.from(store.match(zeppelin)), [5]);
  assertSameAsFts5(store, 'after an edit');
  // An edit by another tool: FTS5 answers until the postings catch up, and then they agree again.
  other.prepare("UPDATE articles SET text = 'Zeppelin sightings were reported.' WHERE id = 7").run();
  assert.equal(store.fullText.usesPostings(zeppelin), false, 'an article edited elsewhere, not yet re-indexed: FTS5 answers');
  assert.deepEqual(Array.from(store.match(zeppelin)), [5, 7]);
  store.indexNew();
  assert.ok(store.fullText.usesPostings(zeppelin));
  assert.deepEqual(Array.from(store.match(zeppelin)), [5, 7]);
  assertSameAsFts5(store, 'after an edit elsewhere');

  // Deletions, including the highest id, whose number SQLite then gives again.
  const top = other.prepare('SELECT max(id) FROM articles').pluck().get() as number;
  other.prepare('DELETE FROM articles WHERE id IN (3, ?)').run(top);
  store.indexNew();
  assertSameAsFts5(store, 'after deletions');
  const reused = add(store, { ...article(rnd, 2000), text: 'Zeppelin talks resumed.' });
  assert.equal(reused, top, 'the id is reused');
  assert.deepEqual(Array.from(store.match(zeppelin)), [5, 7, top]);
  assertSameAsFts5(store, 'after an id was reused');

  store.optimizeIndex();
  assert.equal(segments(), 1);
  assertSameAsFts5(store, 'optimized');
  store.close();
  other.close();
  // Reopened: nothing to rebuild, same answers.
  store = openSqliteStore(path);
  assertSameAsFts5(store, 'reopened');
  store.close();
});

test('a workspace indexed before the postings existed gets them when opened', () => {
  const dir = tempDir();
  const path = join(dir, 'old.db');
  const rnd = random(11);
  const store = openSqliteStore(path);
  addBatch(store, Array.from({ length: 30 }, (_, i) => article(rnd, i + 1)));
  // As a workspace of schema 6 would be: FTS5 full, no postings.
  const other = new Database(path);
  other.exec('DELETE FROM search_postings; DELETE FROM search_segments;');
  other.close();
  assert.equal(store.fullText.usesPostings(parseQuery('oil').text!), false, 'not indexed: FTS5 answers');
  store.close();
  const again = openSqliteStore(path);
  assertSameAsFts5(again, 'rebuilt at open');
  again.close();
});
