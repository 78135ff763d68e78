/**
 * The web UI (built from ui/ by Vite into ui/dist): its hashed assets under
 * /assets/, and index.html for every view path so a shared link such as
 * /search?q=CSTO or /entities/14 loads directly. Every page carries a
 * Content-Security-Policy that lets only this server's own scripts run:
 * article texts, titles and names are rendered as text by the app, and the
 * policy is the second line of defence should one ever reach the page as markup.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hitsRequest } from '../query/hits-request.js';
import { sendProblem } from './problems.js';

/** ui/dist, from dist/src/server/ (the compiled server) or src/server/ alike. */
export const UI_DIST = fileURLToPath(new URL(import.meta.url.includes('/dist/src/') ? '../../../ui/dist/' : '../../ui/dist/', import.meta.url));

/** The app's top-level views; each is served index.html at /VIEW and /VIEW/…. */
export const VIEWS = ['search', 'articles', 'entities', 'quotes', 'events', 'stories', 'kwic', 'keyness', 'collocates', 'compare', 'frames', 'network', 'ingest'] as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The force layout runs in a module worker served from here.
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
}

/**
 * A search page names its hits request in a preload header: the browser sends
 * it while the page's scripts are still on their way (~100 ms on a 2-core
 * machine), and the page's own fetch of the same URL takes that answer. Not
 * when the server wants a token: a preload carries no Authorization header.
 */
function preloadHits(reply: FastifyReply, params: URLSearchParams): void {
  const { url: hits } = hitsRequest(params);
  reply.header('link', `<${hits}>; rel=preload; as=fetch; crossorigin=anonymous`);
}

export async function registerUiRoutes(app: FastifyInstance, root = UI_DIST, opts: { preload?: boolean } = {}): Promise<void> {
  const indexFile = `${root}index.html`;
  const built = existsSync(indexFile);
  const page = async (req: { url: string }, reply: FastifyReply) => {
    // Read on each load (a small file the OS caches): a rebuild of the UI under a running server names new assets.
    const index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined;
    if (index === undefined) {
      return sendProblem(reply, { type: 'about:blank', title: 'The web UI is not built', status: 503, detail: 'run `npm run build:ui` (npm install does it) and restart; the API is at /api/', instance: req.url });
    }
    const at = new URL(req.url, 'http://page');
    if (opts.preload && at.pathname === '/search') preloadHits(reply, at.searchParams);
    return secure(reply).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  };
  app.get('/', { schema: { hide: true } }, page);
  for (const view of VIEWS) {
    app.get(`/${view}`, { schema: { hide: true } }, page);
    app.get(`/${view}/*`, { schema: { hide: true } }, page);
  }
  if (!built) return;
  await app.register(fastifyStatic, {
    root: `${root}assets`,
    prefix: '/assets/',
    // File names carry their content hash.
    immutable: true,
    maxAge: '365d',
    setHeaders: (res) => {
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
}
