/**
 * A worker thread of an analysis pool: a read-only connection of its own, one
 * piece of work at a time. A pool of heavy analyses asks for a lower thread
 * priority, so that searches on the other threads keep the cores first; the
 * readers' pool warms its state before the first query comes.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite.js';
import { FACETS, search } from '../query/search.js';
import { WORK, type WorkName } from './analyses.js';
import { errorToMessage, type AnalysisJob, type AnalysisReply } from './analysis-pool.js';

const data = workerData as { db: string; nice: number; warm: boolean };
if (data.nice) lowerPriority(data.nice);

const store = openSqliteStore(data.db, { readonly: true, mustExist: true });
if (data.warm) warm();

const utf8 = new TextEncoder();

parentPort!.on('message', (job: AnalysisJob) => {
  try {
    const result = WORK[job.name as WorkName](store, job.params as never);
    // A document (GraphML) as it is, the rest as JSON, encoded here once: the main thread sends the bytes.
    const body = utf8.encode(typeof result === 'string' ? result : JSON.stringify(result));
    parentPort!.postMessage({ id: job.id, body } satisfies AnalysisReply, [body.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: errorToMessage(err) } satisfies AnalysisReply);
  }
});

/**
 * This thread alone made nicer. Linux schedules threads as tasks and setpriority(2) takes a
 * thread's id, which /proc/thread-self names; elsewhere (or when refused) it runs as is.
 */
function lowerPriority(nice: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, nice);
  } catch {
    // No /proc (not Linux): every thread keeps the process's priority.
  }
}

/**
 * Loads what every search reads (the article columns, the postings' state, the facet columns and
 * the entity facet's head) before the first query: at a million articles that is a second or two
 * a thread, which the first searches after a start would otherwise wait behind.
 */
function warm(): void {
  try {
    // Twice: a facet column's heads are built at its second count.
    for (let i = 0; i < 2; i++) search(store, '', { facets: FACETS, limit: 0 });
    search(store, 'news', { facets: [], limit: 1 });
  } catch {
    // A workspace that cannot be searched says so to the first query that asks.
  }
}
