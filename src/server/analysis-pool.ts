/**
 * Work off the event loop: worker threads (analysis-worker.ts), each with
 * its own read-only connection, working through the pieces handed to it in
 * turn (one at a time, or with `depth`, the next already waiting in the
 * thread), the rest queued. Work whose client has gone leaves the queue. Each piece has a time
 * budget; past it its worker is stopped (a synchronous computation cannot be
 * interrupted otherwise) and a fresh one takes its place, as it does for a
 * running analysis whose client has gone when the pool is told to (heavy
 * analyses: seconds saved; a quick query is let finish, as a fresh worker
 * would first reload the workspace's state).
 */
import { Worker } from 'node:worker_threads';
import { UnknownEntityError } from '../query/knowledge.js';
import { QueryError } from '../query/language.js';
import { ParamError } from '../query/params.js';
import { AmbiguousEntityError } from '../store/entity-lookup.js';
import type { WorkName } from './analyses.js';
import { HttpProblem } from './problems.js';

export interface AnalysisJob {
  id: number;
  name: WorkName;
  params: unknown;
}

/** An answer crosses back as UTF-8 bytes whose buffer is transferred, not copied: the main thread sends them as they are. */
export type AnalysisReply = { id: number; body: Uint8Array } | { id: number; error: ErrorMessage };

/** An error as it crosses threads: enough to raise the same class again (problems.ts maps classes to statuses). */
type ErrorMessage =
  | { kind: 'query'; query: string; position: number; problem: string }
  | { kind: 'param'; param: string; reason: string }
  | { kind: 'unknown-entity'; message: string }
  | { kind: 'ambiguous'; query: string; candidates: AmbiguousEntityError['candidates'] }
  | { kind: 'other'; message: string };

export function errorToMessage(err: unknown): ErrorMessage {
  if (err instanceof QueryError) return { kind: 'query', query: err.query, position: err.position, problem: err.problem };
  if (err instanceof ParamError) return { kind: 'param', param: err.param, reason: err.reason };
  if (err instanceof UnknownEntityError) return { kind: 'unknown-entity', message: err.message };
  if (err instanceof AmbiguousEntityError) return { kind: 'ambiguous', query: err.query, candidates: err.candidates };
  return { kind: 'other', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

function errorFromMessage(m: ErrorMessage): Error {
  if (m.kind === 'query') return new QueryError(m.query, m.position, m.problem);
  if (m.kind === 'param') return new ParamError(m.param, m.reason);
  if (m.kind === 'unknown-entity') return new UnknownEntityError(m.message);
  if (m.kind === 'ambiguous') return new AmbiguousEntityError(m.query, m.candidates);
  return new Error(m.message);
}

interface Pending {
  job: AnalysisJob;
  resolve: (body: Buffer) => void;
  reject: (e: Error) => void;
  signal: AbortSignal | undefined;
}

interface Slot {
  worker: Worker;
  /** Handed to the worker, in the order it runs them; the first is running, and only it has its budget's timer. */
  running: Array<Pending & { timer?: NodeJS.Timeout }>;
}

export interface PoolOptions {
  /** Stop a running piece of work when its client goes (else only queued work is dropped). */
  stopOnAbort?: boolean;
  /** Thread niceness for the workers (Linux; 0: as the process). */
  nice?: number;
  /** Load the workspace's search state in each worker as it starts. */
  warm?: boolean;
  /**
   * Pieces handed to a worker at once (default 1). With 2, a quick query's thread starts the next
   * as soon as it has answered, instead of waiting for a busy event loop to take the answer and
   * hand it more (in a profile under load, with an ingest running beside, that wait was a third
   * of a reader's time).
   */
  depth?: number;
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private next = 0;
  private closed = false;

  constructor(
    private readonly db: string,
    size: number,
    /** Milliseconds an analysis may take, from when a worker starts it. */
    private readonly budgetMs: number,
    private readonly opts: PoolOptions = { stopOnAbort: true },
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(new URL('./analysis-worker.js', import.meta.url), { workerData: { db: this.db, nice: this.opts.nice ?? 0, warm: this.opts.warm ?? false } }),
      running: [],
    };
    slot.worker.on('message', (reply: AnalysisReply) => {
      const p = slot.running[0];
      if (!p || p.job.id !== reply.id) return;
      clearTimeout(p.timer);
      slot.running.shift();
      this.startClock(slot);
      if ('error' in reply) p.reject(errorFromMessage(reply.error));
      else p.resolve(Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
      this.pump();
    });
    slot.worker.on('error', (err) => this.replace(slot, err));
    slot.worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, new Error(`analysis worker stopped (exit code ${code})`));
    });
    return slot;
  }

  /** The budget's timer for the piece the worker now runs. */
  private startClock(slot: Slot): void {
    const head = slot.running[0];
    if (!head || head.timer) return;
    head.timer = setTimeout(
      () => this.replace(slot, new HttpProblem(503, 'Over its time budget', `the query took longer than ${Math.round(this.budgetMs / 1000)} s and was stopped; narrow it`)),
      this.budgetMs,
    );
  }

  /** Stops a slot's worker, fails what it was running, puts what it had not started back in the queue, and a fresh worker in its place. */
  private replace(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const [p, ...waiting] = slot.running.splice(0);
    if (p) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.queue.unshift(...waiting);
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[i] = this.spawn();
    this.pump();
  }

  /** Runs a piece of work; rejects with a 503 problem past the budget, and gives up when `signal` aborts (leaving the queue, or stopping the work when the pool says so). */
  run(name: WorkName, params: unknown, signal?: AbortSignal): Promise<Buffer> {
    if (this.closed) return Promise.reject(new HttpProblem(503, 'Unavailable', 'the server is stopping'));
    return new Promise((resolve, reject) => {
      const pending: Pending = { job: { id: this.next++, name, params }, resolve, reject, signal };
      signal?.addEventListener('abort', () => this.abandon(pending), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  private abandon(p: Pending): void {
    const q = this.queue.indexOf(p);
    if (q >= 0) {
      this.queue.splice(q, 1);
      p.reject(new Error('the client went away'));
      return;
    }
    if (!this.opts.stopOnAbort) return;
    // Only a running piece is stopped (the pools that stop work hand out one at a time).
    const slot = this.slots.find((s) => s.running[0]?.job === p.job);
    if (slot) this.replace(slot, new Error('the client went away'));
  }

  private pump(): void {
    const depth = this.opts.depth ?? 1;
    // Idle workers first, then each a second piece.
    for (let d = 1; d <= depth; d++)
      for (const slot of this.slots) {
        if (slot.running.length >= d || !this.queue.length) continue;
        const p = this.queue.shift()!;
        slot.running.push(p);
        this.startClock(slot);
        slot.worker.postMessage(p.job);
      }
  }

  /** Analyses waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new HttpProblem(503, 'Unavailable', 'the server is stopping'));
    await Promise.all(
      this.slots.map((s) => {
        for (const p of s.running.splice(0)) {
          clearTimeout(p.timer);
          p.reject(new HttpProblem(503, 'Unavailable', 'the server is stopping'));
        }
        return s.worker.terminate();
      }),
    );
  }
}
