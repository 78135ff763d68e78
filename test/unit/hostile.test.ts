/**
 * Hostile input, end to end: a generated corpus of broken, oversized,
 * nested and booby-trapped files through ingest, every reader and extract;
 * hostile servers on loopback through fetch; hostile queries through search
 * and kwic. Each gets one located error (or is stored clean), the rest of
 * the batch is kept, and no stack trace reaches the user.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FORMATS } from '../../src/model.js';
import { readInputs } from '../../src/sources/read.js';
import { decodeBytes } from '../../src/sources/decode.js';
import { extractPage } from '../../src/html/extract.js';
import { writeHostileCorpus, type HostileInput } from '../hostile-corpus.js';
import { loopbackServer, runCli, runCliAsync, runJson, tempDir } from '../helpers.js';

const dir = tempDir();
const corpus = join(dir, 'corpus');
let inputs: HostileInput[] = [];
const STACK = /^\s+at .+\(|node:internal/m;

before(() => {
  // Half size: the bombs still unzip to 100 MiB, ten times the one-document limit.
  mkdirSync(corpus, { recursive: true });
  inputs = writeHostileCorpus(corpus, 0.5);
  writeFileSync(join(corpus, 'zz-good.txt'), 'A good article\n\n' + 'Dock workers in the port of Valdora walked off the job on Monday after talks broke down. '.repeat(4));
});

interface Summary {
  read: number;
  added: number;
  failed: number;
  failures: Array<{ source: string; locator?: string; message: string }>;
  warnings: Array<{ source: string; locator?: string; message: string }>;
}

test('ingest of the hostile corpus: one located error each, warnings that name the place, the rest stored clean', () => {
  const db = join(dir, 'h.db');
  const r = runJson<Summary>(['ingest', corpus, '--db', db, '--no-annotate']);
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stderr, STACK);
  const s = r.value;
  const exported = runCli(['export', '--db', db]).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { source: string; text: string; title: string });
  for (const input of inputs) {
    const path = join(corpus, input.name);
    const failures = s.failures.filter((f) => f.source === path);
    const stored = exported.filter((a) => a.source === path);
    if (input.expect === 'fail') {
      assert.ok(failures.length >= 1, `${input.name}: no failure (${JSON.stringify(s.failures.map((f) => f.source))})`);
      if (input.says) assert.match(failures[0]!.message, input.says, input.name);
      assert.doesNotMatch(failures[0]!.message, /Maximum call stack|SQLITE|at position \d{6,}/, input.name);
    } else {
      assert.equal(failures.length, 0, `${input.name}: ${JSON.stringify(failures)}`);
      assert.ok(stored.length >= 1, `${input.name}: not stored`);
      if (input.expect === 'warn' && input.says) assert.ok(s.warnings.some((w) => w.source === path && input.says!.test(w.message)), `${input.name}: ${JSON.stringify(s.warnings.filter((w) => w.source === path))}`);
      if (input.without) for (const a of stored) assert.doesNotMatch(a.title + a.text, input.without, input.name);
    }
  }
  // The line after an oversized first line is read, not lost with it.
  assert.ok(exported.some((a) => a.title === 'After the long line'));
  assert.ok(exported.some((a) => a.title === 'A good article'), 'the good file beside them is stored');
});

test('every reader, forced on every hostile file, gives articles or errors naming the file, and never throws', async () => {
  for (const input of inputs) {
    const path = join(corpus, input.name);
    for (const format of FORMATS) {
      for await (const item of readInputs([path], { format }, { bytes: 0 })) {
        if (!item.ok) {
          assert.equal(item.error.source, path);
          assert.doesNotMatch(item.error.message, /Maximum call stack/, `${input.name} as ${format}`);
        }
      }
    }
  }
});

test('extract on the hostile pages: an article or one clear error, no escapes printed, no stack trace', () => {
  for (const input of inputs.filter((i) => i.page)) {
    const r = runCli(['extract', join(corpus, input.name)]);
    assert.ok(r.status === 0 || r.status === 1 || r.status === 2, `${input.name}: ${r.status}`);
    assert.doesNotMatch(r.stderr, STACK, input.name);
    assert.doesNotMatch(r.stdout, /[\u001b\u0007\u202e]/, input.name);
    if (input.expect === 'fail') assert.match(r.stderr, input.says ?? /newslens:/, input.name);
    else assert.match(r.stdout, /The council met on Monday/, input.name);
  }
});

test('deeply nested markup keeps its text and costs time linear in its size', () => {
  const page = (n: number) => `<html><body>${'<div><span><b>'.repeat(n)}<p>${'The council met on Monday and agreed a budget. '.repeat(5)}</p></body></html>`;
  const time = (n: number) => {
    const t = performance.now();
    const p = extractPage(page(n));
    assert.match(p.blocks.map((b) => b.text).join(' '), /The council met on Monday/);
    return performance.now() - t;
  };
  time(2000);
  // Ten times the depth past the cap: no more than linear growth (quadratic would be 100×).
  const small = Math.max(time(5000), 1);
  const big = time(50_000);
  assert.ok(big < small * 40, `5,000 levels ${small.toFixed(0)} ms, 50,000 levels ${big.toFixed(0)} ms`);
});

test('UTF-8 warnings name the first bad byte, counting overlong forms and surrogates as bad', () => {
  const at = (bytes: number[]) => /offset (\d+)/.exec(decodeBytes(Buffer.from([0x41, 0x42, ...bytes, 0x43])).warning ?? '')?.[1];
  assert.equal(at([0xed, 0xa0, 0x80]), '2', 'a surrogate');
  assert.equal(at([0xe0, 0x80, 0xaf]), '2', 'an overlong slash');
  assert.equal(at([0xf0, 0x80, 0x80, 0xaf]), '2', 'an overlong four-byte form');
  assert.equal(at([0xf4, 0x90, 0x80, 0x80]), '2', 'past U+10FFFF');
  assert.equal(at([0xc3, 0xa9, 0xff]), '4', 'after a good é');
});

// ---- hostile servers --------------------------------------------------------

const good = `<html><head><title>Good page</title></head><body><article><h1>Good page</h1>${'<p>The council met on Monday and agreed a budget for the coming year after a long debate.</p>'.repeat(4)}</article></body></html>`;
function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  if (path === '/robots.txt') return void res.writeHead(404).end();
  if (path === '/good') return void res.writeHead(200, { 'content-type': 'text/html' }).end(good);
  if (path === '/nested') return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${'<div>'.repeat(100_000)}${good}</body></html>`);
  if (path === '/bomb') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61)));
  if (path === '/metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  if (path === '/busy') return void res.writeHead(503, { 'retry-after': '99999' }).end('busy');
  if (path === '/drip') {
    res.writeHead(200, { 'content-type': 'text/html' });
    const t = setInterval(() => res.write('a'), 1000);
    res.on('close', () => clearInterval(t));
    return;
  }
  res.writeHead(404).end();
}
const server = loopbackServer(handle);

test('fetch from hostile servers: each page one located failure within its timeout, the good page stored', async () => {
  const db = join(dir, 'f.db');
  const base = server.base;
  const urls = ['/nested', '/bomb', '/metadata', '/busy', '/drip', '/good'].map((p) => base + p);
  const started = performance.now();
  const r = await runCliAsync(['fetch', ...urls, '--allow-private', '--delay', '0', '--timeout', '3', '--no-annotate', '--json', '--db', db]);
  const seconds = (performance.now() - started) / 1000;
  assert.doesNotMatch(r.stderr, STACK);
  const s = JSON.parse(r.stdout) as Summary;
  const failure = (p: string) => s.failures.find((f) => f.source === base + p)?.message ?? '';
  assert.match(failure('/metadata'), /169\.254\.169\.254 is a private or reserved address/, 'a redirect to another host is checked even with --allow-private');
  assert.match(failure('/busy'), /HTTP 503, asked to retry in 99999 s; no time left/);
  assert.match(failure('/drip'), /timed out/);
  assert.match(failure('/bomb'), /body unzips to more than the 10\.0 MiB limit/);
  assert.equal(s.added, 2, JSON.stringify(s.failures));
  // Every wait is bounded by --timeout 3: the drip and the 503 end at their deadline, not after minutes.
  assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
});

test('an unreachable host is said to be unreachable, not disallowed by robots.txt', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const r = runCli(['extract', `http://127.0.0.1:${port}/page`, '--allow-private', '--timeout', '2']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  assert.doesNotMatch(r.stderr, /robots/);
});

// ---- hostile queries ---------------------------------------------------------

test('hostile queries: repetition, huge negations and deep nesting answer fast or fail with a located query error', () => {
  const db = join(dir, 'q.db');
  runCli(['ingest', join(corpus, 'zz-good.txt'), '--db', db, '--no-annotate']);
  const run = (args: string[]) => {
    const r = runCli([...args, '--db', db]);
    assert.doesNotMatch(r.stderr, STACK);
    assert.doesNotMatch(r.stderr, /fts5|SQLITE|Maximum call stack/i);
    return r;
  };
  // Under the limits, repeats cost what one term costs and give its answer.
  const once = run(['search', 'workers', '--json']);
  const repeated = run(['search', Array(200).fill('workers').join(' OR '), '--json']);
  assert.equal(JSON.parse(repeated.stdout).total, JSON.parse(once.stdout).total);
  assert.equal(run(['kwic', Array(200).fill('workers').join(' '), '--json']).status, 0);
  assert.equal(run(['search', `workers ${Array.from({ length: 250 }, (_, i) => `-x${i}`).join(' ')}`]).status, 0);
  // Past them: one line saying which limit, with a caret at the place.
  const tooMany = run(['search', Array(3000).fill('a*').join(' ')]);
  assert.equal(tooMany.status, 2);
  assert.match(tooMany.stderr, /more than 256 terms/);
  assert.ok(tooMany.stderr.split('\n').every((l) => l.length < 200), 'the echo of a long query is cut to the place');
  const deep = run(['search', '('.repeat(10_000) + 'a' + ')'.repeat(10_000)]);
  assert.equal(deep.status, 2);
  assert.match(deep.stderr, /characters long|nested more than/);
  const deepShort = run(['search', '('.repeat(40) + 'a' + ')'.repeat(40)]);
  assert.match(deepShort.stderr, /nested more than 32 deep/);
});
