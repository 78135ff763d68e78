/**
 * Annotation on the other cores: a pool of worker threads, each with its own
 * copy of the tagger (annotate-worker.ts). Annotating is pure CPU work on
 * one article's text and dominates annotated ingest, so it spreads across
 * cores while the main thread reads, cleans and writes to SQLite in order.
 */
import { Worker } from 'node:worker_threads';
import type { Article } from '../model.js';
import type { annotate } from './annotate.js';
import type { AnnotateJob, AnnotateReply } from './annotate-worker.js';

type Result = ReturnType<typeof annotate>;

/** Old-generation heap of each worker, in MB (see spawn). */
const WORKER_HEAP_MB = 128;

interface Slot {
  worker: Worker;
  busy: number;
}

export class AnnotatePool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { job: AnnotateJob; resolve: (r: Result) => void; reject: (e: Error) => void; slot: Slot }>();
  private next = 0;

  constructor(
    size: number,
    private readonly knowledge: boolean,
    /** Old-generation heap of each worker, in MB (tests make it small). */
    private readonly heapMb = WORKER_HEAP_MB,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // A worker's heap is capped so it collects garbage early: left alone, two workers grew to
    // most of a gigabyte on a corpus while they need about 40 MB for the model and one article (measured).
    const worker = new Worker(new URL('./annotate-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: AnnotateReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      slot.busy--;
      if ('error' in reply) w.reject(new Error(reply.error));
      else w.resolve(reply.result);
    });
    worker.on('error', (err) => this.fail(slot, err));
    worker.on('exit', (code) => code !== 0 && this.fail(slot, new Error(`annotate worker stopped (exit code ${code})`)));
    return slot;
  }

  get size(): number {
    return this.slots.length;
  }

  /** The article's annotations, computed by the least busy worker. */
  annotate(article: Pick<Article, 'text' | 'sections' | 'published'>): Promise<Result> {
    if (!this.slots.length) return Promise.reject(new Error('no annotate worker is running'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.next++;
    slot.busy++;
    const job: AnnotateJob = { id, article: { text: article.text, sections: article.sections, published: article.published }, knowledge: this.knowledge };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { job, resolve, reject, slot });
      slot.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /**
   * A worker that dies fails what it held and the pool goes on with the
   * others. One that ran out of memory was stopped by the article it was on
   * (its oldest job: a worker takes its jobs in order): that article fails,
   * a new worker takes its place and the rest of its jobs, so one oversized
   * article costs itself alone.
   */
  private fail(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const held = [...this.waiting].filter(([, w]) => w.slot === slot).sort((a, b) => a[0] - b[0]);
    const outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (!outOfMemory) {
      for (const [id, w] of held) {
        this.waiting.delete(id);
        w.reject(err);
      }
      return;
    }
    const fresh = this.spawn();
    this.slots.push(fresh);
    held.forEach(([id, w], k) => {
      if (k === 0) {
        this.waiting.delete(id);
        w.reject(new Error(`too large to annotate: the annotator ran out of its ${this.heapMb} MB of memory`));
        return;
      }
      w.slot = fresh;
      fresh.busy++;
      fresh.worker.postMessage(w.job);
    });
  }
}
