/**
 * Errors as RFC 9457 problem details (`application/problem+json`): the same
 * located messages the CLI prints, a status that says whose fault it is, and
 * never a stack trace or SQL text. Anything unforeseen is logged on the
 * server and answered with a bare 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UnknownEntityError } from '../query/knowledge.js';
import { QueryError } from '../query/language.js';
import { ParamError } from '../query/params.js';
import { AmbiguousEntityError } from '../store/entity-lookup.js';

export const PROBLEM_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Invalid parameter: its name. */
  param?: string;
  /** Bad query: where in it (0-based character). */
  position?: number;
  /** Ambiguous entity: what the name may mean. */
  candidates?: unknown[];
}

/** An error a route raises on purpose, with the status to answer with. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Ambiguous',
  413: 'Content too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Unavailable',
};

export function problemOf(err: unknown, url: string): Problem {
  const base = (status: number, detail: string | undefined, title = TITLES[status] ?? 'Error'): Problem => ({
    type: 'about:blank',
    title,
    status,
    ...(detail !== undefined ? { detail } : {}),
    instance: url,
  });
  if (err instanceof ParamError) return { ...base(400, err.message, 'Invalid parameter'), param: err.param };
  if (err instanceof QueryError) return { ...base(400, err.message, 'Bad query'), param: 'q', position: err.position };
  if (err instanceof UnknownEntityError) return base(404, err.message, 'No such entity');
  if (err instanceof AmbiguousEntityError) return { ...base(409, err.message, 'Ambiguous entity name'), candidates: err.candidates };
  if (err instanceof HttpProblem) return base(err.status, err.message, err.title);
  const f = err as Partial<FastifyError>;
  // Fastify's own client errors (body too large, bad JSON, bad content type) carry a 4xx and a safe message.
  if (typeof f.statusCode === 'number' && f.statusCode >= 400 && f.statusCode < 500) return base(f.statusCode, f.message);
  return base(500, 'the server could not answer this request; the error is in its log');
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_TYPE).send(problem);
}

/** Fastify's error handler: every error to a problem, unforeseen ones logged. */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemOf(err, req.url);
  if (problem.status >= 500) req.log.error({ err }, 'request failed');
  return sendProblem(reply, problem);
}
