/**
 * Readers for saved web documents: HTML pages, feeds (RSS, Atom, JSON Feed)
 * and WARC archives (through warcio, the Webrecorder project's reader).
 */
import { WARCParser } from 'warcio';
import type { RawRef } from '../model.js';
import { rawFromEntry, rawFromHtml } from '../crawl/articles.js';
import { decodePage } from '../html/charset.js';
import { parseFeed } from '../crawl/feeds.js';
import { formatBytes, readAll, type OpenedInput } from './input.js';
import type { ReadItem } from './read.js';

/** One saved page or feed larger than this is refused (real pages are well under 5 MB). */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024;

export async function* readHtml(input: OpenedInput, source: string): AsyncGenerator<ReadItem> {
  const page = decodePage(await readAll(input, MAX_PAGE_BYTES));
  const r = rawFromHtml(page.text, { source, format: 'html' });
  if ('error' in r) yield { ok: false, error: { source, message: r.error } };
  else yield { ok: true, raw: r };
}

export async function* readFeed(input: OpenedInput, source: string): AsyncGenerator<ReadItem> {
  const doc = decodePage(await readAll(input, MAX_PAGE_BYTES));
  let feed;
  try {
    feed = parseFeed(doc.text);
  } catch (e) {
    yield { ok: false, error: { source, message: `not a readable feed: ${(e as Error).message}` } };
    return;
  }
  if (feed.kind === 'sitemap' || feed.kind === 'sitemapindex') {
    const what = feed.kind === 'sitemap' ? 'pages' : 'sitemaps';
    yield { ok: false, error: { source, message: `a sitemap lists links, not articles (${feed.entries.length} ${what}); run \`newslens fetch ${source}\` to fetch and ingest them` } };
    return;
  }
  if (feed.entries.length === 0) {
    yield { ok: false, error: { source, message: `the ${feed.kind} feed has no entries` } };
    return;
  }
  let n = 0;
  for (const entry of feed.entries) {
    n++;
    const ref: RawRef = { source, locator: `entry ${n}`, format: 'feed' };
    const r = rawFromEntry(entry, feed, ref);
    if ('error' in r) yield { ok: false, error: { source, locator: ref.locator, message: r.error } };
    else yield { ok: true, raw: r };
  }
}

const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)/i;

export async function* readWarc(input: OpenedInput, source: string): AsyncGenerator<ReadItem> {
  const parser = new WARCParser(input.chunks);
  let n = 0;
  for await (const record of parser) {
    n++;
    const type = record.warcType;
    if (type !== 'response' && type !== 'resource') continue;
    const contentType = (type === 'response' ? record.httpHeaders?.headers.get('content-type') : record.warcContentType) ?? '';
    const status = type === 'response' ? Number(record.httpHeaders?.statusCode ?? 0) : 200;
    if (!HTML_TYPE.test(contentType) || status < 200 || status >= 300) {
      await record.skipFully();
      continue;
    }
    const locator = `record ${n}`;
    const bytes = await record.readFully(true);
    if (bytes.length > MAX_PAGE_BYTES) {
      yield { ok: false, error: { source, locator, message: `page over ${formatBytes(MAX_PAGE_BYTES)}` } };
      continue;
    }
    const url = record.warcTargetURI ?? undefined;
    const page = decodePage(bytes, contentType);
    const r = rawFromHtml(page.text, { source, locator, format: 'warc' }, url);
    if ('error' in r) yield { ok: false, error: { source, locator, message: `${url ?? 'page'}: ${r.error}` } };
    else yield { ok: true, raw: r };
  }
}
