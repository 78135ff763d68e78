/** Feeds and sitemaps: parsing, and ingest of saved feed files end to end. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseFeed, sniffFeed } from '../../src/crawl/feeds.js';
import { runJson, tempDir } from '../helpers.js';

const RSS = `
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire</title><link>https://wire.example.org/</link><language>en</language>
<item><title>Talks resume in Geneva</title><link>https://wire.example.org/talks</link><guid isPermaLink="false">wire-1</guid>
<pubDate>Mon, 10 Jan 2022 08:00:00 GMT</pubDate><dc:creator>Dana Desk</dc:creator><category>Diplomacy</category>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Negotiators met again on Monday &amp; agreed to continue.</p><p>A second paragraph of the wire story.</p>]]></content:encoded></item>
<item><title>Only a summary here</title><link>https://wire.example.org/summary</link><pubDate>Seg, 24 Set 2018 18:36:00 -0300</pubDate>
<description>&lt;p&gt;The summary, escaped HTML.&lt;/p&gt;</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Beispiel</title>
<link rel="alternate" href="https://beispiel.example/"/><link rel="self" href="https://beispiel.example/atom"/>
<entry><id>tag:beispiel,2016:1</id><title type="html">Neue &lt;b&gt;Version&lt;/b&gt;</title><link rel="alternate" href="/meldung/1"/>
<published>2016-02-01T17:22:00+01:00</published><updated>2016-02-01T17:54:50+01:00</updated><author><name>Eva Autorin</name></author>
<category term="java"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Erster Absatz.</p><p>Zweiter Absatz.</p></div></content></entry></feed>`;

const RDF = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old Feed</title><link>https://old.example/</link></channel>
<item rdf:about="https://old.example/1"><title>One</title><link>https://old.example/1</link><description>Item one text.</description><dc:date>2004-05-06</dc:date></item></rdf:RDF>`;

const JSONFEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Times',
  home_page_url: 'https://json.example/',
  authors: [{ name: 'Feed Author' }],
  items: [{ id: '1', url: 'https://json.example/1', title: 'Hello', content_text: 'Plain text body.\n\nSecond paragraph.', date_published: '2020-01-01T00:00:00Z', tags: ['a'] }],
});

const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a</loc><lastmod>2022-01-06</lastmod><news:news><news:publication><news:name>News Example</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2022-01-06T10:00:00Z</news:publication_date><news:title>A headline</news:title></news:news></url>
<url><loc>https://news.example/b</loc></url></urlset>`;

test('RSS 2.0: content, guid, dates, authors, categories, escaped summaries', () => {
  const f = parseFeed(RSS);
  assert.equal(f.kind, 'rss');
  assert.equal(f.title, 'Example Wire');
  assert.equal(f.entries.length, 2);
  const [a, b] = f.entries;
  assert.equal(a!.id, 'wire-1');
  assert.equal(a!.url, 'https://wire.example.org/talks');
  assert.deepEqual(a!.authors, ['Dana Desk']);
  assert.deepEqual(a!.categories, ['Diplomacy']);
  assert.match(a!.content!, /<p>Negotiators met again on Monday &amp; agreed/);
  assert.equal(b!.summary, '<p>The summary, escaped HTML.</p>');
  assert.equal(b!.id, 'https://wire.example.org/summary');
});

test('Atom: alternate links, published date, inline XHTML content', () => {
  const f = parseFeed(ATOM);
  assert.equal(f.kind, 'atom');
  assert.equal(f.link, 'https://beispiel.example/');
  const e = f.entries[0]!;
  assert.equal(e.title, 'Neue <b>Version</b>');
  assert.equal(e.url, '/meldung/1');
  assert.equal(e.published, '2016-02-01T17:22:00+01:00');
  assert.deepEqual(e.authors, ['Eva Autorin']);
  assert.deepEqual(e.categories, ['java']);
  assert.equal(e.content, '<p>Erster Absatz.</p><p>Zweiter Absatz.</p>');
  assert.equal(e.language, 'de');
});

test('RSS 1.0 (RDF), JSON Feed, news sitemaps and sniffing', () => {
  const rdf = parseFeed(RDF);
  assert.equal(rdf.kind, 'rdf');
  assert.equal(rdf.entries[0]!.published, '2004-05-06');
  const jf = parseFeed(JSONFEED);
  assert.equal(jf.kind, 'json');
  assert.deepEqual(jf.entries[0]!.authors, ['Feed Author']);
  assert.equal(jf.entries[0]!.contentIsHtml, false);
  const sm = parseFeed(SITEMAP);
  assert.equal(sm.kind, 'sitemap');
  assert.equal(sm.entries.length, 2);
  assert.equal(sm.entries[0]!.outlet, 'News Example');
  assert.equal(sm.entries[0]!.title, 'A headline');
  assert.equal(sniffFeed('<?xml version="1.0"?>\n<!-- c --><sitemapindex>'), 'sitemapindex');
  assert.equal(sniffFeed('<!doctype html><html>'), undefined);
  assert.throws(() => parseFeed('<html><body>x</body></html>'), /not a feed or sitemap root/);
});

test('entities declared in a DTD are never expanded', () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>T</title><item><title>&b;</title><description>&ext;</description></item></channel></rss>`;
  const e = parseFeed(bomb).entries[0]!;
  assert.doesNotMatch(e.title ?? '', /aaaa/);
  assert.doesNotMatch(e.summary ?? '', /root:/);
});

test('ingest: each feed entry becomes an article; a summary-only entry is flagged; a sitemap points to fetch', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'wire.xml'), RSS);
  writeFileSync(join(dir, 'beispiel.atom'), ATOM);
  writeFileSync(join(dir, 'feed.json'), JSONFEED);
  writeFileSync(join(dir, 'sitemap.xml'), SITEMAP);
  const db = join(tempDir(), 'w.db');
  const r = runJson<{ added: number; failed: number; failures: Array<{ source: string; message: string }>; warnings: Array<{ message: string }> }>(['ingest', dir, '--db', db, '--no-annotate']);
  assert.equal(r.value.added, 4);
  assert.equal(r.value.failed, 1);
  assert.match(r.value.failures[0]!.source, /sitemap\.xml$/);
  assert.match(r.value.failures[0]!.message, /newslens fetch/);
  assert.ok(r.value.warnings.some((w) => /summary only/.test(w.message)));
  const list = runJson<{ articles: Array<{ id: number; title: string }> }>(['articles', '--db', db]).value.articles;
  const talks = list.find((a) => a.title === 'Talks resume in Geneva')!;
  const shown = runJson<{ text: string; outlet: string; published: string; url: string; authors: Array<{ name: string }>; sections: Array<{ kind: string }> }>(['show', String(talks.id), '--db', db]).value;
  assert.equal(shown.text, 'Negotiators met again on Monday & agreed to continue.\n\nA second paragraph of the wire story.');
  assert.equal(shown.outlet, 'Example Wire');
  assert.equal(shown.published, '2022-01-10T08:00:00Z');
  assert.equal(shown.authors[0]!.name, 'Dana Desk');
  const atom = list.find((a) => a.title === 'Neue <b>Version</b>')!;
  const atomShown = runJson<{ url: string; text: string }>(['show', String(atom.id), '--db', db]).value;
  assert.equal(atomShown.url, 'https://beispiel.example/meldung/1', 'relative entry links resolve against the feed');
  assert.equal(atomShown.text, 'Erster Absatz.\n\nZweiter Absatz.');
});

test('ingest: a gzipped WARC archive gives one article per HTML response and skips the rest', async () => {
  const { WARCRecord, WARCSerializer } = await import('warcio');
  const page = `<html><head><title>Archived</title></head><body><nav><a href="/">Home</a></nav><article>${[1, 2, 3]
    .map((n) => `<p>Archived paragraph ${n}: the minister said on Friday that the talks would resume next week in the capital.</p>`)
    .join('')}</article></body></html>`;
  const enc = new TextEncoder();
  async function* body(s: string | Uint8Array) {
    yield typeof s === 'string' ? enc.encode(s) : s;
  }
  const records = [
    WARCRecord.create({ url: 'https://archive.example/story', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' }, statusline: 'HTTP/1.1 200 OK' }, body(page)),
    WARCRecord.create({ url: 'https://archive.example/logo.png', type: 'response', httpHeaders: { 'Content-Type': 'image/png' }, statusline: 'HTTP/1.1 200 OK' }, body(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))),
    WARCRecord.create({ url: 'https://archive.example/gone', type: 'response', httpHeaders: { 'Content-Type': 'text/html' }, statusline: 'HTTP/1.1 404 Not Found' }, body('<p>missing</p>')),
  ];
  const parts: Uint8Array[] = [];
  for (const r of records) parts.push(await WARCSerializer.serialize(r, { gzip: true }));
  const dir = tempDir();
  writeFileSync(join(dir, 'crawl.warc.gz'), Buffer.concat(parts));
  const db = join(tempDir(), 'warc.db');
  const r = runJson<{ added: number; failed: number }>(['ingest', join(dir, 'crawl.warc.gz'), '--db', db, '--no-annotate']);
  assert.equal(r.value.added, 1);
  assert.equal(r.value.failed, 0);
  const a = runJson<{ url: string; title: string; text: string; format: string }>(['show', '1', '--db', db]).value;
  assert.equal(a.url, 'https://archive.example/story');
  assert.equal(a.format, 'warc');
  assert.match(a.text, /^Archived paragraph 1/);
});
