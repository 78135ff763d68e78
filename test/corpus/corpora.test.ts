/** The real corpora under ../shared/data/corpora go in whole, with nothing lost. */
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { runCli, runJson, tempDir } from '../helpers.js';
import { CORPORA } from './shared.js';

interface Summary {
  read: number;
  added: number;
  duplicates: number;
  failed: number;
  failures: unknown[];
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const l of createInterface({ input: createReadStream(path) })) if (l.trim()) n++;
  return n;
}

test('allsides world politics: every record read and stored, fields mapped', async () => {
  const file = join(CORPORA, 'allsides-world-politics', 'corpus.jsonl');
  const db = join(tempDir(), 'a.db');
  // Annotation is left to the smaller corpora below: this test is about reading and storing.
  const r = runJson<Summary>(['ingest', '--db', db, '--no-annotate', file]);
  assert.equal(r.status, 0, JSON.stringify(r.value.failures).slice(0, 500));
  assert.equal(r.value.read, await countLines(file));
  assert.equal(r.value.added + r.value.duplicates, r.value.read);
  const stats = runJson<{ articles: number; outlets: number; byLanguage: Array<{ key: string; count: number }> }>(['stats', '--db', db]).value;
  assert.equal(stats.articles, r.value.added);
  assert.ok(stats.outlets > 100, `outlets ${stats.outlets}`);
  assert.equal(stats.byLanguage[0]!.key, 'en');

  // The first record, field by field against the file itself.
  const first = JSON.parse((await createInterface({ input: createReadStream(file) })[Symbol.asyncIterator]().next()).value as string) as Record<string, string>;
  const shown = runJson<Record<string, unknown>>(['show', first.id!, '--db', db]).value;
  assert.equal(shown.external_id, first.id);
  assert.equal(shown.title, first.title);
  assert.equal(shown.outlet, first.outlet);
  assert.equal(shown.url, first.url);
  assert.equal(shown.published, first.published);
  assert.deepEqual((shown.authors as Array<{ name: string }>).map((a) => a.name).join(' and '), first.author);
});

test('story-labelled corpora are read and annotated without failures', async () => {
  for (const name of ['wikinewssum-sample', 'wikiref220']) {
    const file = join(CORPORA, 'clusters', name, 'articles.jsonl');
    const db = join(tempDir(), `${name}.db`);
    const r = runJson<Summary>(['ingest', '--db', db, file]);
    assert.equal(r.value.failed, 0, `${name}: ${JSON.stringify(r.value.failures).slice(0, 300)}`);
    assert.equal(r.value.read, await countLines(file));
    const stats = runJson<{ mentions: Array<{ key: string; count: number }>; figures: Array<{ key: string; count: number }> }>(['stats', '--db', db]).value;
    for (const type of ['PER', 'ORG', 'LOC']) assert.ok((stats.mentions.find((m) => m.key === type)?.count ?? 0) > 100, `${name}: ${type} mentions`);
    assert.ok((stats.figures.find((f) => f.key === 'date')?.count ?? 0) > 100, `${name}: dates`);
  }
});

test('the scale corpus streams through gzip with bounded failures', async () => {
  const file = join(CORPORA, 'scale', 'corpus.jsonl.gz');
  const db = join(tempDir(), 's.db');
  const r = runJson<Summary>(['ingest', '--db', db, '--no-annotate', file]);
  assert.equal(r.status, 0);
  assert.equal(r.value.read, 68956, 'the README counts 68,956 documents');
  assert.equal(r.value.failed, 0);
  assert.equal(r.value.added + r.value.duplicates, r.value.read);
  assert.match(runCli(['stats', '--db', db]).stdout, /Reuters/);
});
