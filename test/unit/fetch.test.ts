/** The fetcher, fetch and watch against a real HTTP server on loopback. */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { Fetcher, isBlockedAddress } from '../../src/crawl/fetcher.js';
import { loopbackServer, runCliAsync, tempDir } from '../helpers.js';

const hits = new Map<string, number>();
let feedItems = 2;
/** Called once after the feed is next served (the watch test grows the feed between polls). */
let afterFeed: (() => void) | undefined;
let base = '';

const article = (n: number) => `<!doctype html><html><head><title>Story ${n}</title><meta property="og:site_name" content="Loopback News">
<meta property="article:published_time" content="2022-01-0${n}T09:00:00Z"></head><body><nav><a href="/">Home</a></nav>
<article><h1>Story ${n}</h1>${[1, 2, 3].map((p) => `<p>Story ${n}, paragraph ${p}: the council met on Thursday and agreed, after a long debate, to keep the emergency measures in place for another week.</p>`).join('')}</article>
<footer>© Loopback News</footer></body></html>`;

const feed = () => `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title><link>${base}/</link>
${Array.from({ length: feedItems }, (_, i) => `<item><title>Story ${i + 1}</title><link>${base}/story/${i + 1}</link><guid>story-${i + 1}</guid><description>Summary ${i + 1}.</description></item>`).join('')}
</channel></rss>`;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
  if (path === '/robots.txt') return send(200, 'User-agent: *\nDisallow: /private\n', { 'content-type': 'text/plain' });
  if (path === '/page') {
    if (req.headers['if-none-match'] === '"v1"') return send(304, '');
    return send(200, article(1), { etag: '"v1"', 'last-modified': 'Wed, 05 Jan 2022 09:00:00 GMT' });
  }
  const story = /^\/story\/(\d)$/.exec(path);
  if (story) return send(200, article(Number(story[1])));
  if (path === '/feed.xml') {
    const etag = `"items-${feedItems}"`;
    if (req.headers['if-none-match'] === etag) return send(304, '');
    send(200, feed(), { 'content-type': 'application/rss+xml', etag });
    const f = afterFeed;
    afterFeed = undefined;
    f?.();
    return;
  }
  if (path === '/redirect') return send(302, '', { location: '/page' });
  if (path === '/loop') return send(302, '', { location: '/loop' });
  if (path === '/to-file') return send(302, '', { location: 'file:///etc/passwd' });
  if (path === '/to-metadata') return send(302, '', { location: 'http://169.254.169.254/latest/meta-data/' });
  if (path === '/slow') {
    setTimeout(() => send(200, article(1)), 3000).unref();
    return;
  }
  if (path === '/big') return send(200, 'x'.repeat(2 * 1024 * 1024));
  if (path === '/flaky') return hits.get(path) === 1 ? send(503, 'busy', { 'retry-after': '0' }) : send(200, article(2));
  if (path === '/broken') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' });
    res.write('<html><body><p>cut');
    setTimeout(() => res.destroy(), 20);
    return;
  }
  if (path === '/sitemap.xml') {
    return send(200, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/story/3</loc></url><url><loc>${base}/missing</loc></url></urlset>`, { 'content-type': 'application/xml' });
  }
  if (path.startsWith('/private')) return send(200, article(9));
  send(404, 'not found');
}

loopbackServer(handle, (b) => (base = b));

const local = () => new Fetcher({ allowPrivate: true, hostDelayMs: 0, backoffMs: 10, timeoutMs: 1000, maxBytes: 1024 * 1024 });

test('fetches a page, then asks again conditionally and gets 304', async () => {
  const f = local();
  const r = await f.fetch(`${base}/page`);
  assert.equal(r.status, 200);
  assert.equal(r.etag, '"v1"');
  assert.match(Buffer.from(r.body).toString(), /Story 1/);
  const again = await f.fetch(`${base}/page`, { etag: r.etag! });
  assert.equal(again.notModified, true);
  await f.close();
});

test('follows redirects and reports the final URL; loops and non-http targets are refused', async () => {
  const f = local();
  assert.equal((await f.fetch(`${base}/redirect`)).url, `${base}/page`);
  await assert.rejects(f.fetch(`${base}/loop`), /more than 5 redirects/);
  await assert.rejects(f.fetch(`${base}/to-file`), /file: scheme is not fetched/);
  await f.close();
});

test('robots.txt rules are honoured', async () => {
  const f = local();
  const before = hits.get('/private/x') ?? 0;
  await assert.rejects(f.fetch(`${base}/private/x`), /disallowed by robots\.txt/);
  assert.equal(hits.get('/private/x') ?? 0, before, 'the disallowed page was never requested');
  await f.close();
});

test('slow, oversized and broken responses fail with a clear message', async () => {
  const f = local();
  await assert.rejects(f.fetch(`${base}/slow`), /\/slow: timed out/);
  await assert.rejects(f.fetch(`${base}/big`), /over the 1\.0 MiB limit/);
  await assert.rejects(f.fetch(`${base}/broken`), /\/broken: /);
  await f.close();
});

test('503 with Retry-After is retried', async () => {
  const f = local();
  const r = await f.fetch(`${base}/flaky`);
  assert.equal(r.status, 200);
  assert.equal(hits.get('/flaky'), 2);
  await f.close();
});

test('loopback, private and link-local addresses are refused by default, before any request', async () => {
  const f = new Fetcher({ hostDelayMs: 0 });
  const n = hits.get('/page') ?? 0;
  await assert.rejects(f.fetch(`${base}/page`), /private or reserved address/);
  await assert.rejects(f.fetch(base.replace('127.0.0.1', 'localhost') + '/page'), /localhost is not fetched|private or reserved/);
  await assert.rejects(f.fetch('http://169.254.169.254/latest/meta-data/'), /private or reserved/);
  assert.equal(hits.get('/page') ?? 0, n);
  await f.close();
  for (const a of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '127.0.0.1', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0']) assert.ok(isBlockedAddress(a), a);
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1']) assert.ok(!isBlockedAddress(a), a);
  // IPv6 forms that carry an IPv4 address, and ranges that are not the internet.
  for (const a of ['::127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:a00:1', '2002:7f00:1::', '2001:0:4136:e378::1', '100::1', 'fec0::1', '64:ff9b::a00:1', '192.88.99.1']) {
    assert.ok(isBlockedAddress(a), a);
  }
  assert.ok(!isBlockedAddress('::ffff:8.8.8.8'), 'a mapped public address is public');
});

test('private addresses are allowed for the hosts named, and only those', async () => {
  const named = new Fetcher({ allowPrivate: ['127.0.0.1'], hostDelayMs: 0, robots: false });
  assert.equal((await named.fetch(`${base}/page`)).status, 200);
  // A redirect to another private host is refused though the first host was allowed.
  await assert.rejects(named.fetch(`${base}/to-metadata`), /169\.254\.169\.254 is a private or reserved address/);
  await named.close();
  const other = new Fetcher({ allowPrivate: ['intranet.example'], hostDelayMs: 0, robots: false });
  await assert.rejects(other.fetch(`${base}/page`), /private or reserved address/);
  await other.close();
});

const fetchArgs = ['--allow-private', '--delay', '0', '--timeout', '2', '--no-annotate'];

test('newslens fetch: a feed with --follow stores the extracted pages; a second run adds nothing', async () => {
  const db = join(tempDir(), 'f.db');
  const first = await runCliAsync(['fetch', `${base}/feed.xml`, '--follow', '--db', db, '--json', ...fetchArgs]);
  assert.equal(first.status, 0, first.stderr);
  const s = JSON.parse(first.stdout) as { added: number; failed: number };
  assert.equal(s.added, 2);
  const shown = await runCliAsync(['show', '1', '--db', db, '--json']);
  const a = JSON.parse(shown.stdout) as { title: string; text: string; outlet: string; url: string; published: string; format: string };
  assert.equal(a.title, 'Story 1');
  assert.match(a.text, /^Story 1, paragraph 1: the council met/);
  assert.doesNotMatch(a.text, /Home|Loopback News/);
  assert.equal(a.url, `${base}/story/1`);
  assert.equal(a.published, '2022-01-01T09:00:00Z');
  const feedHits = hits.get('/feed.xml');
  const second = await runCliAsync(['fetch', `${base}/feed.xml`, '--follow', '--db', db, '--json', ...fetchArgs]);
  assert.equal((JSON.parse(second.stdout) as { added: number }).added, 0);
  assert.equal(hits.get('/feed.xml'), feedHits! + 1, 'one conditional request');
});

test('newslens fetch: a sitemap\'s pages are fetched; a missing page is one located failure and the rest is stored', async () => {
  const db = join(tempDir(), 's.db');
  const r = await runCliAsync(['fetch', `${base}/sitemap.xml`, `${base}/slow`, '--db', db, '--json', ...fetchArgs]);
  assert.equal(r.status, 1);
  const s = JSON.parse(r.stdout) as { added: number; failures: Array<{ source: string; locator?: string; message: string }> };
  assert.equal(s.added, 1);
  assert.ok(s.failures.some((f) => f.locator === 'entry 2' && /\/missing: HTTP 404/.test(f.message)), JSON.stringify(s.failures));
  assert.ok(s.failures.some((f) => f.source === `${base}/slow` && /timed out/.test(f.message)), JSON.stringify(s.failures));
  const refused = await runCliAsync(['fetch', `${base}/page`, '--db', db, '--json', '--delay', '0']);
  assert.equal(refused.status, 1);
  assert.match(refused.stdout, /private or reserved address/);
});

test('newslens watch: polls, takes in only new entries, and resumes after a restart', async () => {
  const db = join(tempDir(), 'w.db');
  feedItems = 2;
  const run = (cycles: number) => runCliAsync(['watch', `${base}/feed.xml`, '--interval', '0.3', '--cycles', String(cycles), '--db', db, '--json', ...fetchArgs]);
  // A third entry appears after the first poll.
  afterFeed = () => (feedItems = 3);
  const r = await run(2);
  assert.equal(r.status, 0, r.stderr);
  const polls = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { added: number });
  assert.deepEqual(polls.map((x) => x.added), [2, 1]);
  feedItems = 4;
  const restarted = await run(1);
  assert.deepEqual(restarted.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { added: number }).added), [1]);
});

test('a name that resolves to a private address is refused where the connection is made', async (t) => {
  const { lookup } = await import('node:dns/promises');
  const { hostname } = await import('node:os');
  const name = hostname();
  const addr = await lookup(name).catch(() => undefined);
  if (!addr || !isBlockedAddress(addr.address) || /^localhost$/i.test(name)) return t.skip(`${name} does not resolve to a private address here`);
  const f = new Fetcher({ hostDelayMs: 0, retries: 0 });
  const port = base.split(':').pop();
  await assert.rejects(f.fetch(`http://${name}:${port}/page`), new RegExp(`${name}:${port}/page: ${name} resolves to ${addr.address.replace(/\./g, '\\.')}, a private or reserved address`));
  await f.close();
});
