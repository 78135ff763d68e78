import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../../src/sources/detect.js';
import { FieldResolver, parseAuthors, parseFieldMap, recordToRaw } from '../../src/sources/fields.js';
import { parseKeyValue } from '../../src/sources/keyvalue.js';
import { parsePlainText } from '../../src/sources/plaintext.js';
import { decodeBytes, firstInvalidUtf8, looksBinary } from '../../src/sources/decode.js';
import type { RawRef } from '../../src/model.js';

const ref: RawRef = { source: 'x', format: 'jsonl' };

test('format detection from content, name as a hint', () => {
  const fmt = (path: string, head: string) => {
    const d = detectFormat(path, head);
    return 'format' in d ? d.format : `error: ${d.error}`;
  };
  assert.equal(fmt('a.jsonl', '{"title":"x","text":"y"}\n{"title":"z"}'), 'jsonl');
  assert.equal(fmt('a.txt', '{"title":"x","text":"y"}\n'), 'jsonl');
  assert.equal(fmt('a.json', '[{"title":"x"}]'), 'json');
  assert.equal(fmt('a.json', '{\n  "articles": []\n}'), 'json');
  assert.equal(fmt('a.csv', 'whatever,cols\n1,2'), 'csv');
  assert.equal(fmt('a.dat', 'title,text,date\n"a","b",2022-01-01'), 'csv');
  assert.equal(fmt('a.txt', 'Published Time: 2022-01-10\nTitle: T\nText:\nBody'), 'keyvalue');
  assert.equal(fmt('a.txt', 'A headline\n\nSome text: with a colon.'), 'text');
  assert.equal(fmt('a.html', '<html><body>x</body></html>'), 'html');
  assert.equal(fmt('page', '<!DOCTYPE html>\n<html>'), 'html');
  assert.equal(fmt('a.xml', '\n<?xml version="1.0"?>\n<rss version="2.0">'), 'feed');
  assert.equal(fmt('a', '<feed xmlns="http://www.w3.org/2005/Atom">'), 'feed');
  assert.equal(fmt('a.json', '{"version": "https://jsonfeed.org/version/1.1", "items": []}'), 'feed');
  assert.equal(fmt('a.warc', 'WARC/1.1\r\nWARC-Type: warcinfo'), 'warc');
  assert.match(fmt('a.xml', '<?xml version="1.0"?><catalog><book/></catalog>'), /^error: XML that is neither/);
  assert.match(fmt('a.txt', '   \n  '), /^error: empty/);
});

test('decoding: UTF-8, BOMs, and Windows-1252 with a located warning', () => {
  assert.deepEqual(decodeBytes(Buffer.from('Zürich', 'utf8')), { text: 'Zürich' });
  assert.equal(decodeBytes(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00])).text, 'Aé');
  const latin = Buffer.from([0x53, 0x61, 0x6f, 0x20, 0x50, 0xe9, 0x2e]); // "Sao Pé." in Windows-1252
  const d = decodeBytes(latin);
  assert.equal(d.text, 'Sao Pé.');
  assert.match(d.warning ?? '', /offset 5/);
  assert.equal(firstInvalidUtf8(latin), 5);
  assert.equal(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), true);
  assert.equal(looksBinary(Buffer.from('plain text\n')), false);
});

test('field mapping: common names, nesting, overrides', () => {
  const r = new FieldResolver();
  const out = recordToRaw(
    { Headline: 'H', content: ['P1', 'P2'], pubDate: '2022-01-10', link: 'https://x', source: { name: 'Outlet' }, byline: 'By A Smith and B Jones', tags: 'a; b' },
    ref,
    r,
  );
  assert.ok('raw' in out);
  assert.equal(out.raw.title, 'H');
  assert.equal(out.raw.text, 'P1\n\nP2');
  assert.equal(out.raw.published, '2022-01-10');
  assert.equal(out.raw.url, 'https://x');
  assert.equal(out.raw.outlet, 'Outlet');
  assert.deepEqual(out.raw.authors, [{ name: 'A Smith' }, { name: 'B Jones' }]);
  assert.deepEqual(out.raw.categories, ['a', 'b']);

  const custom = new FieldResolver(parseFieldMap(['text=story_html', 'outlet=meta.site']));
  const o2 = recordToRaw({ story_html: 'T', text: 'ignored', meta: { site: 'S' } }, ref, custom);
  assert.ok('raw' in o2);
  assert.equal(o2.raw.text, 'T');
  assert.equal(o2.raw.outlet, 'S');
  assert.throws(() => parseFieldMap(['nosuchfield=x']), /field one of/);
  assert.throws(() => parseFieldMap(['text']), /field=column/);
});

test('records without text, or that are not objects, are errors', () => {
  const r = new FieldResolver();
  const e1 = recordToRaw({ title: 'only a title' }, ref, r);
  assert.ok('error' in e1 && /no article text/.test(e1.error) && /--map text=COLUMN/.test(e1.error));
  const e2 = recordToRaw([1, 2], ref, r);
  assert.ok('error' in e2 && /array/.test(e2.error));
});

test('author lists', () => {
  assert.deepEqual(parseAuthors('Jane Doe, Reuters'), [{ name: 'Jane Doe, Reuters' }]);
  assert.deepEqual(parseAuthors('Jane Doe, John Roe'), [{ name: 'Jane Doe' }, { name: 'John Roe' }]);
  assert.deepEqual(parseAuthors([{ name: 'A', title: 'Editor', description: 'Writes' }, 'B']), [{ name: 'A', title: 'Editor', description: 'Writes' }, { name: 'B' }]);
});

test('key-value exports', () => {
  const raw = parseKeyValue(
    'Published Time: 2022-01-10\nTitle: A title\nCategory 1: OPINION; Category 2: VIEWPOINT\nAuthor: Jane Doe\nAuthor title: Columnist\nAuthor description: Author details not found\nText: \nLine one.\nLine two.\n',
    { source: 'k', format: 'keyvalue' },
  );
  assert.ok(!('error' in raw));
  assert.equal(raw.title, 'A title');
  assert.equal(raw.published, '2022-01-10');
  assert.deepEqual(raw.categories, ['OPINION', 'VIEWPOINT']);
  assert.deepEqual(raw.authors, [{ name: 'Jane Doe', title: 'Columnist', description: 'Author details not found' }]);
  assert.equal(raw.text.trim(), 'Line one.\nLine two.');
  assert.deepEqual(parseKeyValue('Title: x\nAuthor: y\n', { source: 'k', format: 'keyvalue' }), { error: 'key-value export without a "Text:" line' });
});

test('plain text: the headline line', () => {
  const a = parsePlainText('\nA headline here\n\nBody one.\n', { source: 't', format: 'text' });
  assert.ok(!('error' in a));
  assert.equal(a.title, 'A headline here');
  const b = parsePlainText('This is a sentence, not a headline.\nMore text.', { source: 't', format: 'text' });
  assert.ok(!('error' in b));
  assert.equal(b.title, undefined);
  assert.ok('error' in parsePlainText('  \n ', { source: 't', format: 'text' }));
});
