/**
 * Crash consistency: an annotated ingest killed with SIGKILL at a random
 * moment, then the workspace checked as a user would need it (SQLite and
 * FTS5 integrity, our postings equal to FTS5, each article whole with every
 * layer a clean run gives it, or absent), then the same ingest run again to
 * the end: no duplicates, and the entities of a clean run. Used by the
 * corpus suite (20 runs) and bench/crash.ts (50 and more).
 */
import { rng } from '../src/random.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parseQuery, toFts } from '../src/query/language.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { CLI, ROOT } from './helpers.js';

/** What a clean run stores, to compare a crashed-then-resumed one with. */
export interface Reference {
  articles: number;
  /** Per content hash: sections, mentions, figures, quotes, events. */
  layers: Map<string, string>;
  entities: string[];
}

const LAYERS_SQL = `SELECT a.hash,
  (SELECT count(*) FROM sections WHERE article_id = a.id) || '/' || (SELECT count(*) FROM mentions WHERE article_id = a.id) || '/' ||
  (SELECT count(*) FROM figures WHERE article_id = a.id) || '/' || (SELECT count(*) FROM quotes WHERE article_id = a.id) || '/' ||
  (SELECT count(*) FROM events WHERE article_id = a.id) || '/' || (SELECT count(*) FROM raw WHERE article_id = a.id) AS layers
  FROM articles a`;
const ENTITIES_SQL = `SELECT name || ' ' || type || ' ' || articles || ' ' || mentions FROM entities ORDER BY name, type`;
const QUERIES = ['government', '"white house"', 'sanction*', 'russia OR china', 'trump -putin', 'title:north korea'];

export function ingestArgs(input: string, db: string): string[] {
  return [CLI, 'ingest', input, '--db', db, '--json', '--quiet'];
}

export function reference(input: string, db: string): Reference {
  const r = spawnSync(process.execPath, ingestArgs(input, db), { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`clean run failed: ${r.stderr}`);
  const d = new Database(db, { readonly: true });
  try {
    const layers = new Map((d.prepare(LAYERS_SQL).raw().all() as Array<[string, string]>).map(([h, l]) => [h, l]));
    return { articles: layers.size, layers, entities: d.prepare(ENTITIES_SQL).pluck().all() as string[] };
  } finally {
    d.close();
  }
}

/** Starts the ingest and kills it with SIGKILL after `ms`; resolves once it is gone, with whether it was still running. */
export function killAfter(input: string, db: string, ms: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ingestArgs(input, db), { cwd: ROOT, stdio: 'ignore' });
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(t);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

/** Everything wrong with the workspace after a kill (empty when it is sound). */
export function checkAfterCrash(db: string, ref: Reference): { problems: string[]; stored: number } {
  const problems: string[] = [];
  if (!existsSync(db)) return { problems, stored: 0 };
  const d = new Database(db);
  let stored = 0;
  try {
    const version = d.pragma('user_version', { simple: true }) as number;
    if (version === 0) return { problems, stored: 0 }; // killed before the schema was made: nothing to check
    const integrity = d.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    try {
      d.exec("INSERT INTO search (search) VALUES ('integrity-check')");
    } catch (err) {
      problems.push(`FTS5 integrity-check: ${(err as Error).message}`);
    }
    const layers = d.prepare(LAYERS_SQL).raw().all() as Array<[string, string]>;
    stored = layers.length;
    // Every article stored is one a clean run stores. Its layers are compared after the re-run
    // (resumeAndCompare): an article stored before the run learnt its outlets' furniture is whole
    // but gets that furniture set apart by the next run, as a clean run's first articles do at its end.
    for (const [hash] of layers) if (!ref.layers.has(hash)) problems.push(`article ${hash.slice(0, 8)} is not one a clean run stores`);
  } finally {
    d.close();
  }
  // Our postings, brought up to date as any writer's open does, answer as FTS5 does.
  const store = openSqliteStore(db);
  try {
    for (const q of QUERIES) {
      const text = parseQuery(q).text!;
      if (!store.fullText.usesPostings(text)) {
        problems.push(`postings not current for ${q}`);
        continue;
      }
      const ours = Array.from(store.match(text));
      const fts = Array.from(store.fullText.matchFts(toFts(text)!));
      if (ours.join() !== fts.join()) problems.push(`${q}: postings match ${ours.length}, FTS5 ${fts.length}`);
    }
  } finally {
    store.close();
  }
  return { problems, stored };
}

/** Runs the ingest to its end after a crash; what is then wrong (duplicates, missing articles, entities unlike a clean run's). */
export function resumeAndCompare(input: string, db: string, ref: Reference): string[] {
  const problems: string[] = [];
  const r = spawnSync(process.execPath, ingestArgs(input, db), { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) return [`re-run exited ${r.status}: ${r.stderr.slice(0, 300)}`];
  const d = new Database(db, { readonly: true });
  try {
    const { n, hashes } = d.prepare('SELECT count(*) AS n, count(DISTINCT hash) AS hashes FROM articles').get() as { n: number; hashes: number };
    if (n !== ref.articles) problems.push(`${n} articles after the re-run, a clean run has ${ref.articles}`);
    if (hashes !== n) problems.push(`${n - hashes} duplicates`);
    for (const [hash, l] of d.prepare(LAYERS_SQL).raw().all() as Array<[string, string]>) {
      const want = ref.layers.get(hash);
      if (want !== l) problems.push(`article ${hash.slice(0, 8)} has layers ${l} after the re-run, a clean run ${want ?? 'none'}`);
    }
    const entities = d.prepare(ENTITIES_SQL).pluck().all() as string[];
    if (entities.join('\n') !== ref.entities.join('\n')) {
      const missing = ref.entities.filter((e) => !entities.includes(e));
      problems.push(`entities differ from a clean run's: ${missing.length} missing, e.g. ${missing.slice(0, 3).join('; ')}`);
    }
  } finally {
    d.close();
  }
  return problems;
}

export function removeWorkspace(db: string): void {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
}

/** A small seeded generator, so a run's kill times can be reproduced. */
export const seeded = rng;
