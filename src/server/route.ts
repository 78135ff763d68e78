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
import type { ServerContext } from './app.js';
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

export function openApiSchema(spec: { summary: string; description?: string; tags: string[]; query?: TObject; path?: TObject; body?: TSchema; response: TSchema; produces?: string }): Record<string, unknown> {
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(spec.path ? { params: spec.path } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    response: { 200: spec.response, ...ERRORS },
    ...(spec.produces ? { produces: [spec.produces] } : {}),
  };
}

/** Declares cached JSON GET routes on `app`. */
export const jsonGetter =
  (app: FastifyInstance, ctx: ServerContext) =>
  <Q extends TObject, P extends TObject | undefined = undefined>(url: string, spec: RouteSpec<Q, P>, run: (query: Static<Q>, path: Params<P>, req: FastifyRequest) => unknown): void => {
  app.get(url, { schema: openApiSchema(spec) }, async (req: FastifyRequest, reply: FastifyReply) => {
    const key = `${ctx.reader.dataVersion()} ${req.url}`;
    let body = ctx.cache.get(key);
    if (body === undefined) {
      const query = parseParams(spec.query ?? NONE, req.query as Record<string, unknown>, { strict: true }) as Static<Q>;
      const path = (spec.path ? parseParams(spec.path, req.params as Record<string, unknown>, { strict: true }) : {}) as Params<P>;
      body = JSON.stringify(run(query, path, req));
      ctx.cache.set(key, body);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
};
