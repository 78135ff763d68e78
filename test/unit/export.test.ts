import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { exportInThreads } from '../../src/cli/export-threads.js';
import { articleRecord, exportChunks, EXPORT_FORMATS, EXPORT_KINDS } from '../../src/query/export.js';
import { delimitedRows } from '../../src/query/tabular.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { marked, markedArticle, runCli, tempDir } from '../helpers.js';

/** An article whose text is stored as given, control characters and all (buildArticle would clean them away, and a workspace made earlier may hold them). */
function verbatim(n: number, s: string) {
  const { text, mentions } = marked(s);
  const built = markedArticle(n, 'placeholder');
  return { raw: built.raw, article: { ...built.article, text, mentions, sections: [{ kind: 'body' as const, start: 0, end: text.length }] } };
}

test("the articles export writes each record as JSON.stringify does, though SQLite writes the mentions' part", () => {
  const path = join(tempDir(), 'w.db');
  const store = openSqliteStore(path);
  // Text JSON escapes differently in places: quotes, backslashes, control characters, U+2028; and
  // characters outside the BMP before a mention (offsets count UTF-16 units, SQLite counts characters).
  const one = verbatim(1, '«Ω» [[Vladimir "Vova" Putin|PER]] met [[C:\\Kremlin\\Office|ORG]] in [[Zoë\u0001Town|LOC]].\u2028Then [[Ak\u2029orda|ORG]] spoke\ttwice.');
  one.article.mentions[0]!.entityId = 'PER|Vladimir Putin';
  one.article.mentions[1]!.entityId = 'ORG|Kremlin';
  one.article.mentions[1]!.parentId = 'GPE|Russia';
  one.article.mentions[3]!.parentId = 'GPE|Kazakhstan';
  const two = markedArticle(2, 'No one is named here.');
  const three = markedArticle(3, 'Only [[Astana|LOC]] is.');
  const four = verbatim(4, '😀🇰🇿 Then [[Almaty|LOC]] 𝔸 and [[Astana|LOC]].');
  const ids = store.addArticles([one, two, three, four]).map((o) => (o.status === 'added' ? o.id : -1));
  // As migration 4 filled in surfaces in workspaces made before it: cut by characters, wrong past an emoji.
  const raw = new Database(path);
  raw.prepare('UPDATE mentions SET surface = (SELECT substr(a.text, mentions.start + 1, mentions.end - mentions.start) FROM articles a WHERE a.id = mentions.article_id) WHERE article_id = ?').run(ids[3]);
  assert.notEqual(raw.prepare('SELECT surface FROM mentions WHERE article_id = ? AND seq = 0').pluck().get(ids[3]), 'Almaty', 'the fixture has the old surfaces');
  raw.close();
  const expected = ids.map((id) => JSON.stringify(articleRecord(store.getArticle(String(id))!)) + '\n').join('');
  assert.equal([...exportChunks(store, 'articles', 'jsonl')].join(''), expected);
  const first = JSON.parse(expected.split('\n')[0]!) as { mentions: Array<Record<string, unknown>> };
  assert.deepEqual(
    first.mentions.map((m) => [m.text, m.entityId, m.parentId]),
    [
      ['Vladimir "Vova" Putin', 'PER|Vladimir Putin', undefined],
      ['C:\\Kremlin\\Office', 'ORG|Kremlin', 'GPE|Russia'],
      ['Zoë\u0001Town', undefined, undefined],
      ['Ak\u2029orda', undefined, 'GPE|Kazakhstan'],
    ],
  );
  assert.deepEqual((JSON.parse(expected.split('\n')[3]!) as { mentions: Array<{ text: string }> }).mentions.map((m) => m.text), ['Almaty', 'Astana']);
  store.close();
});

test('an export spread over threads is the same, byte for byte, as one made on one thread, for every kind and format, all articles or a query', async () => {
  const dir = tempDir();
  const db = join(dir, 'w.db');
  const lines = Array.from({ length: 23 }, (_, i) =>
    JSON.stringify({
      id: `t-${i}`,
      outlet: i % 2 ? 'Valdora Times' : 'Norden Post',
      title: `Talks in Valdora, day ${i}`,
      published: `2023-03-${String((i % 27) + 1).padStart(2, '0')}`,
      text: `President Alice Moreau of Valdora met Prime Minister Lars Holm in Norden on Monday. "We will not give in on the ${i} points," Moreau said. Holm said that the talks had failed, and Norden accused Valdora of breaking the treaty. The army of Valdora attacked rebels near Stava, killing ${i + 2} people.`,
    }),
  );
  writeFileSync(join(dir, 'in.jsonl'), lines.join('\n') + '\n');
  assert.equal(runCli(['ingest', join(dir, 'in.jsonl'), '--db', db, '-q']).status, 0);
  const store = openSqliteStore(db, { readonly: true, mustExist: true });
  const text = async (chunks: AsyncIterable<string | Uint8Array> | Iterable<string>) => {
    const parts: Buffer[] = [];
    for await (const c of chunks) parts.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
    return Buffer.concat(parts).toString('utf8');
  };
  let annotated = 0;
  for (const query of [undefined, 'treaty day']) {
    for (const what of EXPORT_KINDS) {
      for (const format of EXPORT_FORMATS) {
        const one = await text(exportChunks(store, what, format, query));
        // Pages of 3 articles over 2 threads: pages come back out of order and must be written in order.
        const spread = await text(exportInThreads(store, db, what, format, query, { threads: 2, page: 3, minArticles: 0 }));
        assert.equal(spread, one, `${what} as ${format}${query ? ` for "${query}"` : ''}`);
        if (what !== 'articles' && format === 'jsonl') annotated += one.split('\n').filter(Boolean).length;
      }
    }
  }
  // The comparison means something only if the annotations are there to export.
  assert.ok(annotated > 23 * 4, `only ${annotated} annotation rows exported`);
  // A bad query fails before any thread starts; a thread that fails fails the export, which does not hang.
  await assert.rejects(async () => text(exportInThreads(store, db, 'articles', 'jsonl', 'entity:', { threads: 2, minArticles: 0 })));
  await assert.rejects(async () => text(exportInThreads(store, join(dir, 'gone.db'), 'articles', 'jsonl', undefined, { threads: 2, minArticles: 0 })), /no workspace at .*gone\.db/);
  store.close();
});

test('CSV quotes a value with a comma, a double quote or a line break (RFC 4180) and reads back the same; TSV turns tabs and breaks into spaces', () => {
  const values = ['plain', 'a, b', 'say "no"', 'two\nlines', 'cr\rhere', '', ' padded ', 'tab\there', 'ünïcode 😀'];
  const csv = delimitedRows([values, [1, null, undefined, 2.5, { a: 1 }, true, 'x', 'y', 'z']], 'csv');
  assert.deepEqual(parse(csv, { relax_column_count: false }), [values, ['1', '', '', '2.5', '{"a":1}', 'true', 'x', 'y', 'z']]);
  assert.equal(csv.split('\n')[0], 'plain,"a, b","say ""no""","two');
  const tsv = delimitedRows([values], 'tsv');
  assert.equal(tsv, 'plain\ta, b\tsay "no"\ttwo lines\tcr here\t\t padded \ttab here\tünïcode 😀\n');
});
