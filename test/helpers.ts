/** Shared by the tests: temporary folders and running the real CLI. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { buildArticle } from '../src/clean/article.js';
import { linkMentions } from '../src/link/resolve.js';
import { analyse } from '../src/nlp/annotate.js';
import { buildDoc } from '../src/nlp/doc.js';
import { findFigures } from '../src/nlp/figures.js';
import type { Article, EntityType, Mention, RawArticle } from '../src/model.js';

/** The repository root (tests run from dist/test/…). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');

/** An HTTP server on loopback for the file's tests: started before them (`ready` gets its address), closed after; `base` is the address once started. */
export function loopbackServer(handle: (req: IncomingMessage, res: ServerResponse) => void, ready?: (base: string) => void): { base: string } {
  const server = createServer(handle);
  const where = { base: '' };
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    where.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ready?.(where.base);
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return where;
}

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'newslens-test-'));
  after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input: opts.input,
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NEWSLENS_DB: '', ...opts.env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI with --json and parses what it printed. */
export function runJson<T = Record<string, unknown>>(args: string[], opts: Parameters<typeof runCli>[1] = {}): { status: number | null; value: T; stderr: string } {
  const r = runCli([...args, '--json'], opts);
  let value: T;
  try {
    value = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (status ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, value, stderr: r.stderr };
}

/**
 * Runs the CLI without blocking this process, for tests whose HTTP server
 * lives in the test process itself.
 */
export function runCliAsync(args: string[], opts: { env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NEWSLENS_DB: '', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** Text with mentions marked `[[Name|TYPE]]` → the plain text and its mentions, so a test says its own entities. */
export function marked(s: string): { text: string; mentions: Mention[] } {
  const mentions: Mention[] = [];
  let text = '';
  let at = 0;
  for (const m of s.matchAll(/\[\[([^|\]]+)\|(\w+)\]\]/g)) {
    text += s.slice(at, m.index);
    mentions.push({ start: text.length, end: text.length + m[1]!.length, type: m[2] as EntityType });
    text += m[1];
    at = m.index + m[0].length;
  }
  return { text: text + s.slice(at), mentions };
}

/** An article built from text with `[[Name|TYPE]]` mentions (unlinked), and its raw record, ready for `addArticle`. */
export function markedArticle(n: number, s: string, extra: Partial<RawArticle> = {}): { article: Article; raw: RawArticle } {
  const m = marked(s);
  const raw: RawArticle = { ref: { source: 'fixture.jsonl', locator: `line ${n}`, format: 'jsonl' }, externalId: `a${n}`, title: `Article ${n}`, text: m.text, ...extra };
  const a = buildArticle(raw);
  // buildArticle keeps clean text as given, so the marked offsets hold.
  if (a.text !== m.text) throw new Error(`fixture ${n}: buildArticle changed the text`);
  return { article: { ...a, mentions: m.mentions }, raw };
}

/** A doc from text with [[Name|TYPE]] mentions, linked (the tagger is not under test where this is used). */
export function docOf(s: string, published = '2022-01-10') {
  const { text, mentions } = marked(s);
  linkMentions(text, mentions);
  const sections = [{ kind: 'body' as const, start: 0, end: text.length }];
  const { tokens, sentences } = analyse(text, sections);
  return buildDoc(text, tokens, sentences, sections, mentions, findFigures(text, sentences, { published }));
}
