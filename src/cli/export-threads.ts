/**
 * A large export spread over worker threads (export-worker.ts), each with
 * its own read-only connection: reading an article's parts out of SQLite and
 * writing them as text is nearly all of an export's time, and it divides by
 * article. Pages of articles are handed out in order and their text comes
 * back in any order; it is written in order, with at most a few pages held,
 * so memory stays flat whatever the size of the export.
 */
import { Worker } from 'node:worker_threads';
import { exportChunksOf, exportHeader, exportIds, type ExportFormat, type ExportKind } from '../query/export.js';
import type { Store } from '../store/store.js';

/** Articles a worker writes at a time (small enough that neither thread waits long for the other at the end). */
const PAGE = 100;
/** Below this many articles, starting threads costs more than it saves. */
const MIN_ARTICLES = 2_000;
/** Pages asked for ahead of the one being written, per worker. */
const AHEAD = 2;

export interface ThreadOptions {
  threads: number;
  /** Articles a page (tests make it small to see the order kept). */
  page?: number;
  /** The smallest export spread over threads. */
  minArticles?: number;
}

export interface PageJob {
  page: number;
  ids: Int32Array;
}
export type PageReply = { page: number; bytes: Uint8Array } | { page: number; error: string };

/**
 * The export as chunks of text, like exportChunks, made on `threads` worker
 * threads (one thread, or a small export, is made here). The query is run
 * and checked when this is called, before any thread starts.
 */
export function exportInThreads(store: Store, db: string, what: ExportKind, format: ExportFormat, query: string | undefined, opts: ThreadOptions): AsyncGenerator<string | Uint8Array> | Generator<string> {
  const ids = exportIds(store, query);
  if (opts.threads < 2 || ids.length < (opts.minArticles ?? MIN_ARTICLES)) return exportChunksOf(store, what, format, ids);
  return threaded(db, what, format, ids, opts.threads, opts.page ?? PAGE);
}

async function* threaded(db: string, what: ExportKind, format: ExportFormat, ids: Int32Array, threads: number, pageSize: number): AsyncGenerator<string | Uint8Array> {
  const pages = Math.ceil(ids.length / pageSize);
  const done = new Map<number, Uint8Array>();
  let asked = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let closing = false;
  const idle: Worker[] = [];
  let written = 0;
  const feed = (w: Worker) => {
    if (asked >= pages || asked - written >= AHEAD * threads) return void idle.push(w);
    // A copy of the page's ids: a view would carry the whole array across.
    w.postMessage({ page: asked, ids: ids.slice(asked * pageSize, (asked + 1) * pageSize) } satisfies PageJob);
    asked++;
  };
  const workers = Array.from({ length: threads }, () => {
    const w = new Worker(new URL('./export-worker.js', import.meta.url), { workerData: { db, what, format }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    w.on('message', (m: PageReply) => {
      if ('error' in m) failure ??= new Error(m.error);
      else done.set(m.page, m.bytes);
      feed(w);
      wake?.();
    });
    w.on('error', (err) => {
      failure ??= err;
      wake?.();
    });
    // A thread that stops without an error (killed from outside) must not leave the export waiting for its pages.
    w.on('exit', (code) => {
      if (!closing) failure ??= new Error(`an export thread stopped (exit code ${code})`);
      wake?.();
    });
    return w;
  });
  try {
    for (const w of workers) for (let i = 0; i < AHEAD; i++) feed(w);
    const header = exportHeader(what, format);
    if (header) yield header;
    while (written < pages) {
      while (!done.has(written) && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const bytes = done.get(written)!;
      done.delete(written);
      written++;
      for (const w of idle.splice(0)) feed(w);
      if (bytes.length) yield bytes;
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
