/**
 * The HTTP API (Fastify): every query the CLI runs, at a plain resource path,
 * answered by the same src/query functions with the same parameters (their
 * schemas in src/query/params.ts), documented as OpenAPI 3.1 at
 * /api/openapi.json and browsable at /api/docs.
 *
 * Worker threads with read-only connections of their own answer the queries
 * whose cost grows with the corpus (search, trends, kwic: one thread per
 * core) and run the heavy analyses (at a lower priority); the main thread's
 * read-only connection answers reads of a few rows, and a writing connection
 * is opened on the first write (analysis-pool.ts, analyses.ts). Reads never
 * wait for writes (WAL), and a write by anyone, this server or another
 * process, changes SQLite's data_version, which is part of every cache key,
 * so a cached answer never outlives the data.
 */
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { availableParallelism } from 'node:os';
import { VERSION } from '../version.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { AnalysisPool } from './analysis-pool.js';
import { guard, isLoopbackBind } from './guard.js';
import { handleError, sendProblem } from './problems.js';
import { registerReadRoutes } from './read-routes.js';
import { registerWriteRoutes } from './write-routes.js';
import { registerIngestRoutes } from './ingest-routes.js';
import { Jobs } from './jobs.js';
import { registerUiRoutes } from './ui-routes.js';
import type { FetcherOptions } from '../crawl/fetcher.js';

export interface ServerOptions {
  /** The workspace file; it must exist. */
  db: string;
  /** The address bound (for the loopback rules); default 127.0.0.1. */
  host?: string;
  token?: string | undefined;
  cors?: string | undefined;
  /** Log requests to stderr (pino). */
  logger?: boolean;
  /** Largest JSON body, in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Worker threads for the heavy analyses (default: one per core but one, at least one). */
  workers?: number;
  /** Worker threads for search, trends and kwic (default: one per core). */
  readers?: number;
  /** Seconds an analysis may take (default 60). */
  budgetSeconds?: number;
  /** Largest uploaded file, in bytes (default 1 GiB). */
  uploadLimit?: number;
  /** How the server fetches (POST /api/fetch, watched feeds): private addresses are refused unless allowed here. */
  fetch?: FetcherOptions;
  /** The built web UI (default ui/dist); for tests. */
  uiRoot?: string;
}

/** What the routes share: the connections and the answer cache. */
export interface ServerContext {
  reader: Store;
  /** The writing connection, opened on first use. */
  writer(): Store;
  /** Answers as sent (UTF-8), by data version and URL. */
  cache: LRUCache<string, Buffer>;
  /** The worker threads that run the heavy analyses. */
  pool: AnalysisPool;
  /** The worker threads that answer searches, trends and concordances. */
  readers: AnalysisPool;
  /** Heavy analyses running or queued, per client address. */
  heavy: Map<string, number>;
  /** Ingest, fetch and feed-poll jobs, one at a time. */
  jobs: Jobs;
}

/** How much nicer the heavy analyses' threads are: a search arriving meanwhile gets the core first. */
const HEAVY_NICE = 10;

/** Answers kept, by total bytes (a search page is a few kilobytes, a network a few hundred). */
const CACHE_BYTES = 64 << 20;

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const reader = openSqliteStore(opts.db, { readonly: true, mustExist: true });
  let writer: Store | undefined;
  const ctx: ServerContext = {
    reader,
    writer: () => (writer ??= openSqliteStore(opts.db, { mustExist: true })),
    cache: new LRUCache<string, Buffer>({ maxSize: CACHE_BYTES, sizeCalculation: (v) => Math.max(1, v.length) }),
    pool: new AnalysisPool(opts.db, opts.workers ?? Math.max(1, availableParallelism() - 1), (opts.budgetSeconds ?? 60) * 1000, { stopOnAbort: true, nice: HEAVY_NICE }),
    readers: new AnalysisPool(opts.db, opts.readers ?? availableParallelism(), (opts.budgetSeconds ?? 60) * 1000, { stopOnAbort: false, warm: true, depth: 2 }),
    heavy: new Map(),
    jobs: new Jobs(),
  };
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: opts.bodyLimit ?? 1 << 20,
    // Query strings and paths are short; a longer one is an error, not work.
    routerOptions: { maxParamLength: 1000 },
  });
  app.addHook('onClose', async () => {
    // A running ingest stores what it has in hand first.
    await ctx.jobs.stop();
    await Promise.all([ctx.pool.close(), ctx.readers.close()]);
    reader.close();
    writer?.close();
  });
  // Parameters are parsed and checked by src/query/params.ts in each route (one parser for the CLI and the API);
  // the schemas given to Fastify document them. Answers are sent as built.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, { type: 'about:blank', title: 'Not found', status: 404, detail: `no route ${req.method} ${req.url.split('?')[0]}`, instance: req.url }));
  app.addHook('onRequest', guard({ token: opts.token, loopback: isLoopbackBind(opts.host ?? '127.0.0.1'), cors: opts.cors }));
  if (opts.cors) await app.register(cors, { origin: opts.cors, methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'], allowedHeaders: ['authorization', 'content-type', 'x-newslens-request'] });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'newslens', version: VERSION, description: 'The structured picture of a news corpus: search, concordance, trends, keyness, networks, stories, entities, quotes, events and frames. Errors are RFC 9457 problem details.' },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'needed when the server was started with a token (always, when bound beyond loopback)' } } },
      security: [{ token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerReadRoutes(app, ctx);
  registerWriteRoutes(app, ctx);
  await registerIngestRoutes(app, ctx, { uploadLimit: opts.uploadLimit ?? 1 << 30, workers: availableParallelism(), fetcher: opts.fetch ?? {} });
  await registerUiRoutes(app, opts.uiRoot, { preload: !opts.token });
  return app;
}
