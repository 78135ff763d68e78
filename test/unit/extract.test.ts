/** Main-content extraction and page metadata, on pages written for these tests. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePage } from '../../src/html/charset.js';
import { bodyText, extractFragment, extractPage } from '../../src/html/extract.js';

const para = (n: number, topic: string) =>
  `<p>Paragraph ${n} about ${topic}: officials said on Tuesday that the measures would stay in place, and residents described long queues, closed shops and a tense calm in the city centre.</p>`;

const teaser = (n: number) => `<div class="card"><h3><a href="/story/${n}">Another story number ${n} from elsewhere</a></h3><p>A short blurb for story ${n}, written to sound like real prose so that only its shape gives it away.</p></div>`;

const PAGE = `<!doctype html><html lang="en-GB"><head>
<meta charset="utf-8"><title>Protests spread | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Protests spread to the capital">
<meta property="article:published_time" content="2022-01-05T08:30:00Z">
<meta property="article:section" content="World">
<link rel="canonical" href="https://example.org/world/protests-spread">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},{"@type":"NewsArticle","headline":"Protests spread to the capital","datePublished":"2022-01-05T08:30:00Z","dateModified":"2022-01-05T10:00:00Z","author":[{"@type":"Person","name":"Ana Writer"},{"@type":"Person","name":"Ben Reporter"}],"publisher":{"@type":"Organization","name":"The Daily Example"}}]}</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div id="cookie-banner"><p>This website uses cookies to improve your experience. Accept all cookies or manage your cookie settings.</p></div>
<main><article>
<header><h1>Protests spread to the capital</h1><div class="byline">By Ana Writer and Ben Reporter</div><time datetime="2022-01-05T08:30:00Z">5 January</time></header>
<div class="article-body">
${para(1, 'the protests')}
<figure><img src="a.jpg"><figcaption>Crowds gathered in the main square on Wednesday. (Photo: Agency)</figcaption></figure>
${para(2, 'the government response')}
<h2>What happens next</h2>
${para(3, 'the coming days')}
<div class="ad-slot"><p>Advertisement</p></div>
<blockquote><p>“We will not leave until we are heard,” one protester said, holding a sign above the crowd.</p></blockquote>
<ul><li>Fuel prices doubled overnight.</li><li>The internet was cut in several regions.</li></ul>
${para(4, 'the economy')}
<p>Share this article</p>
</div>
</article></main>
<aside class="sidebar"><h2>Most read</h2><ol><li><a href="/a">Some other headline</a></li><li><a href="/b">A second headline</a></li></ol></aside>
<section class="more-stories">${[1, 2, 3, 4, 5].map(teaser).join('')}</section>
<div id="comments"><div class="comment"><p>I think this article is very interesting and I would like to say that I disagree with most of it, for many reasons.</p></div></div>
<footer><p>© 2022 The Daily Example. All rights reserved.</p><a href="/terms">Terms</a></footer>
</body></html>`;

test('the article body is found and the page around it is left out', () => {
  const page = extractPage(PAGE);
  const text = bodyText(page.blocks);
  for (const n of [1, 2, 3, 4]) assert.match(text, new RegExp(`Paragraph ${n} about`));
  assert.match(text, /What happens next/);
  assert.match(text, /We will not leave/);
  assert.match(text, /Fuel prices doubled/);
  for (const junk of [/Home/, /cookies/, /Advertisement/, /Most read/, /Another story/, /short blurb/, /disagree/, /All rights reserved/, /Share this/, /Protests spread to the capital/]) {
    assert.doesNotMatch(text, junk, `${junk} leaked into the body`);
  }
});

test('structure is kept: headings, lists, quotes and captions as typed blocks', () => {
  const kinds = extractPage(PAGE).blocks.map((b) => `${b.kind}:${b.text.slice(0, 12)}`);
  assert.ok(kinds.includes('heading:What happens'), kinds.join(' | '));
  assert.ok(kinds.includes('quote:“We will not'), kinds.join(' | '));
  assert.ok(kinds.includes('list:Fuel prices '), kinds.join(' | '));
  assert.ok(kinds.includes('caption:Crowds gathe'), kinds.join(' | '));
  // Captions are sections of the article, not its running text.
  assert.doesNotMatch(bodyText(extractPage(PAGE).blocks), /Crowds gathered/);
});

test('metadata from JSON-LD, Open Graph, link and html tags', () => {
  const p = extractPage(PAGE);
  assert.equal(p.title, 'Protests spread to the capital');
  assert.equal(p.published, '2022-01-05T08:30:00Z');
  assert.equal(p.modified, '2022-01-05T10:00:00Z');
  assert.deepEqual(p.authors, ['Ana Writer', 'Ben Reporter']);
  assert.equal(p.outlet, 'The Daily Example');
  assert.equal(p.section, 'World');
  assert.equal(p.canonicalUrl, 'https://example.org/world/protests-spread');
  assert.equal(p.language, 'en-GB');
});

test('meta tags stand in when there is no JSON-LD', () => {
  const html = `<html><head><meta name="author" content="By Cora Columnist"><meta itemprop="datePublished dateCreated" content="2021-03-02"><meta name="description" content="d"></head>
  <body><div>${para(1, 'x')}${para(2, 'y')}</div></body></html>`;
  const p = extractPage(html);
  assert.deepEqual(p.authors, ['Cora Columnist']);
  assert.equal(p.published, '2021-03-02');
});

test('a schema.org articleBody replaces markup that gave little', () => {
  const body = 'First paragraph of a story rendered by script, long enough to matter. '.repeat(5) + '\n\n' + 'Second paragraph, also only in the structured data. '.repeat(5);
  const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'H', articleBody: body })}</script></head><body><div id="app">Loading…</div></body></html>`;
  const p = extractPage(html);
  assert.equal(p.bodyFrom, 'json-ld');
  assert.equal(p.blocks.length, 2);
});

test('a data table inside the article is kept row by row', () => {
  const rows = Array.from({ length: 12 }, (_, i) => `<tr><td>${i + 1}</td><td>Driver ${i + 1}</td><td>${5000 - i * 10}</td></tr>`).join('');
  const html = `<html><body><nav><a href="/">Home</a></nav><div class="post">${para(1, 'the standings')}<table>${rows}</table>${para(2, 'the season')}</div></body></html>`;
  const text = bodyText(extractPage(html).blocks);
  assert.match(text, /1 Driver 1 5000/);
  assert.match(text, /12 Driver 12 4890/);
});

test('a page with no article gives no blocks', () => {
  const html = '<html><body><nav><a href="/">Home</a> <a href="/b">B</a></nav><ul><li><a href="/x">Link one</a></li><li><a href="/y">Link two</a></li></ul></body></html>';
  assert.deepEqual(extractPage(html).blocks, []);
});

test('charset: header, meta declaration, then content', () => {
  const latin = Buffer.concat([Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>Caf'), Buffer.from([0xe9]), Buffer.from('</p></body></html>')]);
  assert.match(decodePage(latin).text, /Café/);
  const cyr = Buffer.concat([Buffer.from('<p>'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('</p>')]);
  const d = decodePage(cyr, 'text/html; charset=windows-1251');
  assert.equal(d.from, 'header');
  assert.match(d.text, /Привет/);
  // Declared Latin-1 but really UTF-8: the bytes win.
  const mislabeled = Buffer.from('<meta charset="iso-8859-1"><p>Café</p>', 'utf8');
  assert.match(decodePage(mislabeled).text, /Café/);
  assert.equal(decodePage(Buffer.from('<p>plain</p>')).charset, 'utf-8');
});

test('feed content fragments keep everything but furniture', () => {
  const blocks = extractFragment('<p>First line of the entry.</p><p>Second line.</p><p><a href="/more">Read more</a></p><div class="share">Share</div>');
  assert.deepEqual(blocks.map((b) => b.text), ['First line of the entry.', 'Second line.']);
});
