/**
 * Who may talk to the server, checked before any route runs.
 *
 * - A token, when set, is needed on every request (`Authorization: Bearer T`).
 *   A server bound beyond loopback always has one (see serve.ts).
 * - On loopback, a request whose Host is not a loopback name is refused: a
 *   page on another site can make a browser send requests to 127.0.0.1 under
 *   a name it controls (DNS rebinding), and the Host header gives it away.
 * - A state-changing request (anything but GET, HEAD, OPTIONS) needs the
 *   token or, without one, the header `X-Newslens-Request`. A cross-site page
 *   cannot add a custom header without a CORS preflight, which is refused
 *   unless `--cors` names its origin; a form post cannot add one at all.
 *   A browser's Origin, when sent, must be this server's or the CORS origin.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, type Problem } from './problems.js';

export interface GuardOptions {
  token?: string | undefined;
  /** Bound to a loopback address only. */
  loopback: boolean;
  cors?: string | undefined;
}

export const CSRF_HEADER = 'x-newslens-request';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** localhost, *.localhost, 127.0.0.0/8 and ::1, with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  const low = name.toLowerCase();
  return low === 'localhost' || low.endsWith('.localhost') || low === '::1' || /^127(\.\d{1,3}){3}$/.test(low);
}

/** Whether a bind address keeps the server on this machine. */
export const isLoopbackBind = (host: string) => isLoopbackHost(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function guard(opts: GuardOptions) {
  const refuse = (req: FastifyRequest, reply: FastifyReply, status: number, detail: string) => {
    const p: Problem = { type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail, instance: req.url };
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="newslens"');
    return sendProblem(reply, p);
  };
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (opts.loopback && !isLoopbackHost(req.headers.host)) return refuse(req, reply, 403, `this server answers only to loopback names (localhost, 127.0.0.1, [::1]); the request named "${req.headers.host ?? ''}"`);
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    // A CORS preflight carries no credentials (the browser sends them on the request it asks about).
    const preflight = req.method === 'OPTIONS' && opts.cors !== undefined && req.headers['access-control-request-method'] !== undefined;
    // The web UI's page and scripts are the app's public code, not workspace data: a browser loads them
    // without the token, and the app then sends the token (given in the URL's #fragment) on every API call.
    const data = req.url.startsWith('/api/');
    if (opts.token !== undefined && data && !preflight && !(bearer !== undefined && sameToken(bearer, opts.token))) return refuse(req, reply, 401, 'this server needs its token: send "Authorization: Bearer TOKEN"');
    if (SAFE_METHODS.has(req.method)) return;
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}` && origin !== `https://${req.headers.host}` && origin !== opts.cors) return refuse(req, reply, 403, `a request from ${origin} may not change this workspace`);
    if (opts.token === undefined && req.headers[CSRF_HEADER] === undefined) return refuse(req, reply, 403, `a request that changes the workspace needs the header "X-Newslens-Request: 1" (or the server's token)`);
  };
}
