/**
 * Annotation on worker threads (ingest and reprocess) gives the same
 * articles, in the same order, as annotation on the main thread; a failure in a worker fails that article
 * only.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AnnotatePool } from '../../src/nlp/annotate-pool.js';
import { ingest, POOL_AFTER, reprocess } from '../../src/pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers.js';

const NAMES = ['Sergei Lavrov', 'Angela Merkel', 'Joe Biden', 'Emmanuel Macron', 'Kassym-Jomart Tokayev'];
const PLACES = ['Moscow', 'Berlin', 'Washington', 'Paris', 'Almaty'];

test('ingest with worker threads stores what the main thread would, in input order', async () => {
  const dir = tempDir();
  const input = join(dir, 'in.jsonl');
  const n = POOL_AFTER + 40;
  const lines = Array.from({ length: n }, (_, i) => {
    const who = NAMES[i % NAMES.length]!;
    const where = PLACES[(i * 3) % PLACES.length]!;
    const text = `“We will not accept this,” said ${who} in ${where} on Monday. Police in ${where} arrested ${NAMES[(i + 1) % NAMES.length]} after protests, article ${i}.`;
    return JSON.stringify({ id: `a${i}`, title: `Report ${i}`, outlet: 'Wire', published: '2022-01-10', text });
  });
  writeFileSync(input, lines.join('\n') + '\n');
  const read = (store: ReturnType<typeof openSqliteStore>) =>
    Array.from({ length: n }, (_, i) => {
      const a = store.getArticle(String(i + 1))!;
      return { ext: a.externalId, mentions: a.mentions, quotes: a.quotes, events: a.events, tone: a.tone };
    });
  const annotated = async (workers: number) => {
    const store = openSqliteStore(join(dir, `w${workers}.db`));
    const s = await ingest([input], store, { workers });
    const out = read(store);
    store.close();
    return { s, out };
  };
  const here = await annotated(0);
  const pooled = await annotated(2);
  assert.equal(pooled.s.added, n);
  assert.equal(pooled.s.failed, 0);
  assert.deepEqual(pooled.out.map((a) => a.ext), lines.map((_, i) => `a${i}`));
  assert.deepEqual(pooled.out, here.out);
  assert.ok(here.out.every((a) => a.quotes.length === 1 && a.events.length >= 1));
  // Reprocess on the pool rebuilds the same.
  const store = openSqliteStore(join(dir, 'w0.db'));
  const r = await reprocess(store, { all: true, workers: 2 });
  assert.deepEqual([r.processed, r.updated, r.failed], [n, n, 0]);
  assert.deepEqual(read(store), here.out);
  store.close();
});

test('a worker failure fails that article only', async () => {
  const pool = new AnnotatePool(1, true);
  try {
    await assert.rejects(pool.annotate({ text: undefined as unknown as string, sections: [], published: undefined }), /undefined/);
    const ok = await pool.annotate({ text: 'Joe Biden met Emmanuel Macron in Paris.', sections: [{ kind: 'body', start: 0, end: 39 }], published: '2022-01-10' });
    assert.ok(ok.mentions.length >= 2);
  } finally {
    await pool.close();
  }
});

test('an article that exhausts a worker\'s memory fails alone: the jobs queued behind it are done by a new worker', async () => {
  // A small heap, so that an article of a megabyte exhausts it quickly (the model and the CAMEO lexicons take about 60 MB).
  const pool = new AnnotatePool(1, true, 96);
  const small = (n: number) => {
    const text = `Joe Biden met Emmanuel Macron in Paris on day ${n}.`;
    return pool.annotate({ text, sections: [{ kind: 'body', start: 0, end: text.length }], published: '2022-01-10' });
  };
  try {
    const para = 'President Alice Moreau of Valdora met Prime Minister Lars Holm in Norden on Monday, the ministry said. ';
    const huge = para.repeat(Math.ceil((1 << 20) / para.length));
    const big = pool.annotate({ text: huge, sections: [{ kind: 'body', start: 0, end: huge.length }], published: '2022-01-10' });
    const after = [small(1), small(2)];
    await assert.rejects(big, /too large to annotate: the annotator ran out of its 96 MB/);
    for (const r of await Promise.all(after)) assert.ok(r.mentions.length >= 2);
    assert.equal(pool.size, 1);
    assert.ok((await small(3)).mentions.length >= 2);
  } finally {
    await pool.close();
  }
});
