/** A worker thread of the analysis pool: a read-only connection of its own, one analysis at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite.js';
import { ANALYSES, type AnalysisName } from './analyses.js';
import { errorToMessage, type AnalysisJob, type AnalysisReply } from './analysis-pool.js';

const store = openSqliteStore((workerData as { db: string }).db, { readonly: true, mustExist: true });

parentPort!.on('message', (job: AnalysisJob) => {
  let reply: AnalysisReply;
  try {
    const result = (ANALYSES[job.name as AnalysisName] as (s: typeof store, p: unknown) => unknown)(store, job.params);
    // Text crosses to the main thread as is: GraphML stays a document, the rest is JSON once.
    reply = { id: job.id, body: typeof result === 'string' ? result : JSON.stringify(result), text: typeof result === 'string' };
  } catch (err) {
    reply = { id: job.id, error: errorToMessage(err) };
  }
  parentPort!.postMessage(reply);
});
