/**
 * Taking articles in through the API, each as a job (jobs.ts): an upload of
 * files (`POST /api/ingest`, multipart, every format the CLI reads, gzip
 * included), a fetch of URLs (`POST /api/fetch`), and watched feeds
 * (`/api/feeds`), which the server polls itself on their interval, as
 * `newslens watch` does. Progress: `GET /api/jobs/{id}`, or its `/events`
 * as Server-Sent Events.
 *
 * An upload's file names never reach the file system: each file is saved
 * under a name of the server's choosing in a folder of its own (only a known
 * extension is kept, for format detection), and its own name is only the
 * label its articles and errors carry.
 */
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline as pump } from 'node:stream/promises';
import { collect } from '../crawl/collect.js';
import { Fetcher, type FetcherOptions } from '../crawl/fetcher.js';
import { FORMATS, type Format } from '../model.js';
import { ingestFiles, ingestItems, type IngestSummary } from '../pipeline.js';
import { parseParams } from '../query/params.js';
import type { InputFile } from '../sources/input.js';
import type { WatchedFeed } from '../store/store.js';
import type { ServerContext } from './app.js';
import { HttpProblem } from './problems.js';
import { openApiSchema } from './route.js';
import type { Job } from './jobs.js';

export interface IngestRouteOptions {
  /** Largest uploaded file, in bytes. */
  uploadLimit: number;
  /** Annotate on this many worker threads. */
  workers: number;
  fetcher: FetcherOptions;
}

/** Extensions kept on a saved upload, so format detection reads it as the CLI would read the file. */
const KEPT_EXTENSIONS = /\.(jsonl|ndjson|json|csv|tsv|txt|text|md|html?|xml|rss|atom|warc)(\.gz)?$|\.gz$/i;

/** An upload's own name, fit to show: its last part, no controls, not too long. */
export function uploadLabel(name: string | undefined, n: number): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return base || `upload ${n}`;
}

const Feed = Type.Object({ id: Type.Integer(), url: Type.String(), intervalSeconds: Type.Integer(), follow: Type.Boolean(), addedAt: Type.String(), polledAt: Type.Optional(Type.String()), lastResult: Type.Optional(Type.String()) });
const JobSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    label: Type.String(),
    state: Type.String({ description: 'queued, running, done or failed' }),
    created: Type.String(),
    progress: Type.Object({ read: Type.Integer(), added: Type.Integer(), duplicates: Type.Integer(), failed: Type.Integer(), bytes: Type.Integer() }, { additionalProperties: true }),
    summary: Type.Optional(Type.Object({ failures: Type.Array(Type.String()), warnings: Type.Array(Type.String()) }, { additionalProperties: true })),
    error: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
const JobId = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$', description: 'the job id' }) }, { additionalProperties: false });
const FeedId = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const FetchBody = Type.Object(
  {
    urls: Type.Array(Type.String({ maxLength: 2000 }), { minItems: 1, maxItems: 100, description: 'pages, feeds or sitemaps' }),
    follow: Type.Boolean({ default: false, description: "fetch the page behind each feed entry and extract it (else the entry's own text)" }),
  },
  { additionalProperties: false },
);
const FeedBody = Type.Object(
  {
    url: Type.String({ maxLength: 2000, description: 'a feed or sitemap' }),
    intervalSeconds: Type.Integer({ minimum: 60, maximum: 7 * 86_400, default: 900, description: 'time between two polls (default 900)' }),
    follow: Type.Boolean({ default: false, description: 'fetch the page behind each new entry and extract it' }),
  },
  { additionalProperties: false },
);

const httpUrl = (param: string, u: string) => {
  try {
    const url = new URL(u);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    /* the problem below */
  }
  throw new HttpProblem(400, 'Invalid parameter', `${param}: "${u.slice(0, 100)}" is not an http(s) URL`);
};

export async function registerIngestRoutes(app: FastifyInstance, ctx: ServerContext, opts: IngestRouteOptions): Promise<void> {
  await app.register(multipart, { limits: { fileSize: opts.uploadLimit, files: 100, fields: 10, fieldSize: 1000, parts: 200 } });
  const fetcher = new Fetcher(opts.fetcher);
  app.addHook('onClose', () => fetcher.close());

  /** Runs collected web items (fetch, poll) as a job; a slow source writes each article as it comes. */
  const collectJob = (kind: 'fetch' | 'poll', label: string, urls: string[], follow: boolean, done?: (s: IngestSummary) => void): Job =>
    ctx.jobs.submit(kind, label, async (onProgress, signal) => {
      const store = ctx.writer();
      const s = await ingestItems(collect(urls, fetcher, store, { follow, onlyNew: true }), store, { batchSize: 1, onProgress, signal, workers: opts.workers });
      done?.(s);
      return s;
    });

  app.post(
    '/api/ingest',
    {
      schema: openApiSchema({
        summary: 'upload files to ingest (multipart/form-data): every format the CLI reads, gzip included; answered at once with the job',
        description: 'Parts: one or more files; optional fields `format` (text, keyvalue, json, jsonl, csv, html, feed, warc: read every file so) and `annotate` (false to skip annotation). 413 when a file is over the upload limit.',
        tags: ['ingest'],
        response: JobSchema,
        takes: true,
      }),
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new HttpProblem(415, 'Unsupported media type', 'send the files as multipart/form-data');
      const dir = await mkdtemp(join(tmpdir(), 'newslens-upload-'));
      const files: InputFile[] = [];
      let format: Format | undefined;
      let annotate = true;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const n = files.length + 1;
            const ext = KEPT_EXTENSIONS.exec(part.filename ?? '')?.[0]?.toLowerCase() ?? '';
            const path = join(dir, `upload-${n}${ext}`);
            await pump(part.file, createWriteStream(path));
            if (part.file.truncated) throw new HttpProblem(413, 'Content too large', `${uploadLabel(part.filename, n)} is over the upload limit of ${opts.uploadLimit} bytes`);
            files.push({ path, label: uploadLabel(part.filename, n) });
          } else if (part.fieldname === 'format') {
            const v = String(part.value);
            if (!FORMATS.includes(v as Format)) throw new HttpProblem(400, 'Invalid parameter', `format expects ${FORMATS.join(', ')}; got "${v.slice(0, 40)}"`);
            format = v as Format;
          } else if (part.fieldname === 'annotate') {
            annotate = String(part.value) !== 'false';
          } else {
            throw new HttpProblem(400, 'Invalid parameter', `${part.fieldname.slice(0, 40)} is not a field here (fields: format, annotate, and the files)`);
          }
        }
        if (!files.length) throw new HttpProblem(400, 'Invalid parameter', 'no file in the upload');
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      const job = ctx.jobs.submit(
        'ingest',
        files.map((f) => f.label).join(', '),
        (onProgress, signal) => ingestFiles(files, ctx.writer(), { ...(format ? { format } : {}), annotate, workers: opts.workers, onProgress, signal }),
        () => rm(dir, { recursive: true, force: true }),
      );
      return reply.code(202).header('location', `/api/jobs/${job.id}`).send(job);
    },
  );

  app.post('/api/fetch', { schema: openApiSchema({ summary: 'fetch pages, feeds or sitemaps and ingest their articles (as `newslens fetch`); answered at once with the job', tags: ['ingest'], body: FetchBody, response: JobSchema }) }, async (req, reply) => {
    const { urls, follow } = parseParams(FetchBody, (req.body ?? {}) as Record<string, unknown>, { strict: true });
    const job = collectJob('fetch', urls.join(' '), urls.map((u) => httpUrl('urls', u)), follow);
    return reply.code(202).header('location', `/api/jobs/${job.id}`).send(job);
  });

  app.get('/api/jobs', { schema: openApiSchema({ summary: 'the ingest, fetch and poll jobs, newest first', tags: ['ingest'], response: Type.Object({ jobs: Type.Array(JobSchema) }) }) }, async () => ({ jobs: ctx.jobs.all() }));
  app.get('/api/jobs/:id', { schema: openApiSchema({ summary: 'one job: its state, progress and, when done, its summary with every failure', tags: ['ingest'], path: JobId, response: JobSchema }) }, async (req) => jobOrFail(ctx, req.params));
  app.get(
    '/api/jobs/:id/events',
    { schema: openApiSchema({ summary: "a job's progress as Server-Sent Events: `progress` while it runs, then `done` (or `failed`) with the job", tags: ['ingest'], path: JobId, response: Type.String(), produces: 'text/event-stream' }) },
    async (req, reply) => {
      const job = jobOrFail(ctx, req.params);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (j: Job) => {
        const event = j.state === 'done' ? 'done' : j.state === 'failed' ? 'failed' : 'progress';
        res.write(`event: ${event}\ndata: ${JSON.stringify(j)}\n\n`);
        if (event !== 'progress') {
          stop();
          res.end();
        }
      };
      // At most a few events a second: a large upload makes thousands of progress steps.
      let last = 0;
      let timer: NodeJS.Timeout | undefined;
      const unfollow = ctx.jobs.follow(job.id, (j) => {
        if (j.state === 'done' || j.state === 'failed') return send(j);
        const wait = 250 - (Date.now() - last);
        if (wait <= 0) {
          last = Date.now();
          send(j);
        } else timer ??= setTimeout(() => ((timer = undefined), (last = Date.now()), j.state === 'running' && send(ctx.jobs.get(j.id)!)), wait);
      });
      const stop = () => {
        unfollow();
        if (timer) clearTimeout(timer);
      };
      res.on('close', stop);
      send(job);
    },
  );

  // Watched feeds, polled by the server on their interval (and once as soon as they are added).
  const timers = new Map<number, NodeJS.Timeout>();
  const schedule = (feed: WatchedFeed, firstIn: number) => {
    clearTimeout(timers.get(feed.id));
    timers.set(
      feed.id,
      setTimeout(() => {
        const current = ctx.reader.watchedFeeds().find((f) => f.id === feed.id);
        if (!current) return;
        collectJob('poll', current.url, [current.url], current.follow, (s) => {
          ctx.writer().feedPolled(current.id, new Date().toISOString(), `${s.added} new, ${s.duplicates} already stored, ${s.failed} failed`);
        });
        schedule(current, current.intervalSeconds * 1000);
      }, firstIn).unref(),
    );
  };
  for (const f of ctx.reader.watchedFeeds()) {
    const since = f.polledAt ? Date.now() - Date.parse(f.polledAt) : Infinity;
    schedule(f, Math.max(0, Math.min(f.intervalSeconds * 1000, f.intervalSeconds * 1000 - since)));
  }
  app.addHook('onClose', async () => {
    for (const t of timers.values()) clearTimeout(t);
  });

  app.get('/api/feeds', { schema: openApiSchema({ summary: 'the feeds the server watches', tags: ['ingest'], response: Type.Object({ feeds: Type.Array(Feed) }) }) }, async () => ({ feeds: ctx.reader.watchedFeeds() }));
  app.post('/api/feeds', { schema: openApiSchema({ summary: 'watch a feed or sitemap: polled now and then every intervalSeconds, new entries ingested (as `newslens watch`)', tags: ['ingest'], body: FeedBody, response: Feed }) }, async (req, reply) => {
    const { url, intervalSeconds, follow } = parseParams(FeedBody, (req.body ?? {}) as Record<string, unknown>, { strict: true });
    const feed = ctx.writer().watchFeed(httpUrl('url', url), intervalSeconds, follow);
    schedule(feed, 0);
    return reply.code(201).send(feed);
  });
  app.delete('/api/feeds/:id', { schema: openApiSchema({ summary: 'stop watching a feed', tags: ['ingest'], path: FeedId, response: Type.Object({ removed: Type.Integer() }) }) }, async (req) => {
    const { id } = parseParams(FeedId, req.params as Record<string, unknown>, { strict: true });
    if (!ctx.writer().unwatchFeed(id)) throw new HttpProblem(404, 'No such feed', `no watched feed ${id}`);
    clearTimeout(timers.get(id));
    timers.delete(id);
    return { removed: id };
  });
}

function jobOrFail(ctx: ServerContext, params: unknown): Job {
  const { id } = parseParams(JobId, params as Record<string, unknown>, { strict: true });
  const job = ctx.jobs.get(id);
  if (!job) throw new HttpProblem(404, 'No such job', `no job ${id} (finished jobs are kept for a while, the last 100)`);
  return job;
}
