/**
 * Entity and event facets come from columns kept in the workspace
 * (src/store/facet-columns.ts): they must count what the tables hold, right
 * after a rebuild, while new articles wait for the next one, and after
 * corrections; and a reader's counts follow another connection's writes.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { linkMentions } from '../../src/link/resolve.js';
import { analyse, knowledgeOf } from '../../src/nlp/annotate.js';
import { buildDoc } from '../../src/nlp/doc.js';
import { search } from '../../src/query/search.js';
import { select } from '../../src/query/select.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { countTop, type IdColumn } from '../../src/store/facet-columns.js';
import { rng } from '../../src/random.js';
import { markedArticle, tempDir } from '../helpers.js';

let n = 0;
function add(store: SqliteStore, s: string): void {
  const { article: a, raw } = markedArticle(++n, s, { externalId: `f${n}`, outlet: 'Wire', published: '2022-01-10' });
  linkMentions(a.text, a.mentions);
  const { tokens, sentences } = analyse(a.text, a.sections);
  assert.equal(store.addArticle({ article: { ...a, ...knowledgeOf(buildDoc(a.text, tokens, sentences, a.sections, a.mentions, []), '2022-01-10') }, raw }).status, 'added');
}

/** What the tables say: articles per entity and per event root among the ids, by SQL, as the facets counted before. */
function truth(path: string, ids: Int32Array) {
  const db = new Database(path, { readonly: true });
  try {
    const within = JSON.stringify(Array.from(ids));
    const entities = db
      .prepare(`SELECT e.name AS name, count(DISTINCT m.article_id) AS count FROM mentions m JOIN entity_keys k ON k.key = m.entity_id JOIN entities e ON e.id = k.entity_id
        WHERE m.article_id IN (SELECT value FROM json_each(?)) GROUP BY e.id`)
      .all(within) as Array<{ name: string; count: number }>;
    const roots = db.prepare(`SELECT root, count(DISTINCT article_id) AS count FROM events WHERE mood = 'asserted' AND article_id IN (SELECT value FROM json_each(?)) GROUP BY root`).all(within) as Array<{ root: string; count: number }>;
    return { entities: Object.fromEntries(entities.map((e) => [e.name, e.count])), roots: Object.fromEntries(roots.map((r) => [r.root, r.count])) };
  } finally {
    db.close();
  }
}

function withDb<T>(path: string, use: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function facets(store: SqliteStore, q: string) {
  const r = search(store, q, { facets: ['entity', 'event'], facetLimit: 100 });
  return { entities: Object.fromEntries(r.facets.entity!.map((v) => [v.value, v.count])), roots: Object.fromEntries(r.facets.event!.map((v) => [v.value, v.count])) };
}

test('entity and event facets count what the tables hold: after a rebuild, before the next one, after a merge, and from another connection', () => {
  const path = join(tempDir(), 'w.db');
  const store = openSqliteStore(path);
  add(store, 'Police in [[Almaty|LOC]] arrested [[Karim Massimov|PER]]. [[Joe Biden|PER]] warned [[Russia|LOC]].');
  add(store, '[[Joe Biden|PER]] criticised [[Russia|LOC]]. Protesters attacked a police station in [[Almaty|LOC]].');
  add(store, '[[Vladimir Putin|PER]] met [[Kassym-Jomart Tokayev|PER]] in [[Moscow|LOC]].');
  store.rebuildEntities();
  const check = (q: string) => assert.deepEqual(facets(store, q), truth(path, select(store, q).ids), q);
  for (const q of ['', 'Almaty', 'Biden OR Putin']) check(q);
  assert.equal(facets(store, '').entities['Joe Biden'], 2);
  assert.ok(Object.keys(facets(store, '').roots).length > 0, 'the articles report events');

  // Written but not yet regrouped: the stored columns are not current, so the counts come from the tables.
  add(store, '[[Joe Biden|PER]] spoke to [[Vladimir Putin|PER]] after police arrested protesters in [[Almaty|LOC]].');
  check('');
  store.rebuildEntities();
  check('');
  assert.equal(facets(store, '').entities['Joe Biden'], 3);

  // A correction regroups, and the facet follows.
  store.editEntity({ action: 'merge', target: 'Vladimir Putin', value: 'Kassym-Jomart Tokayev' });
  check('');
  assert.equal(facets(store, '').entities['Kassym-Jomart Tokayev'], undefined);

  // A long-lived reader sees another connection's writes.
  const reader = openSqliteStore(path, { readonly: true });
  const before = facets(reader, '').entities['Joe Biden'];
  add(store, '[[Joe Biden|PER]] returned.');
  store.rebuildEntities();
  assert.equal(facets(reader, '').entities['Joe Biden'], before! + 1);
  reader.close();
  store.close();
});

test('the article columns grow by the articles added, are read whole again after a rewrite, and are stored with each entity rebuild; every way they match a read of the rows', async () => {
  const dir = tempDir();
  const path = join(dir, 'c.db');
  const store = openSqliteStore(path);
  const reader = openSqliteStore(path, { readonly: true });
  let copies = 0;
  /** A new connection's columns: from the stored ones when they hold, else the rows. */
  const fresh = (doctor?: (db: Database.Database) => void) => {
    const copy = join(dir, `copy${++copies}.db`);
    withDb(path, (db) => db.exec(`VACUUM INTO '${copy}'`));
    if (doctor) {
      const db = new Database(copy);
      doctor(db);
      db.close();
    }
    const other = openSqliteStore(copy, { readonly: true });
    try {
      return other.columns();
    } finally {
      other.close();
    }
  };
  const fromRows = () => fresh((db) => db.exec('DELETE FROM article_columns'));
  const plain = (c: ReturnType<typeof fresh>) => ({ ...c, authors: { ...c.authors }, categories: { ...c.categories } });
  const same = (what: string) => {
    const rows = plain(fromRows());
    assert.deepEqual(plain(reader.columns()), rows, `${what}: the reader's`);
    assert.deepEqual(plain(fresh()), rows, `${what}: a new connection's`);
  };
  const stored = () => withDb(path, (db) => db.prepare('SELECT count(*) FROM article_columns').pluck().get() as number);
  add(store, '[[Joe Biden|PER]] spoke in [[Almaty|LOC]].');
  same('first read');
  assert.equal(stored(), 0);
  store.rebuildEntities();
  assert.ok(stored() > 0, 'the rebuild stored them');
  same('after the rebuild');
  // A new connection reads the stored columns, not the rows: a doctored copy shows the doctored outlet.
  const doctored = fresh((db) => db.prepare("UPDATE article_columns SET data = ? WHERE name = 'outlet'").run(Buffer.from(new Int32Array([-1, -1]).buffer)));
  assert.equal(doctored.outlet[1], -1);
  const before = reader.columns();
  const { article, raw } = markedArticle(++n, 'Late news from [[Astana|LOC]].', { externalId: `f${n}`, outlet: 'Herald', published: '2022-02-01', authors: [{ name: 'A. Writer' }], categories: ['world'] });
  store.addArticle({ article, raw });
  const after = reader.columns();
  assert.notEqual(after, before);
  assert.equal(after.maxId, before.maxId + 1);
  assert.equal(after.outlets[after.outlet[after.maxId]!], 'Herald');
  assert.deepEqual(Array.from(after.authors.values.subarray(after.authors.start[after.maxId]!, after.authors.start[after.maxId + 1]!), (c) => after.authors.names[c]), ['A. Writer']);
  same('grown by one past the stored columns');
  // A rewrite of a stored article (reprocess) changes what the columns hold for it; the stored ones no longer hold.
  const first = store.getArticle('1')!;
  store.replaceArticles([{ id: 1, article: { ...first, outlet: 'Renamed Outlet' } }]);
  assert.equal(reader.columns().outlets[reader.columns().outlet[1]!], 'Renamed Outlet');
  assert.equal(fresh().outlets[fresh().outlet[1]!], 'Renamed Outlet');
  same('after a rewrite');
  store.rebuildEntities();
  same('stored again after the rewrite');
  reader.close();
  store.close();
});

test('the top values of a Zipfian column are those of a count of every value, for narrow and broad selections and long lists', () => {
  // 4,000 articles with up to 30 distinct values each out of 20,000, drawn Zipf-like, as entity
  // mentions are: beyond the head that countTop counts first (its 2,048 most frequent values).
  const rand = rng(17);
  const articles = 4000;
  const start = new Int32Array(articles + 1);
  const values: number[] = [];
  for (let id = 0; id < articles; id++) {
    const own = new Set<number>();
    const k = Math.floor(rand() * 30);
    for (let i = 0; i < k; i++) own.add(Math.floor(20000 ** rand()) - 1);
    values.push(...own);
    start[id + 1] = values.length;
  }
  const col: IdColumn = { start, values: Int32Array.from(values), size: 20000 };
  const byValue = (a: number, b: number) => a - b;
  for (const size of [5, 60, 700, 1900, 2100, 3990]) {
    const chosen = new Set<number>();
    while (chosen.size < size) chosen.add(Math.floor(rand() * articles));
    const ids = Int32Array.from([...chosen].sort((a, b) => a - b));
    const counts = new Map<number, number>();
    for (const id of ids) for (let j = start[id]!; j < start[id + 1]!; j++) counts.set(values[j]!, (counts.get(values[j]!) ?? 0) + 1);
    const everyValue = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([value, count]) => ({ value, count }));
    for (const limit of [1, 10, 100, 2500]) assert.deepEqual(countTop(col, ids, limit, byValue), everyValue.slice(0, limit), `${size} articles, top ${limit}`);
  }
});
