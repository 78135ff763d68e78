/**
 * What the browser tests share: Debian's chromium driven by playwright-core, a
 * workspace built by the real CLI, and the real server on loopback. The suite
 * skips (and says why) where chromium, the built UI or the shared data is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CLI, ROOT } from '../helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHARED = resolve(process.env.NEWSLENS_SHARED ?? join(ROOT, '..', 'shared'));
export const SCREENSHOTS = join(ROOT, 'test-screenshots');

/** Why the suite cannot run here, or undefined when it can. */
export function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no chromium at ${CHROMIUM} (scripts/install-browser.sh installs Debian's)`;
  if (!existsSync(join(ROOT, 'ui/dist/index.html'))) return 'the web UI is not built (npm run build:ui)';
  if (!existsSync(join(SHARED, 'seeds'))) return `no shared data at ${SHARED}`;
  return undefined;
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Runs the CLI; throws with its stderr when it fails. */
export function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`newslens ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Injected through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) })))`)) as AxeViolation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
