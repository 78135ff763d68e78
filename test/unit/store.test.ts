import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { buildArticle } from '../../src/clean/article.js';
import type { RawArticle } from '../../src/model.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import type { AddOutcome } from '../../src/store/store.js';
import { openSqliteStore, StoreError } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';

const raw = (n: number, extra: Partial<RawArticle> = {}): RawArticle => ({
  ref: { source: 'fixture.jsonl', locator: `line ${n}`, format: 'jsonl' },
  externalId: `ext-${n}`,
  title: `Title ${n}`,
  text: `Body of article ${n}. It has words.\n\nA second paragraph.`,
  published: '2022-01-1' + (n % 10),
  outlet: 'Outlet',
  ...extra,
});

test('a real SQLite file: add, find, list, count, deduplicate', () => {
  const path = join(tempDir(), 'w.db');
  const store = openSqliteStore(path);
  const outcomes = store.addArticles([1, 2, 3].map((n) => ({ article: buildArticle(raw(n)), raw: raw(n) })));
  assert.deepEqual(outcomes.map((o) => o.status), ['added', 'added', 'added']);
  const dup = store.addArticle({ article: buildArticle(raw(2)), raw: raw(2) });
  assert.equal(dup.status, 'duplicate');
  assert.equal(dup.status === 'duplicate' && dup.id, outcomes[1]!.status === 'added' ? outcomes[1]!.id : -1);
  assert.equal(store.countArticles(), 3);

  const a = store.getArticle('2');
  assert.equal(a?.title, 'Title 2');
  assert.equal(store.getArticle('ext-3')?.title, 'Title 3');
  assert.equal(store.getArticle(a!.hash.slice(0, 10))?.id, a!.id);
  assert.equal(store.getArticle('999'), undefined);
  assert.deepEqual(a!.sections.map((s) => s.kind), ['body']);
  assert.deepEqual(store.listArticles({ order: 'published' }).map((r) => r.id), [3, 2, 1]);
  assert.deepEqual(store.listArticles({ limit: 1, offset: 1 }).map((r) => r.id), [2]);
  const stats = store.stats();
  assert.equal(stats.articles, 3);
  assert.equal(stats.firstPublished, '2022-01-11');
  assert.deepEqual(stats.byOutlet, [{ key: 'Outlet', count: 3 }]);
  store.close();

  // Reopening finds everything, and the schema version is recorded.
  const again = openSqliteStore(path);
  assert.equal(again.countArticles(), 3);
  again.close();
  const db = new Database(path);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

test('raw records come back whole for reprocessing, clean or not', () => {
  const store = openSqliteStore(join(tempDir(), 'w.db'));
  const clean = raw(1);
  const messy = raw(2, { text: 'Messy   text\r\nwith Kazakhstanâ€™s mojibake.' });
  for (const r of [clean, messy]) store.addArticle({ article: buildArticle(r), raw: r });
  const page = store.rawPage(0, 10, false);
  assert.deepEqual(page.map((p) => p.raw), [clean, messy]);
  assert.deepEqual(store.rawPage(0, 10, true), [], 'nothing is outdated');

  // Replacing the clean text keeps the raw text that was stored by reference.
  const changed = { ...buildArticle(clean), text: 'A different clean text.' };
  assert.equal(store.replaceArticles([{ id: 1, article: changed }])[0]!.status, 'added');
  assert.equal(store.getArticle('1')!.text, 'A different clean text.');
  assert.deepEqual(store.rawPage(0, 1, false)[0]!.raw, clean);
  store.close();
});

test('a failing article does not take its batch with it', () => {
  const store = openSqliteStore(join(tempDir(), 'w.db'));
  const [ok1, bad, ok2] = store.addArticles([
    { article: buildArticle(raw(1)), raw: raw(1) },
    { article: { ...buildArticle(raw(2)), text: null as unknown as string }, raw: raw(2) },
    { article: buildArticle(raw(3)), raw: raw(3) },
  ]) as [AddOutcome, AddOutcome, AddOutcome];
  assert.equal(ok1.status, 'added');
  assert.equal(bad.status, 'failed');
  assert.equal(ok2.status, 'added');
  assert.equal(store.countArticles(), 2);
  store.close();
});

test('a file that is not a workspace gets a clear error', () => {
  const dir = tempDir();
  const notDb = join(dir, 'notes.txt');
  writeFileSync(notDb, 'these are my notes, not a database\n'.repeat(100));
  assert.throws(() => openSqliteStore(notDb), (e: unknown) => e instanceof StoreError && /notes\.txt/.test(e.message) && /not a database/.test(e.message));
  const newer = join(dir, 'newer.db');
  const db = new Database(newer);
  db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
  db.close();
  assert.throws(() => openSqliteStore(newer), /newer than this newslens/);
  assert.throws(() => openSqliteStore(join(dir, 'missing-dir', 'x.db')), (e: unknown) => e instanceof StoreError && /missing-dir/.test((e as Error).message));
});
