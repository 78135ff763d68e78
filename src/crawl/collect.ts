/**
 * From addresses to raw articles: fetches pages, feeds and sitemaps, follows
 * what they list, and remembers (in the store) what it has seen so a second
 * run, or a watch after a restart, takes in only what is new.
 */
import type { RawRef } from '../model.js';
import type { ReadItem } from '../sources/read.js';
import type { Store } from '../store/store.js';
import { absoluteUrl, rawFromEntry, rawFromHtml } from './articles.js';
import { decodePage } from '../html/charset.js';
import { parseFeed, sniffFeed, type Feed } from './feeds.js';
import { readSaved } from './saved.js';
import { FetchError, type Fetcher } from './fetcher.js';

export interface CollectOptions {
  /** Fetch the pages feed entries link to (sitemaps' pages are always fetched). */
  follow?: boolean;
  /** At most this many linked pages per feed or sitemap. */
  limit?: number;
  /** Entries seen before are skipped (watch mode and repeated fetches). */
  onlyNew?: boolean;
  /** Called for each request, for progress. */
  onFetch?: (url: string) => void;
}

interface Doc {
  url: string;
  text: string;
  notModified: boolean;
}

/** One located error per address that fails; the rest go on. */
export async function* collect(targets: string[], fetcher: Fetcher, store: Store, opts: CollectOptions = {}): AsyncGenerator<ReadItem> {
  for (const target of targets) {
    try {
      yield* collectOne(target, fetcher, store, opts, 0);
    } catch (err) {
      yield { ok: false, error: { source: target, message: err instanceof FetchError ? err.message.replace(`${target}: `, '') : (err as Error).message } };
    }
  }
}

/** A local file (a saved feed or sitemap) or a URL, fetched conditionally. */
async function load(target: string, fetcher: Fetcher, store: Store, opts: CollectOptions): Promise<Doc> {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return { url: target, text: await readSaved(target), notModified: false };
  }
  const prev = store.fetchState(target);
  opts.onFetch?.(target);
  const res = await fetcher.fetch(target, prev ?? {});
  // A 304 carries no validators of its own: the ones that earned it stay.
  const kept = res.notModified ? prev : undefined;
  const etag = res.etag ?? kept?.etag;
  const lastModified = res.lastModified ?? kept?.lastModified;
  store.saveFetchState({ url: target, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), status: res.status, checkedAt: new Date().toISOString() });
  return { url: res.url, text: res.notModified ? '' : decodePage(res.body, res.contentType).text, notModified: res.notModified };
}

async function* collectOne(target: string, fetcher: Fetcher, store: Store, opts: CollectOptions, depth: number): AsyncGenerator<ReadItem> {
  const doc = await load(target, fetcher, store, opts);
  if (doc.notModified) return;
  const kind = sniffFeed(doc.text.slice(0, 4096));
  if (!kind) {
    const r = rawFromHtml(doc.text, { source: doc.url, format: 'html' }, doc.url);
    if ('error' in r) yield { ok: false, error: { source: doc.url, message: r.error } };
    else yield { ok: true, raw: r };
    return;
  }
  const feed = parseFeed(doc.text);
  if (feed.kind === 'sitemapindex') {
    if (depth >= 2) throw new Error('sitemap indexes nested too deep');
    for (const e of feed.entries.slice(0, opts.limit ?? Infinity)) {
      const child = absoluteUrl(e.url, isUrl(doc.url) ? doc.url : undefined);
      if (!child) continue;
      try {
        yield* collectOne(child, fetcher, store, opts, depth + 1);
      } catch (err) {
        yield { ok: false, error: { source: child, message: (err as Error).message } };
      }
    }
    return;
  }
  yield* entries(feed, doc, fetcher, store, opts);
}

const isUrl = (s: string) => /^https?:/i.test(s);

async function* entries(feed: Feed, doc: Doc, fetcher: Fetcher, store: Store, opts: CollectOptions): AsyncGenerator<ReadItem> {
  const follow = feed.kind === 'sitemap' || opts.follow;
  const base = feed.link ?? (isUrl(doc.url) ? doc.url : undefined);
  let taken = 0;
  let n = 0;
  for (const entry of feed.entries) {
    n++;
    const key = entry.id ?? entry.url ?? entry.title;
    if (!key) continue;
    if (opts.onlyNew && store.seenEntry(doc.url, key)) continue;
    if (taken >= (opts.limit ?? Infinity)) break;
    taken++;
    const ref: RawRef = { source: doc.url, locator: `entry ${n}`, format: 'feed' };
    const link = absoluteUrl(entry.url, base);
    let page: { html: string; url: string } | undefined;
    if (follow && link) {
      try {
        opts.onFetch?.(link);
        const res = await fetcher.fetch(link);
        page = { html: decodePage(res.body, res.contentType).text, url: res.url };
      } catch (err) {
        // The entry's own text (if any) still makes an article; say why the page is missing.
        const message = err instanceof FetchError ? err.message : `${link}: ${(err as Error).message}`;
        if (feed.kind === 'sitemap') {
          yield { ok: false, error: { source: doc.url, locator: ref.locator, message } };
          continue;
        }
        const r = rawFromEntry(entry, feed, ref);
        if ('error' in r) {
          yield { ok: false, error: { source: doc.url, locator: ref.locator, message } };
          continue;
        }
        (r.warnings ??= []).push(`page not fetched: ${message}`);
        store.markEntry(doc.url, key);
        yield { ok: true, raw: r };
        continue;
      }
    }
    const r = rawFromEntry(entry, feed, ref, page);
    if ('error' in r) yield { ok: false, error: { source: doc.url, locator: ref.locator, message: r.error } };
    else {
      store.markEntry(doc.url, key);
      yield { ok: true, raw: r };
    }
  }
}
