/**
 * The web UI in a real browser (Debian's chromium through playwright-core) on a
 * workspace built from the seeds, a sample of the AllSides corpus and articles
 * whose fields carry markup: every view loads and passes axe-core, and the things
 * an analyst does work end to end (search, facet, brush, article, entity rename
 * and undo, story, network, upload). A screenshot of each view goes to
 * test-screenshots/ (git-ignored) to be looked at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer } from '../../src/server/app.js';
import { cli, launch, SCREENSHOTS, seriousViolations, SHARED, skipReason } from './browser.js';

const skip = skipReason();
if (skip) process.stderr.write(`browser tests skipped: ${skip}\n`);

/** Markup in every field a page shows: none of it may run or become an element. */
const XSS = {
  script: '<script>window.__xss = "script"</script>',
  img: '<img src=x onerror="window.__xss = \'img\'">',
  link: 'javascript:window.__xss = "link"',
};

describe('the web UI in chromium', { skip }, () => {
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let base = '';
  let db = '';
  let dir = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newslens-browser-'));
    db = join(dir, 'ui.db');
    // The seeds, 200 AllSides articles, and one article made of markup.
    const sample = readFileSync(join(SHARED, 'data/corpora/allsides-world-politics/corpus.jsonl'), 'utf8').split('\n').slice(0, 200).join('\n');
    writeFileSync(join(dir, 'allsides-sample.jsonl'), `${sample}\n`);
    writeFileSync(
      join(dir, 'hostile.jsonl'),
      `${JSON.stringify({
        id: 'hostile-1',
        title: `Markup test ${XSS.script} ${XSS.img}`,
        text: `The minister said the ${XSS.img} plan would go ahead. Read more at <a href="${XSS.link}">this link</a> ${XSS.script}. Officials in Astana confirmed the plan on Monday.`,
        author: `Eve ${XSS.img}`,
        outlet: `Evil Daily ${XSS.script}`,
        url: XSS.link,
        published: '2022-01-08',
      })}\n`,
    );
    cli('ingest', join(SHARED, 'seeds'), join(dir, 'allsides-sample.jsonl'), join(dir, 'hostile.jsonl'), '--db', db, '-q');
    app = await buildServer({ db, workers: 1 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    // Anything that runs from a payload, or that the CSP had to block, is recorded where the test can read it.
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a path, waits for the view to settle, checks it with axe and saves its screenshot. */
  async function view(path: string, name: string, ready: string): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(base + path);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, [], `${name}: axe found serious or critical violations:\n${JSON.stringify(violations, null, 1)}`);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    assert.deepEqual(errors, [], `${name}: errors in the page`);
    return page;
  }

  const firstEntity = async (name: string) => {
    const res = await fetch(`${base}/api/entities/${encodeURIComponent(name)}`);
    assert.equal(res.status, 200, `GET /api/entities/${name}: ${await res.clone().text()}`);
    return ((await res.json()) as { entity: { id: number; name: string } }).entity;
  };

  test('search: hits, a facet click filters, the brushed chart filters every panel', async () => {
    const page = await view('/search?q=Russia', 'search', 'ol.hits li');
    const count = async () => Number((await page.locator('.querybar-status strong').innerText()).replace(/,/g, ''));
    const all = await count();
    assert.ok(all >= 10, `Russia should match the seeds and many of the sample, got ${all}`);
    // A facet value: the outlet with most matches.
    const outlet = page.locator('.facet').filter({ hasText: 'Outlet' }).locator('button.facet-value').first();
    const facetCount = Number((await outlet.locator('.facet-count').innerText()).replace(/,/g, ''));
    // The filtered search's requests, in order: its hits must be answered before its facets and chart are
    // asked for, or on the one-thread server those answer first and hold the results up.
    const order: string[] = [];
    const kind = (url: string) => {
      const u = decodeURIComponent(url);
      if (!u.includes('outlet:')) return undefined;
      if (u.includes('/api/trends')) return 'trends';
      if (u.includes('/api/search')) return u.includes('collapse=true') ? 'hits' : 'facets';
      return undefined;
    };
    const asked = (r: { url(): string }) => void (kind(r.url()) && order.push(`${kind(r.url())} asked`));
    const answered = (r: { url(): string }) => void (kind(r.url()) && order.push(`${kind(r.url())} answered`));
    page.on('request', asked);
    page.on('requestfinished', answered);
    await outlet.click();
    await page.waitForURL(/filter=outlet/);
    await page.waitForFunction((n) => document.querySelector('.querybar-status strong')?.textContent?.replace(/,/g, '') === String(n), facetCount);
    assert.equal(await count(), facetCount);
    await page.waitForLoadState('networkidle');
    page.off('request', asked);
    page.off('requestfinished', answered);
    const at = (e: string) => order.indexOf(e);
    assert.ok(at('hits answered') >= 0 && at('facets asked') > at('hits answered') && at('trends asked') > at('hits answered'), order.join(', '));
    await page.locator('.chips').getByText(/^outlet:/).waitFor();
    // Clear it, then brush across the middle of the chart.
    await page.getByRole('button', { name: 'clear all' }).click();
    await page.waitForURL((u) => !u.search.includes('filter='));
    const over = page.locator('.chart .u-over');
    await over.waitFor();
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForURL(/filter=after%3A/);
    await page.locator('.chips').getByText(/^after:\d{4}-\d{2}-\d{2} before:/).waitFor();
    assert.ok((await count()) <= all);
    // A bad query shows the API's located error under the box.
    await page.getByRole('button', { name: 'clear all' }).click();
    await page.waitForURL((u) => !u.search.includes('filter='));
    await page.locator('input[type=search]').fill('oil AND (gas');
    await page.locator('.error .caret').waitFor();
    assert.match(await page.locator('.error').innerText(), /never closed/);
    await page.close();
  });

  test('search: a direct load asks for its hits once, before any script has arrived', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    await page.goto(`${base}/search?q=${encodeURIComponent('Kazakhstan')}&page=1`);
    await page.locator('ol.hits li').first().waitFor();
    await page.waitForLoadState('networkidle');
    // The page's preload header sends it, early.ts's fetch and then the app's query cache take that
    // answer: a second request would mean the three disagree on the URL.
    const hits = requests.filter((u) => u.includes('/api/search') && u.includes('collapse=true'));
    assert.equal(hits.length, 1, hits.join('\n'));
    assert.match(hits[0]!, /q=Kazakhstan&limit=20&offset=0&collapse=true&facets=none$/);
    // Asked for before any script: the preload, not the script, sent it.
    const firstScript = requests.findIndex((u) => u.endsWith('.js'));
    assert.ok(requests.indexOf(hits[0]!) < firstScript, requests.join('\n'));
    await page.close();
  });

  test("article: the interview piece's caption, editor's note, both speakers and the quotes with their speakers", async () => {
    const page = await view('/articles/1', 'article', '.article-text');
    assert.match(await page.locator('h1').innerText(), /Kazakhstan/);
    await page.locator('.section.caption').getByText(/Soldiers patrol the presidential palace/).waitFor();
    await page.locator('.section.editors-note').getByText(/Global Times/).first().waitFor();
    const speakers = await page.locator('.speaker-label .speaker-name').allInnerTexts();
    assert.deepEqual(speakers, ['Dmitry Orlov', 'Sergey Biryukov']);
    const roles = await page.locator('.speaker-label .speaker-role').allInnerTexts();
    assert.match(roles[0]!, /East-West Strategy Analytical Center/);
    // Each speaker's words are a quote attributed to them, marked in the text and listed beside it.
    const side = await page.locator('.article-side section').filter({ hasText: 'Quotes' }).innerText();
    assert.match(side, /Dmitry Orlov/);
    assert.match(side, /Sergey Biryukov/);
    assert.ok((await page.locator('.article-text .quote').count()) > 0, 'quotes are highlighted in the text');
    assert.ok((await page.locator('.article-text a.ent').count()) > 10, 'entity mentions link to their entities');
    // The boilerplate is folded away.
    assert.equal(await page.locator('details.boilerplate').count(), 1);
    assert.equal(await page.locator('details.boilerplate').getAttribute('open'), null);
    await page.close();
  });

  test('entity: follow a mention from the article, rename it in place and undo', async () => {
    const page = await view('/articles/1', 'article-entities', '.article-text');
    await page.locator('.article-text a.ent', { hasText: 'Kassym-Jomart Tokayev' }).first().click();
    await page.waitForURL(/\/entities\/\d+$/);
    await page.locator('h1', { hasText: 'Kassym-Jomart Tokayev' }).waitFor();
    const id = page.url().split('/').pop()!;
    await page.locator('.correct input').fill('President Tokayev');
    await page.locator('.correct').getByRole('button', { name: 'Apply' }).click();
    await page.locator('h1', { hasText: 'President Tokayev' }).waitFor();
    assert.equal((await firstEntity(`#${id}`)).name, 'President Tokayev', 'the rename reached the workspace');
    await page.locator('.edits').getByRole('button', { name: 'Undo' }).first().click();
    await page.locator('h1', { hasText: 'Kassym-Jomart Tokayev' }).waitFor();
    assert.equal((await firstEntity(`#${id}`)).name, 'Kassym-Jomart Tokayev', 'the undo reached the workspace');
    await page.screenshot({ path: join(SCREENSHOTS, 'entity.png') });
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, []);
    await page.close();
  });

  test('stories: the list opens a story page with its articles', async () => {
    const page = await view('/stories?q=Kazakhstan&min=1', 'stories', 'table tbody tr');
    const first = page.locator('table tbody tr a').first();
    const title = await first.innerText();
    await first.click();
    await page.waitForURL(/\/stories\/\d+/);
    await page.locator('h1', { hasText: title }).waitFor();
    await page.locator('.panel').filter({ hasText: 'Articles' }).locator('tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SCREENSHOTS, 'story.png') });
    assert.deepEqual(await seriousViolations(page), []);
    await page.close();
  });

  test('network: the WebGL canvas draws the graph, and a node opens its entity', async () => {
    const page = await view('/network?q=', 'network', '.graph canvas');
    await page.locator('.graph[data-settled=yes]').waitFor({ timeout: 30_000 });
    const graph = page.locator('.graph');
    // Only the WebGL layers (edges, nodes): the label layer is a 2D canvas and is hidden first.
    await page.addStyleTag({ content: '.sigma-labels, .sigma-hovers { visibility: hidden; }' }).catch(() => undefined);
    await page.evaluate(() => document.querySelectorAll<HTMLCanvasElement>('.sigma-labels, .sigma-hovers').forEach((c) => (c.style.visibility = 'hidden')));
    const drawn = await graph.screenshot();
    await page.evaluate(() => document.querySelectorAll<HTMLCanvasElement>('.sigma-edges, .sigma-nodes').forEach((c) => (c.style.visibility = 'hidden')));
    const blank = await graph.screenshot();
    assert.notDeepEqual(drawn, blank, 'the WebGL layers draw something');
    assert.ok(drawn.length > blank.length * 2, `the drawn graph (${drawn.length} bytes of PNG) should hold far more than the empty background (${blank.length})`);
    // The links layer on its own draws lines (at this size; at 1,000 nodes, translucent greys once vanished, seen only on screenshots).
    await page.evaluate(() => document.querySelectorAll<HTMLCanvasElement>('.sigma-edges').forEach((c) => (c.style.visibility = 'visible')));
    const linksLayer = await graph.screenshot();
    assert.ok(linksLayer.length > blank.length * 1.5, `the links layer (${linksLayer.length} bytes of PNG) should show lines on the background (${blank.length})`);
    assert.ok((await page.locator('.graph canvas').count()) >= 2);
    // The links table draws 100 rows at first (a few hundred took one long task), and shows more on request.
    const links = Number((await page.locator('.querybar-status').innerText()).match(/([\d,]+) links/)![1]!.replace(/,/g, ''));
    assert.ok(links > 100, `the sample's network has ${links} links: more than a page`);
    assert.equal(await page.locator('table tbody tr').count(), 100);
    await page.getByRole('button', { name: /^show \d+ more$/ }).click();
    assert.equal(await page.locator('table tbody tr').count(), Math.min(200, links));
    // The links table names entities; one opens its page.
    await page.locator('table tbody tr a').first().click();
    await page.waitForURL(/\/entities\//);
    await page.locator('h1 .type-tag').waitFor();
    await page.close();
  });

  test('ingest: an uploaded file is ingested and found by search', async () => {
    const page = await view('/ingest', 'ingest', '.dropzone');
    const file = join(dir, 'upload-note.txt');
    writeFileSync(file, 'Title: Zanzibarquux harbour reopens\nPublished: 2022-01-09\n\nThe Zanzibarquux harbour reopened on Sunday after repairs, the port authority said.\n');
    await page.locator('[data-testid=file-input]').setInputFiles(file);
    await page.locator('.job .state-done').first().waitFor({ timeout: 60_000 });
    assert.match(await page.locator('.job').first().innerText(), /added 1/);
    await page.goto(`${base}/search?q=Zanzibarquux`);
    await page.locator('ol.hits li').first().waitFor();
    assert.match(await page.locator('ol.hits li').first().innerText(), /Zanzibarquux harbour reopens/);
    await page.close();
  });

  test('every other view loads, with no serious accessibility violation', async () => {
    const views: Array<[string, string, string]> = [
      ['/quotes?q=Kazakhstan', 'quotes', 'table tbody tr'],
      ['/events?q=Kazakhstan', 'events', 'table tbody tr'],
      ['/kwic?q=Kazakhstan', 'kwic', 'table.kwic tbody tr'],
      ['/keyness?q=Kazakhstan', 'keyness', 'table tbody tr'],
      ['/collocates?q=Kazakhstan', 'collocates', 'table tbody tr'],
      ['/compare?q=&toward=Russia', 'compare', '.compare-card'],
      ['/frames?q=', 'frames', 'h2'],
      ['/entities', 'entities', 'table tbody tr'],
      ['/articles', 'articles', 'table tbody tr'],
    ];
    for (const [path, name, ready] of views) (await view(path, name, ready)).close();
  });

  test('markup in titles, texts, authors, outlets, URLs and entity names is shown as text and never runs', async () => {
    const hostile = (await (await fetch(`${base}/api/articles/hostile-1`)).json()) as { id: number };
    // An entity renamed to markup, through the API, as a careless or hostile user could.
    const astana = await firstEntity('Astana');
    const renamed = await fetch(`${base}/api/entities/${astana.id}/edits`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-newslens-request': '1' }, body: JSON.stringify({ action: 'rename', value: `Astana ${XSS.img}` }) });
    assert.equal(renamed.status, 200, await renamed.text());
    const pages = [`/articles/${hostile.id}`, `/search?q=${encodeURIComponent('markup test')}`, `/entities/${astana.id}`, '/articles', `/quotes?q=minister`];
    for (const path of pages) {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const res = await page.goto(base + path);
      assert.match(res!.headers()['content-security-policy'] ?? '', /script-src 'self'/, `${path}: the page carries the CSP`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: string }).__xss,
        violations: (window as unknown as { __violations: string[] }).__violations,
        injected: document.querySelectorAll('main script, main img[src="x"], main [onerror], main a[href^="javascript:"]').length,
        text: document.querySelector('main')!.textContent ?? '',
      }));
      assert.equal(state.xss, undefined, `${path}: a payload ran`);
      assert.deepEqual(dialogs, [], `${path}: a dialog opened`);
      assert.equal(state.injected, 0, `${path}: markup from the data became elements`);
      assert.deepEqual(state.violations, [], `${path}: the CSP had to block something, so markup reached the page`);
      if (path.startsWith('/articles/')) {
        assert.ok(state.text.includes('<script>window.__xss = "script"</script>'), 'the title shows its markup as text');
        assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'a javascript: URL is not a link');
      }
      if (path.startsWith('/entities/')) assert.ok(state.text.includes(`Astana ${XSS.img}`), 'the entity name shows its markup as text');
      if (path === `/articles/${hostile.id}`) await page.screenshot({ path: join(SCREENSHOTS, 'hostile-article.png') });
      await page.close();
    }
  });
});
