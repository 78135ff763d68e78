/** A thread of a threaded export (export-threads.ts): a read-only connection of its own, one page of articles at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { entityNamer, exportLines, type ExportFormat, type ExportKind } from '../query/export.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { PageJob, PageReply } from './export-threads.js';

const { db, what, format } = workerData as { db: string; what: ExportKind; format: ExportFormat };
const store = openSqliteStore(db, { readonly: true, mustExist: true });
const name = entityNamer(store);
const encoder = new TextEncoder();

parentPort!.on('message', ({ page, ids }: PageJob) => {
  let reply: PageReply;
  try {
    // Encoded here, on this thread, and handed over without a copy (TextEncoder's bytes own their memory; a small Buffer.from shares a pool).
    const bytes = encoder.encode([...exportLines(store, what, format, ids, name)].join(''));
    parentPort!.postMessage({ page, bytes } satisfies PageReply, [bytes.buffer]);
    return;
  } catch (err) {
    reply = { page, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
