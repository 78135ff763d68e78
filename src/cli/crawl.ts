/** `newslens extract`, `newslens fetch` and `newslens watch`: articles from the web. */
import type { Command } from 'commander';
import { ingestItems, type IngestSummary } from '../pipeline.js';
import { withoutControls } from '../clean/normalize.js';
import { rawBlocks } from '../crawl/articles.js';
import { decodePage } from '../html/charset.js';
import { collect } from '../crawl/collect.js';
import { readSaved, SavedFileError } from '../crawl/saved.js';
import { bodyText, extractPage, type ExtractedPage } from '../html/extract.js';
import { Fetcher, FetchError, type FetcherOptions } from '../crawl/fetcher.js';
import { printSummary } from './ingest.js';
import { num, openStore, printJson, UsageError, withDbOption, workspacePath, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

interface FetchFlags extends GlobalOptions {
  allowPrivate?: boolean;
  allowHost: string[];
  delay: string;
  timeout: string;
  maxBytes: string;
  userAgent?: string;
}

function positive(v: string, what: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${what} must be a number ≥ 0, got "${v}"`);
  return n;
}

/**
 * The hosts that may be reached on private addresses: with --allow-private,
 * those of the URLs the user gave, plus every --allow-host. Never a host
 * that only a redirect or a page's link leads to.
 */
function privateHosts(f: FetchFlags, targets: string[]): string[] {
  const named = f.allowPrivate ? targets.filter(isUrl).flatMap((t) => {
    try {
      return [new URL(t).hostname];
    } catch {
      return [];
    }
  }) : [];
  return [...named, ...f.allowHost];
}

function fetcherOf(f: FetchFlags, targets: string[]): Fetcher {
  const o: FetcherOptions = {
    allowPrivate: privateHosts(f, targets),
    hostDelayMs: positive(f.delay, '--delay') * 1000,
    timeoutMs: positive(f.timeout, '--timeout') * 1000,
    maxBytes: positive(f.maxBytes, '--max-bytes') * 1024 * 1024,
  };
  if (f.userAgent) o.userAgent = f.userAgent;
  return new Fetcher(o);
}

function withFetchOptions(cmd: Command): Command {
  return cmd
    .option('--allow-private', 'let the URLs given here be on loopback, private or link-local addresses (refused by default; redirects and links elsewhere are still checked)')
    .option('--allow-host <host>', 'also let this host be on such an address, e.g. where an intranet feed\'s pages live (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--delay <seconds>', 'at least this long between two requests to one host (a longer robots.txt Crawl-delay wins)', '1')
    .option('--timeout <seconds>', 'give up on a page after this long in all (attempts, retries, redirects)', '20')
    .option('--max-bytes <MiB>', 'refuse bodies larger than this', '10')
    .option('--user-agent <string>', 'User-Agent to send (robots.txt rules are matched against it)');
}

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s);

async function readLocal(path: string): Promise<string> {
  try {
    return await readSaved(path);
  } catch (err) {
    if (err instanceof SavedFileError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

function printPage(p: ExtractedPage, url: string | undefined): void {
  const lines: string[] = [];
  if (p.title) lines.push(p.title, '');
  const field = (k: string, v: string | undefined) => v && lines.push(`${k.padEnd(10)}${v}`);
  field('Published', p.published);
  field('Modified', p.modified);
  field('Authors', p.authors.join(', ') || undefined);
  field('Outlet', p.outlet);
  field('Section', p.section);
  field('URL', p.canonicalUrl ?? url);
  field('Language', p.language);
  lines.push('', bodyText(p.blocks) || '(no article text found)');
  // The page's strings are cleaned by the extractor; the URL is the user's or the server's.
  process.stdout.write(withoutControls(lines.join('\n')) + '\n');
}

export function registerCrawl(program: Command): void {
  withFetchOptions(
    commandFor(program, 'extract')
      .argument('<file-or-url>', 'an HTML file (.gz is fine) or an http(s) URL')
      .option('--json', 'print JSON: metadata and the body as typed blocks'),
  )
    .addHelpText('after', '\nExit status: 0 when an article was found, 1 when the page has no article text, 2 on errors.')
    .action(async (target: string, flags: FetchFlags) => {
      let html: string;
      let url: string | undefined;
      if (isUrl(target)) {
        const fetcher = fetcherOf(flags, [target]);
        try {
          const res = await fetcher.fetch(target);
          html = decodePage(res.body, res.contentType).text;
          url = res.url;
        } catch (err) {
          throw new UsageError(err instanceof FetchError ? err.message : (err as Error).message);
        } finally {
          await fetcher.close();
        }
      } else html = await readLocal(target);
      const page = extractPage(html);
      if (flags.json) printJson({ ...page, url: page.canonicalUrl ?? url, text: bodyText(page.blocks), sections: rawBlocks(page.blocks) });
      else printPage(page, url);
      process.exitCode = page.blocks.length ? 0 : 1;
    });

  withFetchOptions(
    withDbOption(commandFor(program, 'fetch'))
      .argument('<targets...>', 'URLs of pages, feeds (RSS, Atom, JSON Feed) or sitemaps; saved feed or sitemap files')
      .option('--follow', "fetch the page each feed entry links to and extract it (sitemaps' pages are always fetched)")
      .option('--limit <n>', 'at most this many linked pages per feed or sitemap')
      .option('--no-annotate', 'skip the annotate stage (entities, figures)')
      .option('-q, --quiet', 'no progress lines'),
  )
    .addHelpText(
      'after',
      `
robots.txt is honoured; one request at a time per host; 429/503 answers are
retried with backoff; a second fetch of an unchanged feed or page costs one
conditional request. Addresses on loopback, private or link-local networks are
refused, but for the URLs given when --allow-private is set and the hosts named
with --allow-host. --timeout bounds each fetch as a whole (retries included).

Exit status: 0 when everything was fetched, 1 when some failed (listed), 2 on usage errors.`,
    )
    .action(async (targets: string[], flags: FetchFlags & { follow?: boolean; limit?: string; annotate: boolean; quiet?: boolean }) => {
      const limit = flags.limit !== undefined ? positive(flags.limit, '--limit') : undefined;
      const fetcher = fetcherOf(flags, targets);
      const store = openStore(flags, { write: true, create: true });
      try {
        const summary = await runCollect(targets, fetcher, store, { follow: !!flags.follow, ...(limit !== undefined ? { limit } : {}), onlyNew: true }, flags);
        if (flags.json) printJson({ workspace: workspacePath(flags), ...summary });
        else printSummary(summary, workspacePath(flags));
        process.exitCode = summary.failed > 0 ? 1 : 0;
      } finally {
        store.close();
        await fetcher.close();
      }
    });

  withFetchOptions(
    withDbOption(commandFor(program, 'watch'))
      .argument('<feeds...>', 'URLs of feeds or sitemaps')
      .option('--interval <seconds>', 'time between two polls of the feeds', '900')
      .option('--follow', 'fetch the page each new feed entry links to and extract it')
      .option('--cycles <n>', 'stop after this many polls (default: run until interrupted)')
      .option('--no-annotate', 'skip the annotate stage (entities, figures)')
      .option('-q, --quiet', 'no progress lines'),
  )
    .addHelpText('after', '\nWhat was taken in is recorded in the workspace, so a restarted watch only adds new entries. Ctrl-C stops after the current poll.')
    .action(async (feeds: string[], flags: FetchFlags & { interval: string; follow?: boolean; cycles?: string; annotate: boolean; quiet?: boolean }) => {
      const interval = positive(flags.interval, '--interval') * 1000;
      const cycles = flags.cycles !== undefined ? positive(flags.cycles, '--cycles') : Infinity;
      const fetcher = fetcherOf(flags, feeds);
      const store = openStore(flags, { write: true, create: true });
      let stopping = false;
      let wake: (() => void) | undefined;
      const onSignal = () => {
        stopping = true;
        wake?.();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let failed = 0;
      try {
        for (let cycle = 1; cycle <= cycles && !stopping; cycle++) {
          const s = await runCollect(feeds, fetcher, store, { follow: !!flags.follow, onlyNew: true }, flags);
          failed += s.failed;
          const line = { cycle, at: new Date().toISOString(), added: s.added, duplicates: s.duplicates, failed: s.failed, failures: s.failures };
          if (flags.json) process.stdout.write(JSON.stringify(line) + '\n');
          else {
            process.stdout.write(`${line.at}  poll ${cycle}: ${num(s.added)} new, ${num(s.duplicates)} already stored, ${num(s.failed)} failed\n`);
            for (const f of s.failures) process.stdout.write(`  ${f.source}${f.locator ? ` (${f.locator})` : ''}: ${f.message}\n`);
          }
          if (cycle < cycles && !stopping) await new Promise<void>((r) => ((wake = r), setTimeout(r, interval)));
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        store.close();
        await fetcher.close();
      }
      process.exitCode = failed > 0 ? 1 : 0;
    });
}

async function runCollect(
  targets: string[],
  fetcher: Fetcher,
  store: ReturnType<typeof openStore>,
  opts: Parameters<typeof collect>[3],
  flags: { annotate: boolean; quiet?: boolean; json?: boolean },
): Promise<IngestSummary> {
  const verbose = !flags.quiet && !flags.json && process.stderr.isTTY;
  return ingestItems(collect(targets, fetcher, store, { ...opts, ...(verbose ? { onFetch: (u: string) => process.stderr.write(`fetching ${u}\n`) } : {}) }), store, {
    annotate: flags.annotate,
    batchSize: 1,
  });
}
