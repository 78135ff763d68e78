/**
 * A worker thread of the annotate pool (annotate-pool.ts): loads the
 * shipped tagger once and annotates the articles it is sent.
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../model.js';
import { annotate, defaultTagger } from './annotate.js';

export interface AnnotateJob {
  id: number;
  article: Pick<Article, 'text' | 'sections' | 'published'>;
  knowledge: boolean;
}

export type AnnotateReply = { id: number; result: ReturnType<typeof annotate> } | { id: number; error: string };

const port = parentPort;
if (port) {
  const tagger = defaultTagger();
  port.on('message', (job: AnnotateJob) => {
    let reply: AnnotateReply;
    try {
      reply = { id: job.id, result: annotate(job.article, tagger, job.knowledge) };
    } catch (err) {
      reply = { id: job.id, error: (err as Error).message };
    }
    port.postMessage(reply);
  });
}
