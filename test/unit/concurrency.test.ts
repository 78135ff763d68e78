/**
 * One workspace, many processes: writers wait their turn and lose nothing,
 * readers never wait and never write, a read-only file can be read, a
 * missing one is not invented, and an interrupted ingest keeps what it read
 * and leaves nothing for the next run to trip on.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { linkMentions } from '../../src/link/resolve.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { CLI, markedArticle, ROOT, runCli, runCliAsync, runJson, tempDir, type CliResult } from '../helpers.js';

const dir = tempDir();
const PEOPLE = ['Maria Lindqvist', 'Tomas Berg', 'Anna Kowalska', 'Jonas Eriksen', 'Elena Petrova'];
const PLACES = ['Valdora', 'Ostria', 'Kernholm', 'Pellago'];

/** `n` distinct articles as JSON Lines, each naming people and places (so annotation has work and entities). */
function articles(file: string, n: number, tag: string): string {
  const lines = Array.from({ length: n }, (_, i) => {
    const who = PEOPLE[i % PEOPLE.length]!;
    const where = PLACES[i % PLACES.length]!;
    const text = [
      `${who} said on Monday that the port of ${where} would stay closed until the talks resume, in report ${tag}-${i}.`,
      `"We will not give in," ${who.split(' ')[1]} told reporters in ${where}, where dock workers walked off the job after wage talks broke down.`,
      `The union and the port authority of ${where} are to meet again next week, officials said.`,
    ].join('\n\n');
    return JSON.stringify({ id: `${tag}-${i}`, title: `Port of ${where}: report ${tag}-${i}`, text, outlet: 'Test Wire', published: '2022-01-05' });
  });
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const count = (db: string) => (runJson<{ articles: number }>(['stats', '--db', db]).value.articles);

test('two annotated ingests at once into a new workspace, searched throughout: both exit 0, every article stored, every search answers', async () => {
  const db = join(dir, 'two.db');
  const inputs = ['a', 'b'].map((t) => readFileSync(articles(join(dir, `${t}.jsonl`), 400, t), 'utf8').trim().split('\n'));
  // Fed through pipes in rounds, so the writers are busy while each search runs.
  const writers = inputs.map(() => spawn(process.execPath, [CLI, 'ingest', '-', '--db', db, '--json', '--workers', '1'], { cwd: ROOT, env: { ...process.env, NEWSLENS_DB: '' } }));
  const results = writers.map(
    (w) =>
      new Promise<CliResult>((r) => {
        let stdout = '';
        let stderr = '';
        w.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        w.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        w.on('close', (status) => r({ status, stdout, stderr }));
      }),
  );
  const searches: CliResult[] = [];
  for (let round = 0; round < 5; round++) {
    writers.forEach((w, i) => w.stdin.write(inputs[i]!.slice(round * 80, round * 80 + 80).join('\n') + '\n'));
    for (let i = 0; i < 100 && !existsSync(db); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    searches.push(await runCliAsync(['search', 'port', '--db', db, '--json']), await runCliAsync(['stats', '--db', db, '--json']));
  }
  for (const w of writers) w.stdin.end();
  const [ra, rb] = await Promise.all(results);
  assert.equal(ra!.status, 0, ra!.stderr);
  assert.equal(rb!.status, 0, rb!.stderr);
  assert.equal(JSON.parse(ra!.stdout).added + JSON.parse(rb!.stdout).added, 800);
  assert.equal(count(db), 800);
    for (const s of searches) assert.equal(s.status, 0, s.stderr);
  // The entities were rebuilt with every article in (the later run's rebuild saw both).
  const people = runJson<{ entities: Array<{ name: string; articles: number }> }>(['entities', '--type', 'PER', '--db', db]).value.entities;
  assert.equal(people.find((e) => e.name === 'Maria Lindqvist')?.articles, 160);
});

test('processes that create one new workspace at the same instant all open it: the switch to WAL is waited for, not refused', async () => {
  // Each process loads the store first and then waits for one shared instant, so their opens meet;
  // unsynchronised, node's start-up spreads them apart and the race is rarely hit.
  const store = join(ROOT, 'dist/src/store/sqlite.js');
  const opener = `import { openSqliteStore } from ${JSON.stringify(store)};
    const at = Number(process.argv[2]);
    while (Date.now() < at);
    openSqliteStore(process.argv[1]).close();`;
  const failures: string[] = [];
  for (let round = 0; round < 12; round++) {
    const db = join(dir, `created-${round}.db`);
    const at = String(Date.now() + 800);
    const runs = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', opener, db, at], { cwd: ROOT });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      return new Promise<string | undefined>((r) => child.on('close', (status) => r(status === 0 ? undefined : `round ${round}: exit ${status}: ${stderr.split('\n').find((l) => /^\w*Error:/.test(l)) ?? stderr}`)));
    });
    for (const f of await Promise.all(runs)) if (f) failures.push(f);
    const check = new Database(db, { readonly: true });
    assert.equal(check.pragma('journal_mode', { simple: true }), 'wal', `round ${round}`);
    check.close();
  }
  assert.deepEqual(failures, []);
});

test('readers answer while another process holds the write lock; a writer waits for it and then stores everything', async () => {
  const db = join(dir, 'lock.db');
  runCli(['ingest', articles(join(dir, 'c.jsonl'), 10, 'c'), '--db', db, '--no-annotate']);
  const holder = new Database(db);
  holder.exec('BEGIN IMMEDIATE');
  holder.prepare("INSERT INTO settings (key, value) VALUES ('held', '1')").run();
  try {
    for (const args of [['search', 'port'], ['stats'], ['entities'], ['articles'], ['kwic', 'port']]) {
      const r = runCli([...args, '--db', db]);
      assert.equal(r.status, 0, `${args[0]}: ${r.stderr}`);
    }
    const writer = runCliAsync(['ingest', articles(join(dir, 'd.jsonl'), 10, 'd'), '--db', db, '--no-annotate', '--json']);
    await new Promise((r) => setTimeout(r, 2500));
    holder.exec('COMMIT');
    const w = await writer;
    assert.equal(w.status, 0, w.stderr);
    assert.equal(JSON.parse(w.stdout).added, 10);
  } finally {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
  }
  assert.equal(count(db), 20);
});

test('commands other than ingest, fetch and watch refuse a workspace that does not exist, and do not create it', () => {
  const missing = join(dir, 'typo.db');
  for (const args of [['stats'], ['articles'], ['search', 'x'], ['entities'], ['kwic', 'x'], ['export'], ['show', '1'], ['quotes'], ['events'], ['reprocess'], ['optimize'], ['entity', 'X', '--rename', 'Y']]) {
    const r = runCli([...args, '--db', missing]);
    assert.equal(r.status, 2, args[0]);
    assert.match(r.stderr, new RegExp(`no workspace at ${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), args[0]);
    assert.equal(existsSync(missing), false, `${args[0]} created the file`);
  }
});

test('a workspace the user cannot write can still be searched and listed', (t) => {
  const db = join(dir, 'ro-src.db');
  runCli(['ingest', articles(join(dir, 'e.jsonl'), 5, 'e'), '--db', db, '--no-annotate']);
  const folder = join(dir, 'readonly');
  mkdirSync(folder);
  const file = join(folder, 'w.db');
  copyFileSync(db, file);
  const asNobody = process.getuid?.() === 0;
  // Root may write anything, so the reader runs as nobody; anyone else loses write permission.
  chmodSync(file, 0o444);
  chmodSync(folder, 0o555);
  chmodSync(dir, 0o755);
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args, '--db', file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEWSLENS_DB: '' }, ...(asNobody ? { uid: 65534, gid: 65534 } : {}) });
  const probe = run(['--version']);
  if (probe.status !== 0) return t.skip(`the CLI cannot run as an unprivileged user here: ${probe.stderr.split('\n')[0]}`);
  try {
    const s = run(['search', 'port', '--json']);
    assert.equal(s.status, 0, s.stderr);
    assert.equal(JSON.parse(s.stdout).total, 5);
    assert.equal(run(['stats']).status, 0);
    assert.equal(run(['entities']).status, 0);
  } finally {
    chmodSync(folder, 0o755);
  }
});

test('Ctrl-C during an annotated ingest stores the articles in hand, reports, exits 130; the next run adds the rest', async () => {
  const db = join(dir, 'int.db');
  const input = articles(join(dir, 'f.jsonl'), 30, 'f');
  const lines = readFileSync(input, 'utf8').trim().split('\n');
  // A pipe that sends 20 articles and then waits, as a slow export would: Ctrl-C comes while more are awaited.
  const child = spawn(process.execPath, [CLI, 'ingest', '-', '--db', db, '--json', '--workers', '0'], { cwd: ROOT, env: { ...process.env, NEWSLENS_DB: '' } });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  child.stdin.write(lines.slice(0, 20).join('\n') + '\n');
  // What was read is stored within a second or so, though the input has not ended.
  let stored = 0;
  for (let i = 0; i < 100 && stored < 20; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (existsSync(db)) stored = runJson<{ articles: number }>(['stats', '--db', db]).value?.articles ?? 0;
  }
  assert.equal(stored, 20, 'articles from a pipe are written while it waits');
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  const first = JSON.parse(stdout) as { added: number; interrupted: boolean };
  assert.equal(first.interrupted, true);
  assert.equal(first.added, 20);
  assert.ok(runJson<{ entities: unknown[] }>(['entities', '--db', db]).value.entities.length > 0, 'entities rebuilt before exit');
  const again = runJson<{ added: number; duplicates: number }>(['ingest', input, '--db', db, '--workers', '0']);
  assert.equal(again.status, 0);
  assert.equal(again.value.added, 10);
  assert.equal(again.value.duplicates, 20);
  assert.equal(count(db), 30);
});

test('articles written by a run that died before its entity rebuild get their entities from the next run, even one that adds nothing', () => {
  const db = join(dir, 'stale.db');
  const store = openSqliteStore(db);
  const linked = (n: number, s: string) => {
    const a = markedArticle(n, s);
    linkMentions(a.article.text, a.article.mentions);
    return a;
  };
  store.addArticles([linked(1, '[[Maria Lindqvist|PER]] visited [[Valdora|LOC]].'), linked(2, '[[Lindqvist|PER]] left [[Valdora|LOC]].')]);
  // No rebuild: as if killed here.
  store.close();
  assert.equal(runJson<{ entities: unknown[] }>(['entities', '--db', db]).value.entities.length, 0);
  const empty = join(dir, 'empty-folder');
  mkdirSync(empty);
  assert.equal(runCli(['ingest', empty, '--db', db]).status, 0);
  const names = runJson<{ entities: Array<{ name: string }> }>(['entities', '--db', db]).value.entities.map((e) => e.name);
  assert.deepEqual(names.sort(), ['Maria Lindqvist', 'Valdora']);
});
