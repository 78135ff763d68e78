import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildArticle } from '../../src/clean/article.js';
import type { RawArticle } from '../../src/model.js';
import { parseQuery, QueryError, toFts } from '../../src/query/language.js';
import { search } from '../../src/query/search.js';
import { select } from '../../src/query/select.js';
import { snippetOf } from '../../src/query/snippet.js';
import { fold, patternOf, scanWords } from '../../src/query/words.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { rng } from '../../src/random.js';
import { runCli, runJson, tempDir } from '../helpers.js';

/** A small invented corpus whose answers are known by construction. */
const CORPUS: Array<Partial<RawArticle> & { text: string }> = [
  { title: 'Protests spread in Almaty', text: 'Protesters gathered in Almaty on Tuesday. The government resigned after fuel prices doubled.', outlet: 'Daily Wire Service', published: '2022-01-04', authors: [{ name: 'Ana Petrova' }], categories: ['World'], language: 'en' },
  { title: 'Peacekeepers arrive', text: 'The Collective Security Treaty Organization sent peacekeepers. Officials said the mission would be short.', outlet: 'Daily Wire Service', published: '2022-01-07', authors: [{ name: 'Ana Petrova' }], categories: ['World', 'Security'], language: 'en' },
  { title: 'Markets calm after unrest', text: 'Oil markets stayed calm. Traders said prices of crude barely moved despite the protests.', outlet: 'Market Weekly', published: '2022-01-10', authors: [{ name: 'John Smith' }], categories: ['Business'], language: 'en' },
  { title: 'A quiet February', text: 'Nothing much happened in February. The capital was calm and the markets were open.', outlet: 'Market Weekly', published: '2022-02-15', categories: ['Business'], language: 'en' },
  { title: 'Élections à Paris', text: 'Les électeurs parisiens ont voté dimanche. Le gouvernement a salué la participation.', outlet: 'Le Quotidien', published: '2022-02-20', language: 'fr' },
  { title: 'Undated note', text: 'A note without a date mentions the government once.', outlet: 'Blog', language: 'en' },
];

const dir = tempDir();
const db = join(dir, 'w.db');
let store: SqliteStore;

before(() => {
  store = openSqliteStore(db);
  CORPUS.forEach((c, i) => {
    const raw: RawArticle = { ref: { source: 'fixture.jsonl', locator: `line ${i + 1}`, format: 'jsonl' }, externalId: `a${i + 1}`, ...c };
    store.addArticle({ article: buildArticle(raw), raw });
  });
});

const ids = (q: string) => Array.from(select(store, q).ids);

test('terms, phrases, prefixes and boolean logic', () => {
  assert.deepEqual(ids('government'), [1, 6]);
  assert.deepEqual(ids('calm markets'), [3, 4]);
  assert.deepEqual(ids('"calm markets"'), []);
  assert.deepEqual(ids('"oil markets stayed calm"'), [3]);
  assert.deepEqual(ids('protest*'), [1, 3]);
  assert.deepEqual(ids('government OR peacekeepers'), [1, 2, 6]);
  assert.deepEqual(ids('government -resigned'), [6]);
  assert.deepEqual(ids('government AND NOT resigned'), [6]);
  assert.deepEqual(ids('(oil OR fuel) AND prices'), [1, 3]);
  assert.deepEqual(ids('gouvernement'), [5]);
  assert.deepEqual(ids('electeurs'), [5], 'diacritics folded');
});

test('field filters and date ranges', () => {
  assert.deepEqual(ids('outlet:"market weekly"'), [3, 4]);
  assert.deepEqual(ids('author:petrova'), [1, 2]);
  assert.deepEqual(ids('category:security'), [2]);
  assert.deepEqual(ids('lang:fr'), [5]);
  assert.deepEqual(ids('title:calm'), [3]);
  assert.deepEqual(ids('calm'), [3, 4]);
  assert.deepEqual(ids('title:(protests OR peacekeepers)'), [1, 2]);
  assert.deepEqual(ids('after:2022-02-01'), [4, 5]);
  assert.deepEqual(ids('before:2022-01-07'), [1]);
  assert.deepEqual(ids('after:2022-01-05 before:2022-02'), [2, 3]);
  assert.deepEqual(ids('calm after:2022-02'), [4]);
  assert.deepEqual(ids(''), [1, 2, 3, 4, 5, 6]);
});

test('malformed queries are located, never SQL errors', () => {
  const cases: Array<[string, RegExp, number]> = [
    ['(oil OR gas', /never closed/, 0],
    ['oil)', /no "\(" to close/, 3],
    ['"fuel prices', /quote is never closed/, 0],
    ['oil AND', /AND needs a term on its right/, 7],
    ['OR gas', /OR needs a term on its left/, 0],
    ['-oil', /at least one term that is not negated/, 0],
    ['publisher:reuters', /unknown field "publisher:"/, 0],
    ['after:2022-13-01', /not a date/, 6],
    ['after:2022-02 before:2022-01', /not later than/, 14],
    ['(entity:CSTO OR oil)', /applies to the whole query/, 1],
    ['title:', /needs a value/, 6],
  ];
  for (const [q, message, position] of cases) {
    assert.throws(
      () => parseQuery(q),
      (e: unknown) => e instanceof QueryError && message.test(e.message) && e.position === position,
      `query ${JSON.stringify(q)}`,
    );
  }
  // FTS5 syntax typed by a user is only words to us.
  for (const q of ['NEAR(oil prices)', 'body:oil', '^oil', 'oil + prices', "o'il", 'a:b:c', '{title}: x', '"" OR x']) {
    try {
      select(store, q);
    } catch (e) {
      assert.ok(e instanceof QueryError, `${q}: ${(e as Error).message}`);
    }
  }
  assert.equal(toFts(parseQuery('oil "crude prices" protest*').text!), '("oil" AND "crude prices" AND "protest" *)');
});

test('ranked hits with snippets, sort orders, pagination and facets', () => {
  const r = search(store, 'calm');
  assert.equal(r.total, 2);
  assert.equal(r.hits[0]!.id, 3, 'a title hit ranks first');
  assert.ok(r.hits[0]!.score! > r.hits[1]!.score!);
  const h = r.hits[0]!;
  assert.ok(h.highlights.length >= 1);
  for (const [s, e] of h.highlights) assert.equal(h.snippet.slice(s, e).toLowerCase(), 'calm');
  assert.deepEqual(search(store, 'government OR calm', { sort: 'newest' }).hits.map((x) => x.id), [4, 3, 1, 6]);
  assert.deepEqual(search(store, 'government OR calm', { sort: 'oldest' }).hits.map((x) => x.id), [1, 3, 4, 6]);
  assert.deepEqual(search(store, '', { limit: 2, offset: 2 }).hits.map((x) => x.id), [3, 2], 'newest first, second page');
  const f = search(store, '').facets;
  assert.deepEqual(f.outlet?.slice(0, 2), [
    { value: 'Daily Wire Service', count: 2 },
    { value: 'Market Weekly', count: 2 },
  ]);
  assert.deepEqual(f.author?.[0], { value: 'Ana Petrova', count: 2 });
  assert.deepEqual(f.category, [
    { value: 'Business', count: 2 },
    { value: 'World', count: 2 },
    { value: 'Security', count: 1 },
  ]);
  assert.deepEqual(f.month, [
    { value: '2022-01', count: 3 },
    { value: '2022-02', count: 2 },
  ]);
  assert.deepEqual(f.language, [
    { value: 'en', count: 5 },
    { value: 'fr', count: 1 },
  ]);
  const filtered = search(store, 'government OR calm after:2022-01-05');
  assert.deepEqual(filtered.hits.map((x) => x.id).sort(), [3, 4], 'ranking honours date filters');
});

test('the index follows updates and deletions', () => {
  const path = join(dir, 'u.db');
  const s = openSqliteStore(path);
  const raw: RawArticle = { ref: { source: 'x.txt', format: 'text' }, title: 'Old title', text: 'An article about wheat harvests.' };
  const added = s.addArticle({ article: buildArticle(raw), raw });
  assert.equal(added.status, 'added');
  const id = added.status === 'added' ? added.id : 0;
  assert.deepEqual(Array.from(select(s, 'wheat').ids), [id]);
  const changed = buildArticle({ ...raw, text: 'An article about barley harvests.' });
  s.replaceArticles([{ id, article: changed }]);
  assert.deepEqual(Array.from(select(s, 'wheat').ids), []);
  assert.deepEqual(Array.from(select(s, 'barley').ids), [id]);
  s.close();
  const d = new Database(path);
  d.prepare('DELETE FROM articles WHERE id = ?').run(id);
  assert.equal(d.prepare(`SELECT count(*) FROM search WHERE search MATCH 'barley'`).pluck().get(), 0);
  d.close();
});

test('a workspace from before search is indexed when opened', () => {
  const path = join(dir, 'old.db');
  const d = new Database(path);
  MIGRATIONS.slice(0, 3).forEach((m) => d.exec(m));
  d.pragma('user_version = 3');
  d.prepare(
    `INSERT INTO articles (hash, source, format, title, text, authors, categories, pipeline_version, ingested_at, processed_at)
     VALUES ('h1', 'old.txt', 'text', 'Stored before', 'Sunflower exports fell.', '[{"name":"Kim Lee"}]', '["Farming"]', 2, 'x', 'x')`,
  ).run();
  d.close();
  const s = openSqliteStore(path);
  assert.equal(s.countArticles(), 1, 'nothing stored is lost');
  assert.deepEqual(Array.from(select(s, 'sunflower author:lee category:farming').ids), [1]);
  s.close();
  // A row written by another tool (or a run that stopped before indexing) is indexed when the workspace opens.
  const other = new Database(path);
  other
    .prepare(`INSERT INTO articles (hash, source, format, title, text, pipeline_version, ingested_at, processed_at) VALUES ('h2', 'x.txt', 'text', 'Later', 'Barley imports rose.', 2, 'x', 'x')`)
    .run();
  other.close();
  const again = openSqliteStore(path);
  assert.deepEqual(Array.from(select(again, 'barley').ids), [2]);
  again.close();
});

test('articles added in a batch are searchable once it commits', () => {
  const s = openSqliteStore(join(dir, 'batch.db'));
  s.addArticles(
    [1, 2, 3].map((n) => {
      const raw: RawArticle = { ref: { source: 'b.jsonl', locator: `line ${n}`, format: 'jsonl' }, title: `Oats ${n}`, text: `Report ${n} on oats.` };
      return { article: buildArticle(raw), raw };
    }),
  );
  assert.deepEqual(Array.from(select(s, 'oats').ids), [1, 2, 3]);
  const raw: RawArticle = { ref: { source: 'one.txt', format: 'text' }, title: 'Rye', text: 'A single report on rye.' };
  s.addArticle({ article: buildArticle(raw), raw });
  assert.deepEqual(Array.from(select(s, 'rye').ids), [4], 'one article alone, at once');
  s.close();
});

test('CLI: search --json, text output, and a located query error', () => {
  const r = runJson<{ total: number; hits: Array<{ id: number }>; facets: Record<string, unknown> }>(['search', 'government', '--db', db]);
  assert.equal(r.status, 0);
  assert.equal(r.value.total, 2);
  assert.deepEqual(Object.keys(r.value.facets), ['outlet', 'author', 'category', 'month', 'language', 'entity', 'event', 'frame']);
  const text = runCli(['search', 'calm', '--db', db, '--facets', 'outlet']);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /2 articles/);
  assert.match(text.stdout, /\[calm\]/i);
  assert.match(text.stdout, /outlet:\n\s+Market Weekly\s+2/);
  const bad = runCli(['search', 'oil AND (gas', '--db', db]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /bad query: this "\(" is never closed \(at character 9\)\n {2}oil AND \(gas\n {10}\^/);
  assert.doesNotMatch(bad.stderr, /SQLITE|fts5/i);
  const facet = runCli(['search', 'x', '--db', db, '--facets', 'outlet,colour']);
  assert.match(facet.stderr, /--facets: unknown "colour"/);
  writeFileSync(join(dir, 'unused'), '');
  const optimized = runJson<{ optimized: boolean }>(['optimize', '--db', db]);
  assert.equal(optimized.status, 0);
  assert.equal(optimized.value.optimized, true);
  assert.equal(runJson<{ total: number }>(['search', 'government', '--db', db]).value.total, 2, 'the same answers after the merge');
});

test('snippets: the densest passage, punctuation kept, phrases and prefixes marked whole', () => {
  const text = 'Opening words here. ' + 'Filler words. '.repeat(30) + 'The Prime Minister said economic growth and the economy, both, slowed.\n\nMore filler after.';
  const s = snippetOf(text, [patternOf('"prime minister"'), patternOf('econom*')], 14);
  assert.ok(s.text.startsWith('… '), s.text);
  assert.ok(s.text.includes('growth and the economy, both, slowed'), s.text);
  assert.deepEqual(s.highlights.map(([a, b]) => s.text.slice(a, b)), ['Prime Minister', 'economic', 'economy']);
  const lead = snippetOf(text, [patternOf('absent')], 3);
  assert.deepEqual(lead, { text: 'Opening words here …', highlights: [] }, 'no match in the text: its opening words');
});

test('search words of a long text read a piece at a time are those of the text lower-cased at once', () => {
  // Texts longer than a piece, some with no white space for thousands of characters; letters that
  // lower-case longer (İ), astral letters (𝐀), marks, Greek capitals, digits and punctuation.
  const vocab = ['Oil', 'İstanbul', 'Café', 'naïve', 'ΟΔΟΣ', 'Zürich', '𝐀lpha', '2022', 'U.S.', 'it’s', '—', '“Quoted”', 'x'.repeat(700), 'filler'];
  const seps = [' ', '\n\n', ', ', '\t', ' — '];
  const random = rng(5);
  // What eachWord promises: the words of the text lower-cased at once (so a sigma's case follows its context,
  // as in ΟΔΟΣ.ΟΔΟΣ), accents taken off; each word folded alone when some letter lower-cases longer.
  const reference = (text: string) => {
    const lower = text.toLowerCase();
    const src = lower.length === text.length ? lower : text;
    return Array.from(src.matchAll(/[\p{L}\p{N}\p{M}]+/gu), (m) => ({ w: fold(m[0]), start: m.index, end: m.index + m[0].length }));
  };
  for (let n = 0; n < 200; n++) {
    const parts: string[] = [];
    const glue = random() < 0.2; // words joined by punctuation alone: one long run without white space
    for (let i = 0, length = Math.floor(random() * 3000); i < length; i++) parts.push(vocab[Math.floor(random() * vocab.length)]!, glue ? '.' : seps[Math.floor(random() * seps.length)]!);
    const text = parts.join('');
    assert.deepEqual(scanWords(text), reference(text));
  }
});

test('snippets read from near the first possible match are those read from the start', () => {
  // Words chosen to trip the shortcut: substrings of a term (turmoil, soil), a word that folds to one
  // (Öil), curly quotes, a Cyrillic pattern, long runs of filler so matches fall far from the start.
  const vocab = ['oil', 'Oil', 'turmoil', 'soil', 'Öil', 'prime', 'Minister', 'minister', 'economy', 'economic', 'the', 'said', '“quoted”', 'it’s', 'нефть', 'Нефть', 'a', 'of', '—', '2022', 'filler'];
  const patterns = [[patternOf('oil')], [patternOf('"prime minister"')], [patternOf('econom*')], [patternOf('нефть')], [patternOf('oil'), patternOf('"prime minister"')]];
  const random = rng(17);
  for (let n = 0; n < 1500; n++) {
    const words: string[] = [];
    const length = Math.floor(random() * 400);
    const filler = random() < 0.5;
    for (let i = 0; i < length; i++) words.push(filler && random() < 0.8 ? 'filler' : vocab[Math.floor(random() * vocab.length)]!);
    const text = words.join(random() < 0.3 ? ',  ' : ' ');
    for (const p of patterns) {
      const size = 3 + (n % 20);
      assert.deepEqual(snippetOf(text, p, size), snippetOf(text, p, size, false), `${JSON.stringify(p)} in ${JSON.stringify(text.slice(0, 200))}`);
    }
  }
  const deep = `${'Opening filler words. '.repeat(400)}Oil prices rose.`;
  const s = snippetOf(deep, [patternOf('oil')], 6);
  assert.equal(s.text, '… Opening filler words. Oil prices rose');
  assert.deepEqual(s.highlights.map(([a, b]) => s.text.slice(a, b)), ['Oil']);
  // Long words: reading starts exactly three words before the match, which opens the window yet is not the text's start.
  const long = `Opening ${`${'y'.repeat(45)} `.repeat(10)}Oil prices rose.`;
  const l = snippetOf(long, [patternOf('oil')], 6);
  assert.equal(l.text, `… ${`${'y'.repeat(45)} `.repeat(3)}Oil prices rose`);
  assert.deepEqual(l, snippetOf(long, [patternOf('oil')], 6, false));
});

test('collapse folds the near-duplicates of a page into the first of them, naming the copies', () => {
  const copies = openSqliteStore(join(dir, 'copies.db'));
  const wire =
    'Security forces cleared the main square of the city on Thursday after a week of protests over fuel prices, officials said. ' +
    'The interior ministry said order had been restored and that the curfew would stay in place until the weekend, when markets are due to reopen. ' +
    'Residents described long queues outside bakeries and banks as the city slowly returned to work.';
  const texts = [
    { outlet: 'Wire One', text: wire },
    { outlet: 'Paper Two', text: `${wire} Reporting by staff.` },
    { outlet: 'Weekly Three', text: 'A different story altogether: the square was quiet, and fuel prices were the talk of a calm market in another country.' },
  ];
  texts.forEach((t, i) => {
    const raw: RawArticle = { ref: { source: 'copies.jsonl', locator: `line ${i + 1}`, format: 'jsonl' }, title: `Square ${i + 1}`, published: `2022-01-0${i + 1}`, language: 'en', ...t };
    copies.addArticle({ article: buildArticle(raw), raw });
  });
  const plain = search(copies, 'square', { sort: 'oldest' });
  assert.equal(plain.hits.length, 3);
  assert.ok(plain.hits.every((h) => h.duplicates === undefined));
  const folded = search(copies, 'square', { sort: 'oldest', collapse: true });
  assert.equal(folded.total, 3, 'the total still counts every match');
  assert.deepEqual(
    folded.hits.map((h) => [h.outlet, h.duplicates]),
    [
      ['Wire One', [{ id: plain.hits[1]!.id, outlet: 'Paper Two' }]],
      ['Weekly Three', undefined],
    ],
  );
  copies.close();
});
