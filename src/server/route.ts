/**
 * How a route is declared: its parameters' schema (from src/query/params.ts),
 * its answer's schema, and a body that calls src/query. Parameters are parsed
 * by parseParams, strictly (an unknown parameter is an error: a typo must not
 * silently widen a query). Answers to GET are cached by URL and the
 * workspace's data version.
 */
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseParams } from '../query/params.js';
import type { AnalysisName, QueryName, WorkName } from './analyses.js';
import type { AnalysisPool } from './analysis-pool.js';
import type { ServerContext } from './app.js';
import { HttpProblem } from './problems.js';
import { ProblemSchema } from './responses.js';

export interface RouteSpec<Q extends TObject, P extends TObject | undefined> {
  summary: string;
  description?: string;
  tags: string[];
  query?: Q;
  /** Path parameters, e.g. { id } for /api/articles/:id. */
  path?: P;
  response: TSchema;
}

type Params<T extends TObject | undefined> = T extends TObject ? Static<T> : Record<string, never>;

/** The parameters of a route that takes none: any given is an error. */
const NONE = Type.Object({}, { additionalProperties: false });

const ERRORS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 500: ProblemSchema };

/** A route's schema for Fastify and the OpenAPI document; `takes` adds the statuses of a route with a body (413, 415), `heavy` those of an analysis (429, 503). */
export function openApiSchema(spec: { summary: string; description?: string; tags: string[]; query?: TObject; path?: TObject; body?: TSchema; response: TSchema; produces?: string; takes?: boolean; heavy?: boolean }): Record<string, unknown> {
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(spec.path ? { params: spec.path } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    response: { 200: spec.response, ...ERRORS, ...(spec.body || spec.takes ? { 413: ProblemSchema, 415: ProblemSchema } : {}), ...(spec.heavy ? { 429: ProblemSchema, 503: ProblemSchema } : {}) },
    ...(spec.produces ? { produces: [spec.produces] } : {}),
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Heavy analyses one client may have running or queued at once; more are refused with 429. */
export const HEAVY_PER_CLIENT = 2;

/**
 * Declares cached GET routes on `app`. A route runs `run` on the event loop (reads of a few rows),
 * or names the query the readers' pool `runs`, or the `analysis` the heavy pool runs (analyses.ts);
 * either is dropped if the client goes away before its turn (a heavy one even while it runs).
 */
export const getter =
  (app: FastifyInstance, ctx: ServerContext) =>
  <Q extends TObject, P extends TObject | undefined = undefined>(
    url: string,
    spec: RouteSpec<Q, P> & { analysis?: AnalysisName; produces?: string; runs?: QueryName },
    run?: (query: Static<Q>, path: Params<P>, req: FastifyRequest) => unknown,
  ): void => {
    app.get(url, { schema: openApiSchema({ ...spec, heavy: spec.analysis !== undefined }) }, async (req: FastifyRequest, reply: FastifyReply) => {
      const key = `${ctx.reader.dataVersion()} ${req.url}`;
      let body = ctx.cache.get(key);
      if (body === undefined) {
        const query = parseParams(spec.query ?? NONE, req.query as Record<string, unknown>, { strict: true }) as Static<Q>;
        const path = (spec.path ? parseParams(spec.path, req.params as Record<string, unknown>, { strict: true }) : {}) as Params<P>;
        if (spec.analysis) body = await analyse(ctx, req, reply, spec.analysis, query);
        else if (spec.runs) body = await offload(ctx.readers, reply, spec.runs, query);
        else body = Buffer.from(JSON.stringify(run!(query, path, req)));
        ctx.cache.set(key, body);
      }
      return reply.type(spec.produces ?? JSON_TYPE).send(body);
    });
  };

/** Runs an analysis on the pool for this request: at most HEAVY_PER_CLIENT at once per client; abandoned when the client goes away. */
async function analyse(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, name: AnalysisName, params: unknown): Promise<Buffer> {
  const client = req.ip;
  const inFlight = ctx.heavy.get(client) ?? 0;
  if (inFlight >= HEAVY_PER_CLIENT) {
    reply.header('retry-after', '5');
    throw new HttpProblem(429, 'Too many requests', `at most ${HEAVY_PER_CLIENT} analyses at once per client; wait for one to finish`);
  }
  ctx.heavy.set(client, inFlight + 1);
  try {
    return await offload(ctx.pool, reply, name, params);
  } finally {
    const left = (ctx.heavy.get(client) ?? 1) - 1;
    if (left) ctx.heavy.set(client, left);
    else ctx.heavy.delete(client);
  }
}

/** Runs work on a pool for this request, given up if the client goes away before the answer. */
async function offload(pool: AnalysisPool, reply: FastifyReply, name: WorkName, params: unknown): Promise<Buffer> {
  const gone = new AbortController();
  const onClose = () => !reply.raw.writableFinished && gone.abort();
  reply.raw.on('close', onClose);
  try {
    return await pool.run(name, params, gone.signal);
  } finally {
    reply.raw.off('close', onClose);
  }
}
