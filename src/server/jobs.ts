/**
 * Long writes as jobs: an upload's ingest, a fetch, a feed poll. They run
 * one at a time (the workspace has one writer), each reports its progress
 * (read, added, duplicates, failed, bytes), and a client follows them by
 * polling `GET /api/jobs/{id}` or as Server-Sent Events. The last finished
 * jobs are kept for their summaries.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { IngestProgress, IngestSummary } from '../pipeline.js';
import { describeProblem } from '../pipeline.js';

export type JobKind = 'ingest' | 'fetch' | 'poll';
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: JobKind;
  /** What it works on: the uploaded files' names, the URL, the feed. */
  label: string;
  state: JobState;
  created: string;
  started?: string;
  finished?: string;
  progress: IngestProgress;
  /** When done: what was stored and what failed, each failure with its file and place. */
  summary?: { read: number; added: number; duplicates: number; failed: number; seconds: number; failures: string[]; warnings: string[] };
  /** When failed: why, in a sentence. */
  error?: string;
}

/** Finished jobs kept for their summaries. */
const KEEP_FINISHED = 100;

/** A job's work: it reports progress, and stops at a safe point (what is in hand stored) when `signal` aborts. */
export type JobRun = (onProgress: (p: IngestProgress) => void, signal: AbortSignal) => Promise<IngestSummary>;

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private readonly events = new EventEmitter();
  private chain: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();

  constructor() {
    // One listener per open event stream.
    this.events.setMaxListeners(0);
  }

  /** Queues a job; it starts once the jobs before it are done. `cleanup` runs after it whatever happens. */
  submit(kind: JobKind, label: string, run: JobRun, cleanup?: () => Promise<void>): Job {
    const job: Job = { id: randomUUID(), kind, label, state: 'queued', created: new Date().toISOString(), progress: { read: 0, added: 0, duplicates: 0, failed: 0, bytes: 0 } };
    this.jobs.set(job.id, job);
    this.chain = this.chain.then(async () => {
      job.state = 'running';
      job.started = new Date().toISOString();
      this.emit(job);
      try {
        if (this.stopping.signal.aborted) throw new Error('the server stopped before the job began');
        const s = await run((p) => {
          job.progress = { read: p.read, added: p.added, duplicates: p.duplicates, failed: p.failed, bytes: p.bytes, ...(p.totalBytes !== undefined ? { totalBytes: p.totalBytes } : {}) };
          this.emit(job);
        }, this.stopping.signal);
        job.progress = { read: s.read, added: s.added, duplicates: s.duplicates, failed: s.failed, bytes: s.bytes };
        job.summary = { read: s.read, added: s.added, duplicates: s.duplicates, failed: s.failed, seconds: s.seconds, failures: s.failures.map(describeProblem), warnings: s.warnings.map(describeProblem) };
        job.state = 'done';
      } catch (err) {
        job.state = 'failed';
        job.error = err instanceof Error ? err.message : String(err);
      } finally {
        job.finished = new Date().toISOString();
        await cleanup?.().catch(() => undefined);
        this.emit(job);
        this.forgetOld();
      }
    });
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Newest first. */
  all(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  /** Calls `listener` on every change of the job until it is finished; returns the unsubscribe. */
  follow(id: string, listener: (job: Job) => void): () => void {
    const on = (job: Job) => job.id === id && listener(job);
    this.events.on('change', on);
    return () => this.events.off('change', on);
  }

  /** Resolves when every queued job has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Asks the running job to stop at a safe point and the queued ones not to start; resolves when they have. */
  stop(): Promise<void> {
    this.stopping.abort();
    return this.chain;
  }

  private emit(job: Job): void {
    this.events.emit('change', job);
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finished);
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }
}
