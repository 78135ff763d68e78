/** The real CLI on real files and a real SQLite workspace, good input and bad. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT, runCli, runJson, tempDir } from '../helpers.js';

interface Summary {
  read: number;
  added: number;
  duplicates: number;
  failed: number;
  failures: Array<{ source: string; locator?: string; message: string }>;
  warnings: Array<{ source: string; locator?: string; message: string }>;
}

const line = (o: object) => JSON.stringify(o) + '\n';

function badBatch(dir: string): string[] {
  const f = (name: string, data: string | Buffer) => {
    writeFileSync(join(dir, name), data);
    return join(dir, name);
  };
  const latinLine = Buffer.concat([Buffer.from('{"title":"Caf'), Buffer.from([0xe9]), Buffer.from(' news","text":"Body in Windows-1252: na'), Buffer.from([0xef]), Buffer.from('ve."}\n')]);
  return [
    f('a.jsonl', Buffer.concat([
      Buffer.from(line({ title: 'One', text: 'First good article.' })),
      Buffer.from('{"title": "Broken", "text": \n'),
      Buffer.from(line({ title: 'Two', text: 'Second good article.' })),
      Buffer.from(line({ title: 'No text here' })),
      latinLine,
    ])),
    f('b.json', JSON.stringify([{ headline: 'Three', body: 'Third good article.' }, { headline: 'Four', body: 'Fourth good article.' }])),
    f('c.csv', 'title,text,date\n"Five","Fifth good article.",2022-01-05\n"Bad row","too","many","cells"\n"Six","Sixth good article.",not-a-date\n'),
    f('empty.txt', ''),
    f('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])),
    f('cut.jsonl.gz', gzipSync(line({ title: 'Seven', text: 'Seventh good article.' }) + line({ title: 'Eight', text: 'x'.repeat(5000) })).subarray(0, 60)),
    f('page.html', '<!doctype html><html><body><p>hi</p></body></html>'),
    f('huge.txt', 'Huge headline\n\n' + 'word '.repeat(2_200_000)),
    f('broken.json', '[{"title": "x", "text": "y"}'),
    join(dir, 'does-not-exist.jsonl'),
  ];
}

test('bad input: one located error each, the batch goes on, exit status 1', () => {
  const dir = tempDir();
  const db = join(dir, 'w.db');
  const { status, value: s } = runJson<Summary>(['ingest', '--db', db, '-q', ...badBatch(dir)]);
  assert.equal(status, 1);
  const failure = (file: string) => s.failures.filter((f) => f.source.endsWith(file)).map((f) => `${f.locator ?? ''}|${f.message}`);
  assert.deepEqual(failure('a.jsonl').map((x) => x.split('|')[0]), ['line 2', 'line 4']);
  assert.match(failure('a.jsonl')[0]!, /malformed JSON/);
  assert.match(failure('a.jsonl')[1]!, /no article text/);
  assert.equal(failure('c.csv').length, 1);
  assert.match(failure('c.csv')[0]!, /^line 3\|malformed CSV row/);
  assert.match(failure('empty.txt')[0]!, /empty file/);
  assert.match(failure('image.png')[0]!, /binary file/);
  assert.match(failure('cut.jsonl.gz')[0]!, /truncated gzip|unexpected end/);
  assert.match(failure('page.html')[0]!, /no article text found/);
  assert.match(failure('huge.txt')[0]!, /oversized/);
  assert.match(failure('broken.json')[0]!, /malformed JSON/);
  assert.match(failure('does-not-exist.jsonl')[0]!, /no such file/);
  assert.equal(s.failed, 10);
  // One, Two, the Windows-1252 line, Three, Four, Five, Six (and Seven if the cut left it whole).
  assert.ok(s.added === 7 || s.added === 8, `added ${s.added}`);
  assert.ok(s.warnings.some((w) => w.source.endsWith('a.jsonl') && w.locator === 'line 5' && /Windows-1252/.test(w.message)));
  assert.ok(s.warnings.some((w) => w.source.endsWith('c.csv') && /unrecognised date "not-a-date"/.test(w.message)));

  const titles = runJson<{ articles: Array<{ title: string }> }>(['articles', '--db', db, '--limit', '100']).value.articles.map((a) => a.title);
  assert.ok(titles.includes('Café news'), titles.join());

  // Nothing stored is lost or changed by a second, failing run.
  const before = runCli(['export', '--db', db]).stdout;
  const again = runJson<Summary>(['ingest', '--db', db, '-q', ...badBatch(dir)]);
  assert.equal(again.status, 1);
  assert.equal(again.value.added, 0);
  assert.equal(again.value.duplicates, s.added);
  assert.equal(runCli(['export', '--db', db]).stdout, before);
});

test('human output names file and place of each failure', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'x.jsonl'), line({ title: 'Good', text: 'Good text.' }) + '{oops}\n');
  const r = runCli(['ingest', '--db', join(dir, 'w.db'), join(dir, 'x.jsonl')]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /added\s+1/);
  assert.match(r.stdout, new RegExp(`${join(dir, 'x.jsonl').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(line 2\\): malformed JSON`));
  assert.equal(r.stderr, '', 'no progress bar or stack trace when not on a terminal');
});

test('ingest the examples, re-ingest is a no-op, show and export carry every field', () => {
  const dir = tempDir();
  const db = join(dir, 'w.db');
  const first = runJson<Summary>(['ingest', '--db', db, 'examples/articles']);
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual([first.value.read, first.value.added, first.value.failed], [7, 7, 0]);
  const second = runJson<Summary>(['ingest', '--db', db, 'examples/articles']);
  assert.deepEqual([second.value.added, second.value.duplicates], [0, 7]);

  const list = runJson<{ total: number; articles: Array<{ id: number; title: string }> }>(['articles', '--db', db]).value;
  assert.equal(list.total, 7);
  const opinion = list.articles.find((a) => a.title.startsWith('Valdora’s port strike'));
  assert.ok(opinion, 'the mis-encoded title is repaired');
  const shown = runJson<Record<string, unknown>>(['show', String(opinion.id), '--db', db]).value;
  assert.equal(shown.published, '2023-03-08');
  assert.deepEqual(shown.categories, ['OPINION', 'ECONOMY']);
  assert.deepEqual(shown.authors, [{ name: 'Ilse Marchetti', description: 'a columnist covering trade and transport' }]);
  assert.equal(shown.outlet, 'coastalherald.example');
  assert.deepEqual(shown.meta, { authorNote: 'a columnist covering trade and transport', contactEmail: 'opinion@coastalherald.example', outletFrom: 'contact e-mail' });
  const sections = shown.sections as Array<{ kind: string; start: number; end: number }>;
  const text = shown.text as string;
  assert.deepEqual(sections.map((s) => s.kind), ['body', 'author-note', 'contact']);
  assert.equal(text.slice(sections[2]!.start, sections[2]!.end), 'opinion@coastalherald.example', 'the e-mail is kept apart from the body');

  // Export JSON Lines and read it back into a new workspace: same articles.
  const exported = join(dir, 'out.jsonl');
  assert.equal(runCli(['export', '--db', db, '--out', exported]).status, 0);
  const db2 = join(dir, 'w2.db');
  const back = runJson<Summary>(['ingest', '--db', db2, exported]);
  assert.equal(back.value.added, 7);
  const a1 = readFileSync(exported, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const a2 = runCli(['export', '--db', db2]).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const key = (a: Record<string, unknown>) => JSON.stringify([a.title, a.published, a.outlet, a.url, a.authors, a.categories]);
  assert.deepEqual(a2.map(key).sort(), a1.map(key).sort());

  const csv = runCli(['export', '--db', db, '--format', 'csv']).stdout;
  assert.match(csv.split('\n')[0]!, /^id,external_id,outlet,url,title,published,language,authors,categories,source,format,hash,text$/);
});

test('the interview example keeps speakers, caption, editor’s note and boilerplate apart', () => {
  const db = join(tempDir(), 'w.db');
  runCli(['ingest', '--db', db, 'examples/articles/harbour-interview.txt']);
  const a = runJson<{ title: string; text: string; sections: Array<{ kind: string; start: number; end: number; name?: string; role?: string }> }>(['show', '1', '--db', db]).value;
  assert.equal(a.title, 'Port strike in Valdora leaves ships waiting offshore');
  const speakers = a.sections.filter((s) => s.kind === 'speaker');
  assert.deepEqual(speakers.map((s) => [s.name, s.role]), [
    ['Mara Lindqvist', 'economist at the Institute for Maritime Trade in Valdora'],
    ['Tomas Ferreira', "spokesman for the Valdora Dock Workers' Union"],
  ]);
  const boiler = a.sections.find((s) => s.kind === 'boilerplate')!;
  assert.equal(a.text.slice(boiler.start, boiler.end), 'About Author\n\nComments are closed.');
});

test('stdin, --format, --map, and usage errors', () => {
  const dir = tempDir();
  const db = join(dir, 'w.db');
  const piped = runJson<Summary>(['ingest', '--db', db, '-'], { input: line({ headline: 'From stdin', copy: 'Text from a pipe.' }) + line({ headline: 'Second', copy: 'More.' }) });
  assert.equal(piped.value.failed, 2, 'copy is not a default text column');
  const mapped = runJson<Summary>(['ingest', '--db', db, '--map', 'text=copy', '-'], { input: line({ headline: 'From stdin', copy: 'Text from a pipe.' }) });
  assert.equal(mapped.value.added, 1);

  writeFileSync(join(dir, 'notes.json'), '{"looks": "like JSON"}\nbut is a note\n');
  const forced = runJson<Summary>(['ingest', '--db', db, '--format', 'text', join(dir, 'notes.json')]);
  assert.equal(forced.value.added, 1);

  const badFormat = runCli(['ingest', '--db', db, '--format', 'pdf', 'x']);
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /unknown --format "pdf"/);
  const badMap = runCli(['ingest', '--db', db, '--map', 'colour=red', 'x']);
  assert.equal(badMap.status, 2);
  assert.match(badMap.stderr, /--map expects field=column/);
  const missing = runCli(['show', '42', '--db', db]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no article "42"/);
  assert.doesNotMatch(missing.stderr, /at .*\.js:\d+/, 'no stack trace');
  const notDb = runCli(['stats', '--db', join(ROOT, 'package.json')]);
  assert.equal(notDb.status, 2);
  assert.match(notDb.stderr, /cannot open workspace .*package\.json/);
});

test('workspace from NEWSLENS_DB; stats and reprocess', () => {
  const dir = tempDir();
  const env = { NEWSLENS_DB: join(dir, 'env.db') };
  assert.equal(runCli(['ingest', 'examples/articles', '-q'], { env }).status, 0);
  const stats = runJson<{ articles: number; path: string; sections: Array<{ key: string; count: number }> }>(['stats'], { env }).value;
  assert.equal(stats.articles, 7);
  assert.equal(stats.path, env.NEWSLENS_DB);
  assert.ok(stats.sections.some((s) => s.key === 'speaker'));
  const before = runCli(['export'], { env }).stdout;
  const re = runJson<{ processed: number; updated: number; failed: number }>(['reprocess', '--all'], { env }).value;
  assert.deepEqual([re.processed, re.updated, re.failed], [7, 7, 0]);
  assert.equal(runCli(['export'], { env }).stdout, before, 'the same stages rebuild the same articles');
  assert.match(runCli(['stats'], { env }).stdout, /articles\s+7/);
  assert.match(runCli(['--help']).stdout, /ingest/);
  assert.match(runCli(['ingest', '--help']).stdout, /keyvalue/);
});

test('entities and figures are stored at ingest, or added later by reprocess', () => {
  const dir = tempDir();
  const db = join(dir, 'w.db');
  runCli(['ingest', '--db', db, 'examples/articles/harbour-interview.txt']);
  const a = runJson<{ mentions: Array<{ type: string; text: string; start: number; end: number }>; figures: Array<{ kind: string; text: string; value: unknown; unit?: string }>; text: string }>(['show', '1', '--db', db]).value;
  assert.ok(a.mentions.some((m) => m.type === 'PER' && m.text === 'Mara Lindqvist'));
  assert.ok(a.mentions.some((m) => m.type === 'LOC' && m.text === 'Valdora'));
  for (const m of a.mentions) assert.equal(a.text.slice(m.start, m.end), m.text);
  assert.ok(a.figures.some((f) => f.kind === 'money' && f.value === 40_000_000 && f.unit === 'EUR'), JSON.stringify(a.figures));
  assert.ok(a.figures.some((f) => f.kind === 'percent' && f.value === 2));
  assert.ok(!a.mentions.some((m) => /Comments|About/.test(m.text)), 'boilerplate is not annotated');

  const db2 = join(dir, 'w2.db');
  runCli(['ingest', '--db', db2, '--no-annotate', 'examples/articles/harbour-interview.txt']);
  assert.equal(runJson<{ mentions: unknown[] }>(['show', '1', '--db', db2]).value.mentions.length, 0);
  assert.equal(runJson<{ updated: number }>(['reprocess', '--all', '--db', db2]).value.updated, 1);
  assert.deepEqual(runJson<{ mentions: unknown[] }>(['show', '1', '--db', db2]).value.mentions, a.mentions);
  const stats = runJson<{ mentions: Array<{ key: string; count: number }> }>(['stats', '--db', db2]).value;
  assert.ok(stats.mentions.some((m) => m.key === 'PER' && m.count >= 2));
});
