/**
 * Web documents to raw articles: an extracted page, or a feed entry (with
 * its page, when that was fetched).
 */
import type { RawArticle, RawBlock, RawRef, SectionKind } from '../model.js';
import type { BlockKind } from '../html/content.js';
import { extractFragment, extractPage, type ExtractedBlock, type ExtractedPage } from '../html/extract.js';
import type { Feed, FeedEntry } from './feeds.js';

const SECTION_OF: Record<BlockKind, SectionKind> = {
  paragraph: 'body',
  row: 'body',
  pre: 'body',
  heading: 'heading',
  list: 'list',
  quote: 'quote',
  caption: 'caption',
  byline: 'byline',
};

export function rawBlocks(blocks: ExtractedBlock[]): RawBlock[] {
  return blocks.map((b) => ({ kind: SECTION_OF[b.kind], text: b.text }));
}

/** An absolute http(s) URL, or undefined. */
export function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

export type RawResult = RawArticle | { error: string };

/** A page's article, or an error when no article text was found. */
export function rawFromPage(page: ExtractedPage, html: string, ref: RawRef, url?: string): RawResult {
  if (page.blocks.length === 0) return { error: 'no article text found on the page' };
  const pageUrl = absoluteUrl(page.canonicalUrl, url) ?? url;
  const raw: RawArticle = { ref, text: '', blocks: rawBlocks(page.blocks), html, authors: page.authors.map((name) => ({ name })) };
  set(raw, {
    title: page.title,
    published: page.published,
    modified: page.modified,
    url: pageUrl,
    outlet: page.outlet ?? hostOf(pageUrl),
    language: page.language,
  });
  if (page.section) raw.categories = [page.section];
  return raw;
}

export function rawFromHtml(html: string, ref: RawRef, url?: string): RawResult {
  return rawFromPage(extractPage(html), html, ref, url);
}

/**
 * A feed entry as an article: its full content when the feed carries it,
 * else its summary; a fetched page, when given, supplies the body instead and
 * the entry fills what the page lacks.
 */
export function rawFromEntry(entry: FeedEntry, feed: Feed, ref: RawRef, page?: { html: string; url: string }): RawResult {
  const url = absoluteUrl(entry.url, feed.link) ?? entry.url;
  let raw: RawArticle | undefined;
  if (page) {
    const r = rawFromHtml(page.html, ref, page.url);
    if (!('error' in r)) raw = r;
  }
  if (!raw) {
    const body = entry.content ?? entry.summary;
    const blocks = body ? (entry.contentIsHtml ? extractFragment(body) : body.split(/\n\s*\n/).map((text) => ({ kind: 'paragraph' as const, text: text.trim() })).filter((b) => b.text)) : [];
    if (blocks.length === 0) return { error: `feed entry "${entry.title ?? entry.id ?? url ?? '?'}" has no text${url ? ' (fetch its page with `newslens fetch --follow`)' : ''}` };
    raw = { ref, text: '', blocks: rawBlocks(blocks) };
    if (entry.content === undefined) raw.warnings = ['the feed gives a summary only; fetch the page for the full text'];
  }
  raw.ref = ref;
  if (!raw.authors?.length && entry.authors.length) raw.authors = entry.authors.map((name) => ({ name }));
  if (!raw.categories?.length && entry.categories.length) raw.categories = entry.categories;
  set(raw, {
    externalId: entry.id,
    title: raw.title ?? entry.title,
    published: entry.published ?? raw.published,
    modified: raw.modified ?? entry.updated,
    url: raw.url ?? url,
    outlet: entry.outlet ?? raw.outlet ?? feed.title ?? hostOf(url),
    language: raw.language ?? entry.language,
  });
  return raw;
}

function set(raw: RawArticle, values: Partial<Record<'title' | 'published' | 'modified' | 'url' | 'outlet' | 'language' | 'externalId', string | undefined>>): void {
  for (const [k, v] of Object.entries(values)) if (v) (raw as unknown as Record<string, string>)[k] = v;
}
