/**
 * The HTTP API on a real server on loopback, over a real workspace: every
 * route answers what its OpenAPI schema promises, the CLI and the API agree,
 * errors are problem details, and the safety rules refuse what they must.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { ingest } from '../../src/pipeline.js';
import { buildServer } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { CLI, markedArticle, ROOT, runCli, runJson, tempDir } from '../helpers.js';

const dir = tempDir();
const db = join(dir, 'w.db');
let app: FastifyInstance;
let base = '';
let openapi: { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

interface Answer {
  status: number;
  type: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => any;
}

/** A request with full control of the headers (fetch may not set Host). */
function http(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer; port?: number } = {}): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: opts.port ?? url.port, path: url.pathname + url.search, method, headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const get = (path: string, headers: Record<string, string> = {}) => http('GET', path, { headers });
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  http(method, path, { headers: { 'content-type': 'application/json', 'x-newslens-request': '1', ...headers }, body: JSON.stringify(body) });

before(async () => {
  const store = openSqliteStore(db);
  await ingest([join(ROOT, 'examples/articles')], store, { workers: 0 });
  store.close();
  app = await buildServer({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  openapi = (await get('/api/openapi.json')).json();
});

after(() => app.close());

/** The 200 schema the OpenAPI document gives a route, compiled. */
const ajv = new Ajv2020({ strict: false, allErrors: true });
function check(path: string, method: string, answer: Answer): void {
  const schema = openapi.paths[path]?.[method]?.responses['200']?.content?.['application/json']?.schema;
  assert.ok(schema, `no 200 schema for ${method} ${path}`);
  const valid = ajv.validate(schema as object, answer.json());
  assert.ok(valid, `${method} ${path}: ${ajv.errorsText(ajv.errors)}\n${answer.body.slice(0, 500)}`);
}

/** A query for each read route that takes one, and the path to call. */
const READS: Array<[string, string]> = [
  ['/api/stats', '/api/stats'],
  ['/api/articles', '/api/articles?limit=3&order=date'],
  ['/api/articles/{id}', '/api/articles/1'],
  ['/api/search', '/api/search?q=port&facets=outlet,entity,month'],
  ['/api/kwic', '/api/kwic?q=port&window=3'],
  ['/api/trends', '/api/trends?q=&interval=day&byOutlet=true'],
  ['/api/keyness', '/api/keyness?q=port&minFreq=1'],
  ['/api/collocates', '/api/collocates?q=port&minFreq=1'],
  ['/api/network', '/api/network?q=&minWeight=1'],
  ['/api/relations', '/api/relations?q='],
  ['/api/stories', '/api/stories?q='],
  ['/api/compare', '/api/compare?q=port'],
  ['/api/entities', '/api/entities?limit=5'],
  ['/api/entities/review', '/api/entities/review'],
  ['/api/entities/edits', '/api/entities/edits'],
  ['/api/entities/{ref}', '/api/entities/1'],
  ['/api/quotes', '/api/quotes?limit=5'],
  ['/api/events', '/api/events?limit=5'],
  ['/api/frames', '/api/frames'],
  ['/api/frames/phrases', '/api/frames/phrases?minArticles=2&minOutlets=1'],
  ['/api/outlets', '/api/outlets'],
  ['/api/sample/{what}', '/api/sample/quotes?n=3&seed=7'],
];

test('the OpenAPI document is valid OpenAPI 3.1 and lists every route', async () => {
  const v = new Validator();
  const r = await v.validate(openapi as unknown as Parameters<Validator['validate']>[0]);
  assert.equal(r.valid, true, JSON.stringify(r.errors));
  for (const [path] of READS) assert.ok(openapi.paths[path]?.get, `${path} is documented`);
  for (const path of ['/api/exports/{what}', '/api/network/graphml', '/api/relations/graphml']) assert.ok(openapi.paths[path]?.get);
  assert.ok(openapi.paths['/api/entities/{ref}/edits']?.post && openapi.paths['/api/entities/edits/{seq}']?.delete && openapi.paths['/api/frames/dictionary']?.put);
  // A parameter with a default is not required of the caller; a path parameter is.
  const search = openapi.paths['/api/search']!.get!.parameters!;
  assert.ok(search.some((p) => p.name === 'limit' && !(p as { required?: boolean }).required));
  const docs = await get('/api/docs/');
  assert.equal(docs.status, 200);
  assert.match(docs.type, /text\/html/);
});

test('every read route answers 200 with what its schema promises', async () => {
  for (const [path, url] of READS) {
    const r = await get(url);
    assert.equal(r.status, 200, `${url}: ${r.body.slice(0, 300)}`);
    assert.match(r.type, /^application\/json/);
    check(path, 'get', r);
  }
  const search = (await get('/api/search?q=port&facets=outlet')).json();
  assert.ok(search.total > 0 && search.hits.length > 0, 'the examples mention a port');
  assert.deepEqual(Object.keys(search.facets), ['outlet']);
});

test('the CLI --json and the API give the same answer', async () => {
  const pairs: Array<[string[], string, (x: any) => unknown]> = [
    [['search', 'port', '--limit', '3', '--facets', 'outlet,month,entity'], '/api/search?q=port&limit=3&facets=outlet,month,entity', ({ ms: _ms, ...rest }) => rest],
    [['kwic', 'port', '--window', '4'], '/api/kwic?q=port&window=4', (x) => x],
    [['trends', '', '--interval', 'week'], '/api/trends?q=&interval=week', (x) => x],
    [['keyness', 'port', '--min-freq', '1', '--limit', '5'], '/api/keyness?q=port&minFreq=1&limit=5', (x) => x],
    [['entities', '--limit', '10'], '/api/entities?limit=10', (x) => x],
    [['quotes', '--kind', 'direct,indirect'], '/api/quotes?kind=direct,indirect', (x) => x],
    [['events'], '/api/events', (x) => x],
    [['network', '', '--min-weight', '1'], '/api/network?q=&minWeight=1', (x) => x],
    [['stories', ''], '/api/stories?q=', (x) => x],
    [['articles', '--order', 'date'], '/api/articles?order=date', (x) => x],
    [['outlets'], '/api/outlets', (x) => x],
    [['sample', 'events', '', '--n', '2', '--seed', '3'], '/api/sample/events?n=2&seed=3', (x) => x],
  ];
  for (const [args, url, strip] of pairs) {
    const cli = runJson([args[0]!, '--db', db, ...args.slice(1)]);
    assert.equal(cli.status, 0, `${args.join(' ')}: ${cli.stderr}`);
    const api = await get(url);
    assert.equal(api.status, 200, url);
    assert.deepEqual(strip(api.json()), strip(cli.value), `${args.join(' ')} vs ${url}`);
  }
});

test('exports stream the same bytes as the CLI, in every format and kind', async () => {
  for (const [what, format] of [['articles', 'csv'], ['articles', 'jsonl'], ['mentions', 'tsv'], ['quotes', 'jsonl'], ['events', 'csv']] as const) {
    const cli = runCli(['export', what, '--format', format, '--db', db]);
    assert.equal(cli.status, 0, cli.stderr);
    const api = await get(`/api/exports/${what}?format=${format}`);
    assert.equal(api.status, 200);
    assert.match(api.type, format === 'jsonl' ? /x-ndjson/ : format === 'csv' ? /text\/csv/ : /tab-separated/);
    assert.equal(api.body, cli.stdout, `${what} ${format}`);
  }
  const some = await get('/api/exports/articles?format=jsonl&q=port');
  assert.equal(some.body.trim().split('\n').length, (await get('/api/search?q=port')).json().total);
  const bad = await get('/api/exports/articles?q=%22port');
  assert.equal(bad.status, 400, 'a bad query is refused before the export starts');
  const graph = await get('/api/network/graphml?q=&minWeight=1');
  assert.match(graph.type, /graphml/);
  assert.match(graph.body, /^<\?xml[\s\S]*<graphml[\s\S]*<\/graphml>\s*$/);
});

test('errors are problem details: the parameter named, the query located, no stack or SQL', async () => {
  const cases: Array<[string, number, Record<string, unknown>]> = [
    ['/api/search?q=port&limit=abc', 400, { param: 'limit' }],
    ['/api/search?q=port&limit=5000', 400, { param: 'limit' }],
    ['/api/search?q=port&colour=red', 400, { param: 'colour' }],
    ['/api/search?q=port&facets=outlet,colour', 400, { param: 'facets' }],
    ['/api/search?q=port&limit=1&limit=2', 400, { param: 'limit' }],
    ['/api/search?q=%22port', 400, { param: 'q', position: 0, title: 'Bad query' }],
    ['/api/events?role=source', 400, { param: 'role' }],
    ['/api/trends?q=&by=leaning', 400, { param: 'by' }],
    ['/api/keyness?q=port&by=leaning', 400, { param: 'by' }],
    ['/api/articles/9999', 404, {}],
    ['/api/entities/no-such-entity', 404, {}],
    ['/api/exports/pictures', 400, { param: 'what' }],
    ['/api/nothing-here', 404, {}],
  ];
  for (const [url, status, fields] of cases) {
    const r = await get(url);
    assert.equal(r.status, status, `${url}: ${r.body}`);
    assert.match(r.type, /^application\/problem\+json/, url);
    const p = r.json();
    assert.equal(p.status, status);
    assert.ok(p.title && p.detail, url);
    for (const [k, v] of Object.entries(fields)) assert.equal(p[k], v, `${url} ${k}`);
    assert.doesNotMatch(r.body, /\bat \w+ \(|\.js:\d+|SQLITE|SELECT /, url);
  }
  const located = (await get('/api/search?q=port%20AND%20(x')).json();
  assert.match(located.detail, /at character \d+/);
  const big = await send('PUT', '/api/frames/dictionary', { frame: ['x'.repeat(2 << 20)] });
  assert.equal(big.status, 413);
  assert.match(big.type, /problem\+json/);
});

test('SQL and path fragments in any parameter are only text: 200 or 400, never 500, nothing changed', async () => {
  const before = (await get('/api/stats')).json().articles;
  const hostile = ["'; DROP TABLE articles; --", '../../../../etc/passwd', '%00', '" OR 1=1 --', '*', '$(id)', '\\x00'];
  for (const op of Object.values(openapi.paths)) {
    const params = op.get?.parameters ?? [];
    for (const p of params) {
      for (const h of hostile) {
        const [path] = Object.entries(openapi.paths).find(([, o]) => o === op)!;
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name === p.name ? encodeURIComponent(h) : name === 'what' ? 'articles' : '1'));
        const r = await get(p.in === 'path' ? url : `${url}?${p.name}=${encodeURIComponent(h)}`);
        assert.ok([200, 400, 404].includes(r.status), `${url} ${p.name}=${h}: ${r.status} ${r.body.slice(0, 200)}`);
        assert.doesNotMatch(r.body, /SQLITE_|no such table|syntax error near/i);
      }
    }
  }
  assert.equal((await get('/api/stats')).json().articles, before);
});

test('on loopback: a foreign Host, a cross-site write and a write without the header are refused', async () => {
  const foreign = await get('/api/stats', { host: 'attacker.example:4470' });
  assert.equal(foreign.status, 403);
  assert.match(foreign.json().detail, /loopback/);
  assert.equal((await get('/api/stats', { host: 'localhost' })).status, 200);
  const crossSite = await send('DELETE', '/api/frames/dictionary', {}, { origin: 'http://attacker.example' });
  assert.equal(crossSite.status, 403);
  const noHeader = await http('DELETE', '/api/frames/dictionary', {});
  assert.equal(noHeader.status, 403);
  assert.match(noHeader.json().detail, /X-Newslens-Request/);
  const form = await http('POST', '/api/entities/1/edits', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://attacker.example' }, body: 'action=rename&value=x' });
  assert.equal(form.status, 403);
  // CORS is off: no Access-Control-Allow-Origin for anyone.
  const pre = await http('OPTIONS', '/api/search', { headers: { origin: 'http://attacker.example', 'access-control-request-method': 'GET' } });
  assert.equal(pre.headers['access-control-allow-origin'], undefined);
});

test('with a token every request needs it; bound beyond loopback, serve makes one and prints it', async () => {
  const withToken = await buildServer({ db, token: 's3cret-token' });
  await withToken.listen({ port: 0, host: '127.0.0.1' });
  const port = (withToken.server.address() as AddressInfo).port;
  try {
    assert.equal((await http('GET', '/api/stats', { port })).status, 401);
    assert.equal((await http('GET', '/api/stats', { port, headers: { authorization: 'Bearer wrong' } })).status, 401);
    assert.equal((await http('GET', '/api/stats', { port, headers: { authorization: 'Bearer s3cret-token' } })).status, 200);
    // The token stands for the CSRF header on writes.
    assert.equal((await http('DELETE', '/api/frames/dictionary', { port, headers: { authorization: 'Bearer s3cret-token' } })).status, 200);
  } finally {
    await withToken.close();
  }
  // With --cors and a token: the named origin's preflight is answered (it carries no token), another's is not; requests still need the token.
  const shared = await buildServer({ db, token: 's3cret-token', cors: 'http://localhost:5173' });
  await shared.listen({ port: 0, host: '127.0.0.1' });
  const sport = (shared.server.address() as AddressInfo).port;
  try {
    const pre = await http('OPTIONS', '/api/search', { port: sport, headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(pre.status, 204, pre.body);
    assert.equal(pre.headers['access-control-allow-origin'], 'http://localhost:5173');
    const other = await http('OPTIONS', '/api/search', { port: sport, headers: { origin: 'http://attacker.example', 'access-control-request-method': 'GET' } });
    assert.notEqual(other.headers['access-control-allow-origin'], 'http://attacker.example', 'the browser is not told another origin may read');
    assert.equal((await http('GET', '/api/stats', { port: sport, headers: { origin: 'http://localhost:5173' } })).status, 401);
  } finally {
    await shared.close();
  }
  // `serve --host 0.0.0.0` with no token: one is generated, printed, and required.
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--host', '0.0.0.0', '--port', '0'], { env: { ...process.env, NEWSLENS_TOKEN: '' } });
  try {
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const started = Date.now();
    while (!(/token: \S+/.test(out) && /:(\d+)\/api/.test(err)) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    const token = /token: (\S+)/.exec(out)?.[1];
    const port = Number(/:(\d+)\/api/.exec(err)?.[1]);
    assert.ok(token && token.length >= 24, `a token was printed: ${out} ${err}`);
    assert.equal((await http('GET', '/api/stats', { port })).status, 401);
    assert.equal((await http('GET', '/api/stats', { port, headers: { authorization: `Bearer ${token}` } })).status, 200);
  } finally {
    child.kill();
  }
});

test('writes: an entity correction and the frame dictionary show at once in cached reads; another process’s ingest too', async () => {
  const first = (await get('/api/entities?limit=1')).json().entities[0];
  const renamed = await send('POST', `/api/entities/${first.id}/edits`, { action: 'rename', value: 'Renamed Entity' });
  assert.equal(renamed.status, 200, renamed.body);
  check('/api/entities/{ref}/edits', 'post', renamed);
  assert.equal((await get(`/api/entities/${first.id}`)).json().entity.name, 'Renamed Entity');
  const edits = (await get('/api/entities/edits')).json().edits;
  assert.equal(edits.length, 1);
  assert.equal((await http('DELETE', `/api/entities/edits/${edits[0].seq}`, { headers: { 'x-newslens-request': '1' } })).status, 200);
  assert.equal((await get(`/api/entities/${first.id}`)).json().entity.name, first.name);
  const badEdit = await send('POST', `/api/entities/${first.id}/edits`, { action: 'retype', value: 'PLANET' });
  assert.equal(badEdit.status, 400);
  assert.equal(badEdit.json().param, 'value');

  assert.equal((await get('/api/search?q=frame:shortage')).json().total, 0);
  const dict = await http('PUT', '/api/frames/dictionary', { headers: { 'content-type': 'application/yaml', 'x-newslens-request': '1' }, body: 'shortage:\n  - empty shelves\n  - shortage*\n' });
  assert.equal(dict.status, 200, dict.body);
  assert.deepEqual(dict.json().frames, ['shortage']);
  assert.ok((await get('/api/search?q=frame:shortage')).json().total > 0, 'the cached answer gave way to the new one');
  const outlets = await http('PUT', '/api/outlets', { headers: { 'content-type': 'text/csv', 'x-newslens-request': '1' }, body: 'outlet,bias\nExample Wire,center\nNowhere Daily,left\n' });
  assert.equal(outlets.status, 200, outlets.body);
  assert.deepEqual(outlets.json(), { stored: 2, outlets: 2, missing: ['Nowhere Daily'] });
  assert.ok((await get('/api/search?q=outlet.bias:center')).json().total > 0, 'the attribute filters at once');
  assert.equal((await http('PUT', '/api/outlets', { headers: { 'content-type': 'text/csv', 'x-newslens-request': '1' }, body: 'outlet\n' })).status, 400);
  const badDict = await http('PUT', '/api/frames/dictionary', { headers: { 'content-type': 'application/yaml', 'x-newslens-request': '1' }, body: '- just\n- a list\n' });
  assert.equal(badDict.status, 400);

  const total = (await get('/api/search?q=')).json().total;
  const other = openSqliteStore(db);
  other.addArticle(markedArticle(900, 'A new article about the [[Valdora|LOC]] port arrived.', { title: 'Late news', outlet: 'Late Wire', published: '2023-03-20' }));
  other.close();
  assert.equal((await get('/api/search?q=')).json().total, total + 1);
});

test('heavy analyses run on worker threads: over budget is a 503, a client may not pile them up, an abandoned one is stopped', async () => {
  // A budget no analysis can meet (the worker has not even loaded): stopped, and the worker replaced.
  const strict = await buildServer({ db, budgetSeconds: 0.001, workers: 1 });
  await strict.listen({ port: 0, host: '127.0.0.1' });
  const port = (strict.server.address() as AddressInfo).port;
  try {
    const slow = await http('GET', '/api/stories?q=', { port });
    assert.equal(slow.status, 503, slow.body);
    assert.match(slow.json().detail, /longer than/);
    assert.equal((await http('GET', '/api/search?q=port', { port })).status, 503, 'the budget holds for searches on their own threads too');
  } finally {
    await strict.close();
  }
  // Six analyses at once from one client, sent as a fresh server starts (its worker is still
  // loading, so none can finish meanwhile): two run or wait, the rest are told to wait. A search
  // sent behind them goes to the readers' threads. The heavy pool's thread runs nicer (Linux).
  const fresh = await buildServer({ db, workers: 1, readers: 1 });
  await fresh.listen({ port: 0, host: '127.0.0.1' });
  const fport = (fresh.server.address() as AddressInfo).port;
  const heavy = Array.from({ length: 6 }, (_, i) => http('GET', `/api/keyness?q=port&minFreq=1&limit=${i + 1}`, { port: fport }));
  const quick = http('GET', '/api/search?q=port', { port: fport });
  const answers = await Promise.all(heavy).finally(async () => {
    assert.equal((await quick).status, 200);
    if (existsSync('/proc/self/task')) {
      // A thread's nice value is the 19th field of its stat line, counted after the name's closing parenthesis.
      const nice = readdirSync('/proc/self/task').map((t) => Number(readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
      assert.ok(nice.includes(10), `a thread at nice 10 among ${nice.join(',')}`);
    }
    await fresh.close();
  });
  const statuses = answers.map((a) => a.status).sort();
  assert.ok(statuses.includes(429), statuses.join(','));
  assert.ok(statuses.every((s) => s === 200 || s === 429), statuses.join(','));
  assert.ok(answers.find((a) => a.status === 429)!.json().detail.includes('at most 2'));
  // A client that goes away: its analysis is abandoned and the pool goes on.
  const { AnalysisPool } = await import('../../src/server/analysis-pool.js');
  const pool = new AnalysisPool(db, 1, 60_000);
  try {
    const gone = new AbortController();
    const abandoned = pool.run('stories', { q: '', limit: 20, minSize: 1 }, gone.signal);
    gone.abort();
    await assert.rejects(abandoned, /went away/);
    const next = await pool.run('network', { q: '', level: 'sentence', minWeight: 1, maxNodes: 100 });
    assert.ok(JSON.parse(next.toString()).nodes.length > 0, 'a fresh worker answers');
    await assert.rejects(pool.run('keyness', { q: '"port', ngram: 1, limit: 5, minFreq: 1, keepStopwords: false }), (e: Error) => e.constructor.name === 'QueryError', 'errors cross the thread as their own class');
  } finally {
    await pool.close();
  }
  // The readers' pool: a query whose client went away while it waited is never run; one already
  // running is let finish (a fresh worker would first reload the workspace's state).
  const readers = new AnalysisPool(db, 1, 60_000, { stopOnAbort: false });
  try {
    const params = { q: 'port', limit: 20, offset: 0, facets: [], facetLimit: 10, snippetWords: 24, collapse: false };
    const running = new AbortController();
    const first = readers.run('search', params, running.signal);
    const waiting = new AbortController();
    const queued = readers.run('search', params, waiting.signal);
    assert.equal(readers.waiting, 1);
    waiting.abort();
    running.abort();
    await assert.rejects(queued, /went away/);
    assert.equal(readers.waiting, 0, 'it left the queue');
    assert.ok(JSON.parse((await first).toString()).total > 0, 'the running one finished');
  } finally {
    await readers.close();
  }
  // Two pieces handed to a worker at once: each answer goes to its own query, in any order of arrival.
  const deep = new AnalysisPool(db, 1, 60_000, { stopOnAbort: false, depth: 2 });
  try {
    const params = { limit: 20, offset: 0, facets: [], facetLimit: 10, snippetWords: 24, collapse: false };
    const qs = ['port', 'port OR harbour', 'xyzzy-nothing', 'port -harbour'];
    const asked = qs.map((q) => deep.run('search', { ...params, q }));
    assert.equal(deep.waiting, 2, 'two handed to the one worker, two queued');
    const got = (await Promise.all(asked)).map((b) => JSON.parse(b.toString()) as { query: string; total: number });
    assert.deepEqual(got.map((r) => r.query), qs);
    assert.equal(got[2]!.total, 0);
    assert.ok(got[1]!.total >= got[0]!.total && got[0]!.total >= got[3]!.total && got[0]!.total > 0);
  } finally {
    await deep.close();
  }
});
