/**
 * How `serve` serves the web UI: index.html at every view path (so a shared
 * link loads), hashed assets, the Content-Security-Policy on every page, the
 * token rule (the app's code is public, the data is not), a clear answer when
 * the UI is not built; and the UI's typed client matches the server's OpenAPI.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { UI_SCHEMA_FILE, uiSchemaTypes } from '../../src/server/openapi-document.js';
import { VIEWS } from '../../src/server/ui-routes.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';

const dir = tempDir();
const db = join(dir, 'w.db');
// A stand-in for ui/dist: the routes serve whatever the build wrote, so the test builds its own small one.
const ui = join(dir, 'ui-dist/');
const INDEX = '<!doctype html><title>newslens</title><script type="module" src="/assets/app-abc123.js"></script>';
let app: FastifyInstance;
let withToken: FastifyInstance;
let unbuilt: FastifyInstance;

before(async () => {
  openSqliteStore(db).close();
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), INDEX);
  writeFileSync(join(ui, 'assets/app-abc123.js'), 'console.log("app")');
  app = await buildServer({ db, workers: 1, uiRoot: ui });
  withToken = await buildServer({ db, workers: 1, uiRoot: ui, token: 'tok-123' });
  unbuilt = await buildServer({ db, workers: 1, uiRoot: join(dir, 'nothing-here/') });
});
after(async () => {
  await app.close();
  await withToken.close();
  await unbuilt.close();
});

const get = (server: FastifyInstance, url: string, headers: Record<string, string> = {}) => server.inject({ method: 'GET', url, headers: { host: '127.0.0.1:4470', ...headers } });

test('every view path, with its query string, answers the app page with the CSP', async () => {
  for (const path of ['/', ...VIEWS.map((v) => `/${v}`), '/search?q=CSTO&filter=outlet%3A%22Reuters%22', '/articles/2', '/entities/14', '/entities/Vladimir%20Putin%20(PER)', '/stories/3?q=']) {
    const res = await get(app, path);
    assert.equal(res.statusCode, 200, path);
    assert.equal(res.body, INDEX, path);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/, `${path}: scripts only from the server`);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, 'no inline script or eval is allowed');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  }
});

test('assets are served with a long cache and the CSP; an unknown path outside the views is a 404 problem', async () => {
  const js = await get(app, '/assets/app-abc123.js');
  assert.equal(js.statusCode, 200);
  assert.match(String(js.headers['content-type']), /javascript/);
  assert.match(String(js.headers['cache-control']), /immutable/);
  assert.match(String(js.headers['content-security-policy']), /script-src 'self'/);
  const missing = await get(app, '/assets/nope.js');
  assert.equal(missing.statusCode, 404);
  const other = await get(app, '/wp-admin/');
  assert.equal(other.statusCode, 404);
  assert.match(String(other.headers['content-type']), /application\/problem\+json/);
});

test('with a token, the app loads without it, the data does not', async () => {
  assert.equal((await get(withToken, '/search?q=x')).statusCode, 200);
  assert.equal((await get(withToken, '/assets/app-abc123.js')).statusCode, 200);
  assert.equal((await get(withToken, '/api/stats')).statusCode, 401);
  assert.equal((await get(withToken, '/api/stats', { authorization: 'Bearer tok-123' })).statusCode, 200);
  // The loopback rule still holds for the page: another name is refused.
  assert.equal((await get(withToken, '/search', { host: 'evil.example' })).statusCode, 403);
});

test('a search page names its hits request for preloading (the page with its filters, sort and page; no facets), and that URL answers the hits', async () => {
  const res = await get(app, `/search?q=${encodeURIComponent('Kazakhstan OR CSTO')}&filter=${encodeURIComponent('outlet:"Reuters"')}&sort=newest&page=3`);
  const link = String(res.headers.link);
  const m = /^<(\/api\/search\?[^>]+)>; rel=preload; as=fetch; crossorigin=anonymous$/.exec(link);
  assert.ok(m, link);
  const params = new URL(m[1]!, 'http://x').searchParams;
  // The OR is bracketed so the filter narrows all of it; page 3 of 20 starts at 40; facets come in a request of their own.
  assert.equal(params.get('q'), '(Kazakhstan OR CSTO) outlet:"Reuters"');
  assert.deepEqual([params.get('limit'), params.get('offset'), params.get('sort'), params.get('collapse'), params.get('facets')], ['20', '40', 'newest', 'true', 'none']);
  const hits = await get(app, m[1]!);
  assert.equal(hits.statusCode, 200, hits.body);
  assert.deepEqual(hits.json().facets, {});
  // Other views name nothing, and a server that wants a token preloads nothing (a preload cannot carry it).
  assert.equal((await get(app, '/quotes?q=CSTO')).headers.link, undefined);
  assert.equal((await get(withToken, '/search?q=CSTO')).headers.link, undefined);
});

test('without a built UI the page says how to build it, and the API still answers', async () => {
  const res = await get(unbuilt, '/search');
  assert.equal(res.statusCode, 503);
  assert.match(res.json().detail, /npm run build:ui/);
  assert.equal((await get(unbuilt, '/api/stats')).statusCode, 200);
});

test("the UI's client types are those of the server's OpenAPI document (npm run ui:api rewrites them)", async () => {
  const committed = readFileSync(UI_SCHEMA_FILE, 'utf8');
  assert.equal(committed, await uiSchemaTypes(), 'ui/src/api/schema.d.ts is out of date: run npm run ui:api');
});
