/**
 * Taking articles in through the API, on a real server on loopback: uploads
 * of every kind as jobs followed over Server-Sent Events, located failures,
 * the upload limit, upload names kept off the file system, fetch and watched
 * feeds against a real feed server on loopback.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { uploadLabel } from '../../src/server/ingest-routes.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { loopbackServer, tempDir } from '../helpers.js';

const dir = tempDir();
const db = join(dir, 'w.db');
let app: FastifyInstance;
let base = '';
const WRITE = { 'x-newslens-request': '1' };

const FEED = (host: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Port talks resume</title><link>${host}/talks</link><guid>wire-1</guid><pubDate>Mon, 13 Mar 2023 08:00:00 GMT</pubDate>
<description>The port authority and the union agreed on Sunday to resume talks, a spokesman said.</description></item>
</channel></rss>`;
const feeds = loopbackServer((req, res) => {
  if (req.url === '/feed.xml') {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(FEED(feeds.base));
  } else if (req.url === '/robots.txt') {
    res.writeHead(404).end();
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><head><title>Dock strike ends</title></head><body><article><h1>Dock strike ends</h1><p>Workers at the port of Valdora returned on Monday after a two-week strike over wages, the union said.</p><p>The port authority said the backlog of ships would take a month to clear.</p></article></body></html>');
  }
});

before(async () => {
  openSqliteStore(db).close();
  app = await buildServer({ db, uploadLimit: 200_000, fetch: { allowPrivate: true, hostDelayMs: 0 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
after(() => app.close());

/** Follows a job's Server-Sent Events to its end: the events' names, and the job as last sent. */
async function follow(id: string): Promise<{ events: string[]; job: any }> {
  const res = await fetch(`${base}/api/jobs/${id}/events`);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const text = await res.text();
  const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]!);
  const last = [...text.matchAll(/^data: (.*)$/gm)].pop()![1]!;
  return { events, job: JSON.parse(last) };
}

test('an upload of several formats, gzip included, is one job: progress over SSE, located failures, then searchable', async () => {
  const form = new FormData();
  form.append('files', new Blob(['{"title":"Strike at the port","text":"Dock workers in Valdora walked out on Monday.","outlet":"Wire","published":"2023-03-06"}\n{"title":"broken\n']), 'wire.jsonl');
  form.append('files', new Blob([gzipSync('title,text,outlet\nShelves empty,"Shops on the coast report empty shelves as the strike goes on.",Digest\n')]), 'digest.csv.gz');
  form.append('files', new Blob([Buffer.from([0, 1, 2, 3, 0, 0, 255])]), 'picture.jsonl');
  const res = await fetch(`${base}/api/ingest`, { method: 'POST', body: form, headers: WRITE });
  assert.equal(res.status, 202, await res.clone().text());
  const job = (await res.json()) as { id: string; label: string };
  assert.equal(res.headers.get('location'), `/api/jobs/${job.id}`);
  assert.equal(job.label, 'wire.jsonl, digest.csv.gz, picture.jsonl');
  const { events, job: done } = await follow(job.id);
  assert.equal(events.at(-1), 'done');
  assert.equal(done.state, 'done');
  assert.equal(done.summary.added, 2, JSON.stringify(done.summary));
  assert.ok(done.summary.failures.some((f: string) => /^wire\.jsonl \(line 2\): /.test(f)), 'the bad line named by the uploaded file and line');
  assert.ok(done.summary.failures.some((f: string) => /^picture\.jsonl: binary file/.test(f)));
  const search = (await (await fetch(`${base}/api/search?q=shelves`)).json()) as { total: number };
  assert.equal(search.total, 1);
  const status = (await (await fetch(`${base}/api/jobs/${job.id}`)).json()) as { state: string };
  assert.equal(status.state, 'done');
  assert.ok(((await (await fetch(`${base}/api/jobs`)).json()) as { jobs: Array<{ id: string }> }).jobs.some((j) => j.id === job.id));
});

test('uploads: over the limit is a 413, a path in a file name is only a label, no file or a bad field is a 400, a plain POST a 415', async () => {
  const big = new FormData();
  big.append('files', new Blob(['x'.repeat(300_000)]), 'big.txt');
  const tooBig = await fetch(`${base}/api/ingest`, { method: 'POST', body: big, headers: WRITE });
  assert.equal(tooBig.status, 413);
  assert.match(tooBig.headers.get('content-type') ?? '', /problem\+json/);

  assert.equal(uploadLabel('../../../etc/passwd.jsonl', 1), 'passwd.jsonl');
  assert.equal(uploadLabel('C:\\Users\\x\\evil\u202e.csv', 1), 'evil.csv');
  assert.equal(uploadLabel('', 3), 'upload 3');
  const sneaky = new FormData();
  sneaky.append('files', new Blob(['{"title":"Sneaky","text":"A file whose name climbs out of its folder."}\n']), '../../../../tmp/newslens-escape.jsonl');
  const r = await fetch(`${base}/api/ingest`, { method: 'POST', body: sneaky, headers: WRITE });
  assert.equal(r.status, 202);
  const { job } = await follow(((await r.json()) as { id: string }).id);
  assert.equal(job.summary.added, 1);
  assert.equal(existsSync('/tmp/newslens-escape.jsonl'), false);
  assert.ok(!readdirSync('/tmp').some((f) => f.startsWith('newslens-upload-')), 'the upload folder is removed after the job');

  const none = new FormData();
  none.append('format', 'jsonl');
  assert.equal((await fetch(`${base}/api/ingest`, { method: 'POST', body: none, headers: WRITE })).status, 400);
  const badField = new FormData();
  badField.append('format', 'pdf');
  badField.append('files', new Blob(['x']), 'a.txt');
  const bf = await fetch(`${base}/api/ingest`, { method: 'POST', body: badField, headers: WRITE });
  assert.equal(bf.status, 400);
  assert.match(((await bf.json()) as { detail: string }).detail, /format expects/);
  assert.equal((await fetch(`${base}/api/ingest`, { method: 'POST', body: '{}', headers: { ...WRITE, 'content-type': 'application/json' } })).status, 415);
  const noHeader = new FormData();
  noHeader.append('files', new Blob(['{"title":"t","text":"x"}\n']), 'a.jsonl');
  assert.equal((await fetch(`${base}/api/ingest`, { method: 'POST', body: noHeader })).status, 403, 'an upload changes the workspace: the CSRF rule holds');
});

test('fetch a feed as a job; watch a feed: polled at once, listed with its last result, removed', async () => {
  const r = await fetch(`${base}/api/fetch`, { method: 'POST', body: JSON.stringify({ urls: [`${feeds.base}/feed.xml`], follow: true }), headers: { ...WRITE, 'content-type': 'application/json' } });
  assert.equal(r.status, 202, await r.clone().text());
  const { job } = await follow(((await r.json()) as { id: string }).id);
  assert.equal(job.state, 'done');
  assert.equal(job.summary.added, 1, JSON.stringify(job.summary));
  assert.equal(((await (await fetch(`${base}/api/search?q=backlog`)).json()) as { total: number }).total, 1, 'the page behind the entry was fetched and extracted');
  const bad = await fetch(`${base}/api/fetch`, { method: 'POST', body: JSON.stringify({ urls: ['file:///etc/passwd'] }), headers: { ...WRITE, 'content-type': 'application/json' } });
  assert.equal(bad.status, 400);

  const add = await fetch(`${base}/api/feeds`, { method: 'POST', body: JSON.stringify({ url: `${feeds.base}/feed.xml`, intervalSeconds: 3600 }), headers: { ...WRITE, 'content-type': 'application/json' } });
  assert.equal(add.status, 201, await add.clone().text());
  const feed = (await add.json()) as { id: number; intervalSeconds: number };
  assert.equal(feed.intervalSeconds, 3600);
  let listed: Array<{ id: number; polledAt?: string; lastResult?: string }> = [];
  for (let i = 0; i < 100 && !listed[0]?.polledAt; i++) {
    await new Promise((w) => setTimeout(w, 50));
    listed = ((await (await fetch(`${base}/api/feeds`)).json()) as { feeds: typeof listed }).feeds;
  }
  assert.equal(listed.length, 1);
  assert.match(listed[0]!.lastResult ?? '', /0 new, \d+ already stored, 0 failed/, 'the entry fetched before is not taken in twice');
  assert.equal((await fetch(`${base}/api/feeds`, { method: 'POST', body: JSON.stringify({ url: `${feeds.base}/feed.xml`, intervalSeconds: 5 }), headers: { ...WRITE, 'content-type': 'application/json' } })).status, 400, 'an interval under a minute');
  assert.equal((await fetch(`${base}/api/feeds/${feed.id}`, { method: 'DELETE', headers: WRITE })).status, 200);
  assert.equal(((await (await fetch(`${base}/api/feeds`)).json()) as { feeds: unknown[] }).feeds.length, 0);
  assert.equal((await fetch(`${base}/api/feeds/${feed.id}`, { method: 'DELETE', headers: WRITE })).status, 404);
});
