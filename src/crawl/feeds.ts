/**
 * Feeds and sitemaps: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom, JSON Feed, news
 * sitemaps and sitemap indexes, read into one entry shape.
 *
 * XML goes through htmlparser2 in XML mode: it is lenient with the broken
 * feeds sites serve (text before the declaration, stray entities) and it never
 * reads a DTD, so no entity expansion ("billion laughs") and no external
 * entities can happen. domutils' own getFeed is not used: it drops content,
 * authors, categories and Atom's published date, which are what we need.
 */
import { isTag, type AnyNode, type Element } from 'domhandler';
import { textContent } from 'domutils';
import { parseCapped } from '../html/dom.js';

export type FeedKind = 'rss' | 'rdf' | 'atom' | 'json' | 'sitemap' | 'sitemapindex';

export interface FeedEntry {
  id?: string;
  url?: string;
  title?: string;
  published?: string;
  updated?: string;
  authors: string[];
  categories: string[];
  summary?: string;
  /** Full content, HTML or text as the feed gave it. */
  content?: string;
  contentIsHtml: boolean;
  language?: string;
  /** For news sitemaps: the publication's name. */
  outlet?: string;
}

export interface Feed {
  kind: FeedKind;
  title?: string;
  link?: string;
  language?: string;
  entries: FeedEntry[];
}

/** What a document's first bytes say it is, or undefined for anything else. */
export function sniffFeed(head: string): FeedKind | undefined {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(t) ? 'json' : undefined;
  if (!t.startsWith('<')) return undefined;
  // Skip the declaration, comments, processing instructions and a doctype to find the root element.
  // A doctype may carry an internal subset in brackets (entity declarations; never expanded, see parseFeed).
  const root = /^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>))*\s*<([\w:-]+)/i.exec(t)?.[1]?.toLowerCase();
  switch (root) {
    case 'rss':
      return 'rss';
    case 'rdf:rdf':
      return 'rdf';
    case 'feed':
      return 'atom';
    case 'urlset':
      return 'sitemap';
    case 'sitemapindex':
      return 'sitemapindex';
    default:
      return undefined;
  }
}

export function parseFeed(text: string): Feed {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) return parseJsonFeed(body);
  const doc = parseCapped(body, { xmlMode: true, decodeEntities: true, recognizeCDATA: true, lowerCaseAttributeNames: true });
  const root = doc.children.find((c): c is Element => isTag(c));
  if (!root) throw new Error('no XML root element');
  const name = root.name.toLowerCase();
  if (name === 'rss' || name === 'rdf:rdf') return parseRss(root, name === 'rss' ? 'rss' : 'rdf');
  if (name === 'feed') return parseAtom(root);
  if (name === 'urlset' || name === 'sitemapindex') return parseSitemap(root, name);
  throw new Error(`<${root.name}> is not a feed or sitemap root (expected rss, rdf:RDF, feed, urlset or sitemapindex)`);
}

/** Children of `el` whose tag name, prefix included, is `name` (lower case). */
function kids(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const c of el.children) if (isTag(c) && c.name.toLowerCase() === name) out.push(c);
  return out;
}

function kid(el: Element, ...names: string[]): Element | undefined {
  for (const n of names) {
    const k = kids(el, n)[0];
    if (k) return k;
  }
  return undefined;
}

function text(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  const t = textContent(el).trim();
  return t || undefined;
}

function val(el: Element, ...names: string[]): string | undefined {
  for (const n of names) {
    const t = text(kids(el, n)[0]);
    if (t) return t;
  }
  return undefined;
}

function all(el: Element, ...names: string[]): string[] {
  return names.flatMap((n) => kids(el, n).map((k) => text(k) ?? k.attribs.term ?? '')).filter(Boolean);
}

function parseRss(root: Element, kind: 'rss' | 'rdf'): Feed {
  const channel = kid(root, 'channel') ?? root;
  // RSS 1.0 puts items beside the channel; 2.0 inside it.
  const items = [...kids(channel, 'item'), ...(channel === root ? [] : kids(root, 'item'))];
  const language = val(channel, 'language', 'dc:language');
  const feed: Feed = { kind, entries: [] };
  const title = val(channel, 'title');
  const link = val(channel, 'link');
  if (title) feed.title = title;
  if (link) feed.link = link;
  if (language) feed.language = language;
  for (const it of items) {
    const guid = kid(it, 'guid');
    const link = val(it, 'link') ?? (guid && guid.attribs.ispermalink !== 'false' && /^https?:/i.test(text(guid) ?? '') ? text(guid) : undefined) ?? it.attribs['rdf:about'];
    const content = val(it, 'content:encoded');
    const entry: FeedEntry = {
      authors: all(it, 'dc:creator', 'author').map((a) => a.replace(/^\S+@\S+\s*\((.+)\)$/, '$1')),
      categories: all(it, 'category', 'dc:subject'),
      contentIsHtml: true,
    };
    assign(entry, {
      id: text(guid) ?? link,
      url: link,
      title: val(it, 'title'),
      published: val(it, 'pubdate', 'dc:date', 'a10:updated'),
      summary: val(it, 'description'),
      content,
      language: val(it, 'dc:language') ?? language,
    });
    feed.entries.push(entry);
  }
  return feed;
}

function atomLink(el: Element): string | undefined {
  const links = kids(el, 'link');
  const alt = links.find((l) => !l.attribs.rel || l.attribs.rel === 'alternate');
  return (alt ?? links[0])?.attribs.href;
}

function atomText(el: Element | undefined): { text?: string; html: boolean } {
  if (!el) return { html: false };
  const type = el.attribs.type?.toLowerCase() ?? 'text';
  if (type === 'xhtml') {
    // Inline XHTML: keep the markup so the extractor sees paragraphs.
    const div = el.children.find((c): c is Element => isTag(c));
    const html = div ? (div.children as AnyNode[]).map((c) => outer(c)).join('') : '';
    return { text: html || undefined, html: true };
  }
  return { text: text(el), html: type === 'html' || type.includes('html') };
}

function outer(node: AnyNode): string {
  if (isTag(node)) {
    const name = node.name.replace(/^[\w-]+:/, '');
    return `<${name}>${node.children.map(outer).join('')}</${name}>`;
  }
  return 'data' in node ? escapeHtml(String(node.data)) : '';
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function parseAtom(root: Element): Feed {
  const feed: Feed = { kind: 'atom', entries: [] };
  const lang = root.attribs['xml:lang'];
  assign(feed, { title: atomText(kid(root, 'title')).text, link: atomLink(root), language: lang });
  for (const e of kids(root, 'entry')) {
    const content = atomText(kid(e, 'content'));
    const summary = atomText(kid(e, 'summary'));
    const entry: FeedEntry = {
      authors: kids(e, 'author').map((a) => val(a, 'name') ?? '').filter(Boolean),
      categories: kids(e, 'category').map((c) => c.attribs.label ?? c.attribs.term ?? '').filter(Boolean),
      contentIsHtml: content.text ? content.html : summary.html,
    };
    assign(entry, {
      id: val(e, 'id'),
      url: atomLink(e),
      title: atomText(kid(e, 'title')).text,
      published: val(e, 'published', 'issued') ?? val(e, 'updated'),
      updated: val(e, 'updated', 'modified'),
      summary: summary.text,
      content: content.text,
      language: e.attribs['xml:lang'] ?? lang,
    });
    feed.entries.push(entry);
  }
  return feed;
}

function parseSitemap(root: Element, name: 'urlset' | 'sitemapindex'): Feed {
  const feed: Feed = { kind: name === 'urlset' ? 'sitemap' : 'sitemapindex', entries: [] };
  for (const u of kids(root, name === 'urlset' ? 'url' : 'sitemap')) {
    const loc = val(u, 'loc');
    if (!loc) continue;
    const news = kid(u, 'news:news');
    const pub = news && kid(news, 'news:publication');
    const entry: FeedEntry = { authors: [], categories: [], contentIsHtml: false };
    assign(entry, {
      id: loc,
      url: loc,
      updated: val(u, 'lastmod'),
      title: news && val(news, 'news:title'),
      published: news && val(news, 'news:publication_date'),
      outlet: pub && val(pub, 'news:name'),
      language: pub && val(pub, 'news:language'),
    });
    if (news) entry.categories.push(...(val(news, 'news:keywords')?.split(/\s*,\s*/).filter(Boolean) ?? []));
    feed.entries.push(entry);
  }
  return feed;
}

type JsonObj = Record<string, unknown>;

function parseJsonFeed(body: string): Feed {
  let o: JsonObj;
  try {
    o = JSON.parse(body) as JsonObj;
  } catch (e) {
    throw new Error(`JSON Feed is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(o.items)) throw new Error('JSON Feed has no "items" array');
  const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const authorsOf = (x: JsonObj) => {
    const list = Array.isArray(x.authors) ? x.authors : x.author ? [x.author] : [];
    return list.map((a) => s((a as JsonObj)?.name)).filter((n): n is string => !!n);
  };
  const feed: Feed = { kind: 'json', entries: [] };
  assign(feed, { title: s(o.title), link: s(o.home_page_url), language: s(o.language) });
  const feedAuthors = authorsOf(o);
  for (const raw of o.items as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const it = raw as JsonObj;
    const html = s(it.content_html);
    const authors = authorsOf(it);
    const entry: FeedEntry = {
      authors: authors.length ? authors : feedAuthors,
      categories: Array.isArray(it.tags) ? it.tags.filter((t): t is string => typeof t === 'string') : [],
      contentIsHtml: !!html,
    };
    assign(entry, {
      id: s(it.id) ?? (typeof it.id === 'number' ? String(it.id) : undefined),
      url: s(it.url) ?? s(it.external_url),
      title: s(it.title),
      published: s(it.date_published),
      updated: s(it.date_modified),
      summary: s(it.summary),
      content: html ?? s(it.content_text),
      language: s(it.language) ?? feed.language,
    });
    feed.entries.push(entry);
  }
  return feed;
}

/** Sets the defined values only, so optional fields stay absent rather than undefined. */
function assign<T extends object>(target: T, values: Partial<Record<keyof T, string | undefined>>): void {
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') (target as Record<string, unknown>)[k] = v;
}
