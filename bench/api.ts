/**
 * bench/api: the HTTP API under load, beside the same queries in-process.
 *
 * The workspace must be annotated (entities, events, frames: the facets that
 * were left out of earlier search figures). The server runs as `newslens
 * serve` in its own process (one core); autocannon drives it from this one
 * (the other core), on loopback, bounded in time.
 *
 * 1. In-process: each query of the mix run through src/query, p50 per kind.
 * 2. Through the API, at 1, 8 and 32 connections: the mix (search of each
 *    kind with every facet, entity-faceted search, article detail, trends),
 *    every request a URL not asked before (the facet limit varies), so the
 *    answer cache does not serve them; then the same with repeats (cached).
 *    p50/p95/p99 from every response's time, requests/s.
 * 3. Search while a keyness and a network run on the same server.
 * 4. Broad queries from a cold `newslens search --json`: its `ms`, and the
 *    whole command's wall time. `newslens --help` wall time.
 * 5. The server's peak RSS.
 *
 *   npm run bench:api -- --db FILE [--seconds 8]
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { arg } from './corpus.js';
import { search, FACETS } from '../src/query/search.js';
import { trends } from '../src/query/trends.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const db = resolve(arg('--db') ?? 'newslens.db');
const seconds = Number(arg('--seconds') ?? 8);
const CLI = resolve(import.meta.dirname, '../src/cli/main.js');

/** Chosen as typical analyst questions before any timing was seen (as in bench/search). */
const SEARCHES: Record<string, string[]> = {
  term: ['government', 'election', 'sanctions', 'oil', 'protest', 'refugees', 'nuclear', 'said'],
  phrase: ['"prime minister"', '"united nations"', '"white house"', '"human rights"'],
  boolean: ['(russia OR ukraine) AND sanctions', 'trump -obama', '"north korea" OR pyongyang', 'china AND trade'],
  filtered: ['china after:2016-01-01 before:2017-01-01', 'title:election', 'protest after:2019'],
  entity: ['entity:Putin', 'entity:"United Nations" sanctions', 'entity:Trump'],
};

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const r1 = (x: number) => Math.round(x * 10) / 10;

function inProcess(): Record<string, number> {
  const store = openSqliteStore(db, { readonly: true });
  const out: Record<string, number> = {};
  try {
    search(store, 'warm-up', {});
    for (const [kind, qs] of Object.entries(SEARCHES)) {
      const times: number[] = [];
      for (let run = 0; run < 5; run++)
        for (const q of qs) {
          const t = performance.now();
          search(store, q, { facets: FACETS, facetLimit: 10 + run });
          times.push(performance.now() - t);
        }
      out[`search ${kind}`] = r1(pct(times.sort((a, b) => a - b), 50));
    }
    const t: number[] = [];
    for (let run = 0; run < 10; run++) {
      const s = performance.now();
      trends(store, SEARCHES.term![run % 8]!, { interval: 'month' });
      t.push(performance.now() - s);
    }
    out.trends = r1(pct(t.sort((a, b) => a - b), 50));
    const d: number[] = [];
    for (let id = 1; id <= 200; id++) {
      const s = performance.now();
      store.getArticle(String(id));
      d.push(performance.now() - s);
    }
    out['article detail'] = r1(pct(d.sort((a, b) => a - b), 50));
  } finally {
    store.close();
  }
  return out;
}

/**
 * The request mix, shuffled once. `fresh`: every URL distinct (facetLimit 1–200 and a page offset
 * 0–9 vary), so the answer cache does not serve them; else the same few dozen URLs over and over.
 */
function mix(fresh: boolean): string[] {
  const out: string[] = [];
  const variants = fresh ? Array.from({ length: 2000 }, (_, i) => ({ l: (i % 200) + 1, o: Math.floor(i / 200) })) : [{ l: 10, o: 0 }];
  for (const { l, o } of variants) {
    for (const qs of Object.values(SEARCHES)) for (const q of qs) out.push(`/api/search?q=${encodeURIComponent(q)}&facetLimit=${l}&offset=${o}`);
    out.push(`/api/articles/${l + 200 * o}`);
    out.push(`/api/trends?q=${encodeURIComponent(SEARCHES.term![l % 8]!)}&outlets=${Math.min(100, l)}&interval=${['month', 'week', 'day'][o % 3]}`);
  }
  // A fixed shuffle, so each kind is spread over the run.
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Where the next request's path is taken from: one cursor for every run and connection, so no two fresh requests ask the same. */
let cursor = 0;

/** Drives the server with the paths in turn, shared by every connection. */
async function load(base: string, connections: number, paths: string[], secs = seconds) {
  const times: number[] = [];
  let errors = 0;
  const requests: autocannon.Request[] = [{ setupRequest: (req) => ({ ...req, path: paths[cursor++ % paths.length]! }) }];
  // Without a callback autocannon returns its instance, an event emitter that is also the result's promise.
  const inst = autocannon({ url: base, connections, duration: secs, requests, timeout: 60 }) as unknown as EventEmitter & Promise<autocannon.Result>;
  inst.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
    times.push(ms);
    if (status !== 200) errors++;
  });
  const res = await inst;
  times.sort((a, b) => a - b);
  return { connections, requests: times.length, rps: Math.round(times.length / secs), p50: r1(pct(times, 50)), p95: r1(pct(times, 95)), p99: r1(pct(times, 99)), non200: errors + res.non2xx };
}

async function main(): Promise<void> {
  console.log(`bench/api on ${db}; ${cpus().length} cores; ${seconds} s a run`);
  const stats = openSqliteStore(db, { readonly: true });
  const counts = { articles: stats.countArticles(), entities: stats.listEntities({ limit: 1, offset: 0 }).length };
  stats.close();
  console.log(JSON.stringify({ workspace: counts }));
  console.log(JSON.stringify({ inProcessP50ms: inProcess() }));

  const server = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  server.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  for (let i = 0; i < 400 && !/:(\d+)\/api/.test(err); i++) await new Promise((r) => setTimeout(r, 50));
  const port = /:(\d+)\/api/.exec(err)?.[1];
  if (!port) throw new Error(`serve did not start: ${err}`);
  const base = `http://127.0.0.1:${port}`;
  try {
    await load(base, 4, mix(false), 2); // warm-up: columns, postings and facet columns loaded
    for (const connections of [1, 8, 32]) console.log(JSON.stringify({ api: 'mix, each URL new (uncached)', ...(await load(base, connections, mix(true))) }));
    for (const connections of [1, 8, 32]) console.log(JSON.stringify({ api: 'mix, repeated URLs (cached)', ...(await load(base, connections, mix(false))) }));
    // The same search mix while a keyness and a network are asked for over and over on two more connections.
    const heavy = Array.from({ length: 200 }, (_, i) => [`/api/keyness?q=${encodeURIComponent(SEARCHES.term![i % 8]!)}&limit=${(i % 50) + 1}`, `/api/network?q=${encodeURIComponent(SEARCHES.term![i % 8]!)}&maxNodes=${(i % 90) + 10}`]).flat();
    const searches = mix(true).filter((p) => p.startsWith('/api/search'));
    const [s, h] = await Promise.all([load(base, 8, searches), load(base, 2, heavy)]);
    console.log(JSON.stringify({ api: 'search while keyness and network run', search: s, heavy: h }));
  } finally {
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    console.log(JSON.stringify({ serverPeakRssMB: Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024) }));
    server.kill();
  }

  for (const q of ['government', 'said', '"white house"']) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'search', q, '--db', db, '--json'], { encoding: 'utf8' });
    const wall = performance.now() - t;
    console.log(JSON.stringify({ coldCli: q, ms: (JSON.parse(r.stdout) as { ms: number }).ms, wallMs: Math.round(wall) }));
  }
  const h: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    h.push(performance.now() - t);
  }
  console.log(JSON.stringify({ helpWallMs: Math.round(pct(h.sort((a, b) => a - b), 50)) }));
}

await main();

