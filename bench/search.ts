/**
 * bench/search: the full-text index and ranked search with facets.
 *
 * 1. Base workspace: the largest JSON Lines corpus under ../shared/data/corpora/
 *    ingested through the real pipeline (annotation off): articles/s with the
 *    index maintained, file and index size.
 * 2. Scaled workspace (default 1,000,000 articles): the base's articles
 *    copied in SQL (and indexed as ingest does, per transaction: FTS5 and
 *    our postings) until the count is reached, each copy varied (paragraphs
 *    rotated to start at a different point, dates moved by 37 days a copy,
 *    own hash), so the index holds 1M distinct documents whose term
 *    statistics are those of real news. Rate of insert + index, then
 *    optimize (FTS5's into one b-tree, the postings into one segment),
 *    timed separately.
 * 3. Latency over a fixed query set (single terms, phrases, prefixes,
 *    boolean, field- and date-filtered), each query run with all facets
 *    (the issue's target case) and without facets; p50/p95/p99 over
 *    every run, after one warm-up pass. Articles columns (doc values) are
 *    loaded once before timing; that load is reported on its own. Per
 *    query, which index answered, and FTS5 alone on it (its MATCH for the
 *    ids and bm25() for the top 20, one run): the side-by-side figure.
 *
 *    With --annotations (and an annotated --base), each copy then gets its
 *    source article's annotations, offsets moved with its rotation, and the
 *    entities are rebuilt (bench/copy-annotations.ts): a kept workspace
 *    without them gets them on the next run.
 *
 *   npm run bench:search [-- --articles N] [--base DB] [--keep DIR] [--runs R] [--annotations]
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyAnnotations, ROTATION_CUT } from './copy-annotations.js';
import { arg, largestJsonl } from './corpus.js';
import { ingest } from '../src/pipeline.js';
import { parseQuery, toFts } from '../src/query/language.js';
import { search, type FacetName } from '../src/query/search.js';
import { indexNew, optimizeIndex } from '../src/store/search-sql.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const target = Number(arg('--articles') ?? 1_000_000);
const runs = Number(arg('--runs') ?? 5);

/** The fixed query set, by kind. Chosen as typical analyst questions before any timing was seen. */
const QUERIES: Record<string, string[]> = {
  term: ['government', 'election', 'sanctions', 'oil', 'protest', 'refugees', 'nuclear', 'kazakhstan', 'brexit', 'bank'],
  phrase: ['"prime minister"', '"united nations"', '"climate change"', '"human rights"', '"white house"'],
  prefix: ['terror*', 'econom*'],
  boolean: ['(russia OR ukraine) AND sanctions', 'trump -obama', '(iran OR iraq) war', 'china AND trade AND tariffs', '"north korea" OR pyongyang'],
  filtered: ['outlet:reuters oil', 'title:election', 'china after:2016-01-01 before:2017-01-01', 'lang:en brexit', 'category:politics vote', 'protest after:2019'],
};
const ALL_FACETS: FacetName[] = ['outlet', 'author', 'category', 'month', 'language', 'entity'];


const fileBytes = (p: string) => [p, `${p}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
const mb = (n: number) => Math.round(n / 1e6);

/** Bytes of FTS5's index and of our postings (src/store/postings.ts). */
function indexBytes(path: string): { fts5MB: number; postingsMB: number } {
  const db = new Database(path, { readonly: true });
  try {
    const size = (where: string) => (db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE ${where}`).pluck().get() as number);
    return {
      fts5MB: mb(size(`name = 'search' OR name IN ('search_data', 'search_idx', 'search_docsize', 'search_config')`)),
      postingsMB: mb(size(`name IN ('search_postings', 'search_postings_term', 'search_segments', 'search_dirty')`)),
    };
  } finally {
    db.close();
  }
}

const dir = arg('--keep') ?? mkdtempSync(join(tmpdir(), 'newslens-search-'));
mkdirSync(dir, { recursive: true });
const report: Record<string, unknown> = { date: new Date().toISOString().slice(0, 10), machine: `${cpus().length} × ${cpus()[0]?.model}, node ${process.version}` };

// 1. Base workspace through the real pipeline.
let basePath = arg('--base');
if (!basePath) {
  basePath = join(dir, 'base.db');
  if (!existsSync(basePath)) {
    const corpus = largestJsonl(resolve(process.cwd(), '../shared/data/corpora'));
    const store = openSqliteStore(basePath);
    const t = performance.now();
    const s = await ingest([corpus], store, { annotate: false });
    const seconds = (performance.now() - t) / 1000;
    store.close();
    report.base = { corpus, articles: s.added, seconds: Math.round(seconds * 10) / 10, articlesPerSecond: Math.round(s.added / seconds), fileMB: mb(fileBytes(basePath)), index: indexBytes(basePath) };
    console.error('base', report.base);
  }
}

// 2. The scaled workspace: copies in SQL, index kept by the triggers.
const bigPath = join(dir, `scaled-${target}.db`);
if (!existsSync(bigPath)) {
  openSqliteStore(bigPath).close(); // schema by the real migrations
  const db = new Database(bigPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`ATTACH DATABASE '${basePath.replace(/'/g, "''")}' AS base`);
  const baseCount = db.prepare('SELECT count(*) FROM base.articles').pluck().get() as number;
  const copies = Math.ceil(target / baseCount);
  const insert = db.prepare(`
    INSERT INTO articles (hash, external_id, source, locator, format, outlet, url, title, published, language, authors, categories,
      author_names, category_names, meta, warnings, text, pipeline_version, ingested_at, processed_at)
    SELECT hash || ':' || @k, external_id, source, locator, format, outlet, url, title,
      CASE WHEN published IS NULL THEN NULL ELSE date(published, printf('+%d days', @k * 37)) END,
      language, authors, categories, author_names, category_names, meta, warnings,
      substr(text, cut) || CASE WHEN cut > 1 THEN char(10) || substr(text, 1, cut - 1) ELSE '' END,
      pipeline_version, ingested_at, processed_at
    FROM (SELECT *, ${ROTATION_CUT} AS cut FROM base.articles ORDER BY id LIMIT @limit)`);
  let n = 0;
  const t = performance.now();
  for (let k = 0; k < copies && n < target; k++) {
    const limit = Math.min(baseCount, target - n);
    // As ingest does: a batch of articles, then the index for the batch (FTS5 and our postings), one transaction.
    db.transaction(() => {
      insert.run({ k, limit });
      indexNew(db);
    })();
    n += limit;
    console.error(`copy ${k + 1}/${copies}: ${n} articles, ${Math.round(n / ((performance.now() - t) / 1000))}/s`);
  }
  const insertSeconds = (performance.now() - t) / 1000;
  const t2 = performance.now();
  optimizeIndex(db);
  const optimizeSeconds = (performance.now() - t2) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  report.scaled = {
    articles: n,
    copiesOfBase: copies,
    insertAndIndexSeconds: Math.round(insertSeconds),
    articlesPerSecond: Math.round(n / insertSeconds),
    optimizeSeconds: Math.round(optimizeSeconds),
    fileMB: mb(fileBytes(bigPath)),
    index: indexBytes(bigPath),
  };
  console.error('scaled', report.scaled);
} else report.scaled = { reused: bigPath, fileMB: mb(fileBytes(bigPath)), index: indexBytes(bigPath) };

if (process.argv.includes('--annotations')) {
  const count = (path: string, sql: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  };
  const copies = Math.ceil(count(bigPath, 'SELECT count(*) FROM articles') / count(basePath, 'SELECT count(*) FROM articles'));
  if (!count(bigPath, 'SELECT EXISTS (SELECT 1 FROM mentions)')) report.annotations = copyAnnotations(bigPath, basePath, copies, (line) => console.error(line));
}

// 3. Latency.
const store = openSqliteStore(bigPath);
const t = performance.now();
store.columns();
report.columnsLoadMs = Math.round(performance.now() - t);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};
const summary = (xs: number[]) => ({ runs: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: Math.round(Math.max(...xs) * 10) / 10 });
/** FTS5 alone for the same query (its MATCH for the ids, its bm25() for the top 20): the alternative the postings replace. */
const fts5Ms = (q: string) => {
  const fts = toFts(parseQuery(q).text!)!;
  const t0 = performance.now();
  store.fullText.matchFts(fts);
  store.fullText.rankFts(fts, 20);
  return performance.now() - t0;
};
const timed = (q: string, facets: FacetName[]) => {
  const t0 = performance.now();
  const r = search(store, q, { facets });
  return { ms: performance.now() - t0, total: r.total };
};
for (const qs of Object.values(QUERIES)) for (const q of qs) timed(q, ALL_FACETS); // warm-up
const withFacets: number[] = [];
const without: number[] = [];
const perQuery: Array<Record<string, unknown>> = [];
for (const [kind, qs] of Object.entries(QUERIES)) {
  for (const q of qs) {
    const a: number[] = [];
    const b: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const r = timed(q, ALL_FACETS);
      a.push(r.ms);
      total = r.total;
      b.push(timed(q, []).ms);
    }
    withFacets.push(...a);
    without.push(...b);
    const engine = store.fullText.usesPostings(parseQuery(q).text!) ? 'postings' : 'fts5';
    perQuery.push({ kind, query: q, matches: total, answeredBy: engine, facetsP50: pct(a, 50), noFacetsP50: pct(b, 50), fts5AloneMs: Math.round(fts5Ms(q) * 10) / 10 });
  }
}
store.close();
report.latencyWithFacets = summary(withFacets);
report.latencyWithoutFacets = summary(without);
report.perQuery = perQuery;
console.log(JSON.stringify(report, null, 2));
if (!arg('--keep')) rmSync(dir, { recursive: true, force: true });
