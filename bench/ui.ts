/**
 * bench/ui: the web UI in Debian's chromium (playwright-core), measured in the
 * page with the Performance API, against `newslens serve` in its own process
 * on loopback.
 *
 * - Search results painted: from navigation start to the frame after the first
 *   hit appears (a MutationObserver, then requestAnimationFrame), for broad
 *   queries chosen before any timing was seen. The first visit of each URL is
 *   one the server has not answered before; the repeats are served from its cache.
 * - Article view painted: the same, to the first paragraph of the text.
 * - Facet click to updated results: from the click to the frame after the hit
 *   count changes.
 * - Long tasks: the longest main-thread task (PerformanceObserver 'longtask')
 *   seen on each view, the network view included (its layout runs in a worker).
 * - Initial JavaScript: the gzip size of the scripts the search view loads, and
 *   of the entry chunk alone.
 *
 *   npm run bench:ui -- --db FILE [--runs 5]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launch } from '../test/browser/browser.js';
import { arg } from './corpus.js';

const db = resolve(arg('--db') ?? 'newslens.db');
const runs = Number(arg('--runs') ?? 5);
const CLI = resolve(import.meta.dirname, '../src/cli/main.js');
const UI = resolve(import.meta.dirname, '../../ui/dist');
const PORT = 4488;
const base = `http://127.0.0.1:${PORT}`;

const QUERIES = ['government', 'sanctions', '"prime minister"', 'election OR vote', ''];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Installed before any page script: when the selector first matches, the time of the next frame. */
const PROBE = `
  window.__painted = {};
  window.__longest = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: true });
  window.__watch = (name, selector) => {
    const check = () => {
      if (window.__painted[name] === undefined && document.querySelector(selector)) {
        window.__painted[name] = -1;
        requestAnimationFrame(() => { window.__painted[name] = performance.now(); });
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
    check();
  };
`;

async function paintTime(page: Page, url: string, name: string, selector: string): Promise<number> {
  await page.addInitScript(`${PROBE}; window.__watch(${JSON.stringify(name)}, ${JSON.stringify(selector)});`);
  await page.goto(url);
  await page.waitForFunction((n) => ((window as any).__painted[n] ?? -1) > 0, name, { timeout: 60_000 });
  return page.evaluate((n) => (window as any).__painted[n] as number, name);
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', String(PORT)], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((ok, fail) => {
    server.stderr.on('data', (d: Buffer) => d.toString().includes('serving') && ok());
    server.on('exit', (c) => fail(new Error(`serve exited ${c}`)));
  });
  const browser = await launch();
  const stats = (await (await fetch(`${base}/api/stats`)).json()) as { articles: number };
  console.log(`# bench/ui — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${db} (${stats.articles.toLocaleString()} articles), chromium headless, loopback`);
  try {
    // Initial JavaScript of the search view.
    const ctx0 = await browser.newContext();
    const page0 = await ctx0.newPage();
    const scripts: string[] = [];
    page0.on('response', (r) => r.request().resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page0.goto(`${base}/search?q=government`);
    await page0.locator('ol.hits li').first().waitFor();
    await page0.waitForLoadState('networkidle');
    const gz = (p: string) => gzipSync(readFileSync(join(UI, p.replace(/^\//, '')))).length;
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync(join(UI, 'index.html'), 'utf8'))![1]!;
    const total = scripts.reduce((s, p) => s + gz(p), 0);
    console.log(`initial JS (gzip): entry ${(gz(entry) / 1024).toFixed(1)} KB; all scripts the search view loads (${scripts.length}, chart included) ${(total / 1024).toFixed(1)} KB`);
    await ctx0.close();

    // Search results painted.
    const first: number[] = [];
    const repeat: number[] = [];
    let longest = 0;
    const byQuery: string[] = [];
    for (const q of QUERIES) {
      const times: number[] = [];
      for (let r = 0; r <= runs; r++) {
        const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
        const page = await ctx.newPage();
        const t = await paintTime(page, `${base}/search?q=${encodeURIComponent(q)}`, 'hits', 'ol.hits li');
        (r === 0 ? first : repeat).push(t);
        times.push(t);
        longest = Math.max(longest, await page.evaluate(() => (window as any).__longest as number));
        await ctx.close();
      }
      byQuery.push(`${q || "''"} ${times.map((t) => Math.round(t)).join('/')}`);
    }
    console.log(`search results painted: first visit p50 ${ms(pct(first, 50))} max ${ms(Math.max(...first))} (${first.length}); repeat p50 ${ms(pct(repeat, 50))} p95 ${ms(pct(repeat, 95))} (${repeat.length}); longest task ${ms(longest)}`);
    console.log(`  by query, first visit then repeats (ms): ${byQuery.join('; ')}`);

    // Article view painted, on articles spread over the workspace.
    const ids = Array.from({ length: 8 }, (_, i) => 1 + Math.floor(((i + 0.5) * stats.articles) / 8));
    const art: number[] = [];
    let artLong = 0;
    for (const id of ids) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await ctx.newPage();
      art.push(await paintTime(page, `${base}/articles/${id}`, 'text', '.article-text p'));
      artLong = Math.max(artLong, await page.evaluate(() => (window as any).__longest as number));
      await ctx.close();
    }
    console.log(`article view painted: p50 ${ms(pct(art, 50))} max ${ms(Math.max(...art))} (${art.length} articles); longest task ${ms(artLong)}`);

    // Facet click to updated results.
    const clicks: number[] = [];
    for (const q of QUERIES.slice(0, 4)) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await ctx.newPage();
      await page.addInitScript(PROBE);
      await page.goto(`${base}/search?q=${encodeURIComponent(q)}`);
      await page.locator('ol.hits li').first().waitFor();
      await page.waitForLoadState('networkidle');
      for (const facet of ['Outlet', 'Entity']) {
        const before = await page.locator('.querybar-status strong').innerText();
        const t = await page.evaluate(
          ([name, text]) =>
            new Promise<number>((ok) => {
              const section = [...document.querySelectorAll('.facet')].find((s) => s.querySelector('h2')?.textContent === name);
              const button = section?.querySelectorAll<HTMLElement>('button.facet-value')[1];
              if (!button) return ok(-1);
              const start = performance.now();
              const obs = new MutationObserver(() => {
                const now = document.querySelector('.querybar-status strong')?.textContent;
                if (now && now !== text) {
                  obs.disconnect();
                  requestAnimationFrame(() => ok(performance.now() - start));
                }
              });
              obs.observe(document, { subtree: true, childList: true, characterData: true });
              button.click();
            }),
          [facet, before] as const,
        );
        if (t < 0) continue;
        clicks.push(t);
        await page.getByRole('button', { name: 'clear all' }).click();
        await page.waitForLoadState('networkidle');
      }
      longest = Math.max(longest, await page.evaluate(() => (window as any).__longest as number));
      await ctx.close();
    }
    console.log(`facet click to updated results: p50 ${ms(pct(clicks, 50))} max ${ms(Math.max(...clicks))} (${clicks.length} clicks)`);

    // Long tasks on the other views.
    const views = ['/entities', '/quotes?q=government', '/events?q=government', '/kwic?q=government', '/stories?q=sanctions', '/network?q=sanctions&nodes=1000', '/compare?q=sanctions'];
    const worst: string[] = [];
    for (const v of views) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await ctx.newPage();
      await page.addInitScript(PROBE);
      await page.goto(base + v);
      await page.waitForLoadState('networkidle', { timeout: 120_000 });
      if (v.startsWith('/network')) await page.locator('.graph[data-settled=yes], p.empty').first().waitFor({ timeout: 120_000 });
      await page.waitForTimeout(500);
      worst.push(`${v.split('?')[0]} ${ms(await page.evaluate(() => (window as any).__longest as number))}`);
      await ctx.close();
    }
    console.log(`longest main-thread task per view: ${worst.join(', ')}`);
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
