/**
 * Page metadata from, in order of trust: JSON-LD (schema.org NewsArticle and
 * kin), Open Graph and article:* properties, common meta tags (Dublin Core,
 * Parse.ly, Sailthru, citation_*), and the visible page (<title>, <h1>,
 * <time>, rel=author, <html lang>).
 */
import { isTag, type AnyNode, type Document, type Element } from 'domhandler';
import { textContent } from 'domutils';

export interface PageMeta {
  title?: string;
  published?: string;
  modified?: string;
  authors: string[];
  outlet?: string;
  section?: string;
  canonicalUrl?: string;
  language?: string;
  description?: string;
  /** schema.org articleBody, when the page carries one. */
  articleBody?: string;
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|LiveBlogPosting|ReviewNewsArticle|BackgroundNewsArticle|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|WebPage)$/;

function elements(root: AnyNode, out: Element[] = []): Element[] {
  if (isTag(root)) out.push(root);
  if ('children' in root) for (const c of root.children) elements(c, out);
  return out;
}

type Json = Record<string, unknown>;

/** All objects in a JSON-LD value, following @graph and nested arrays. */
function ldObjects(v: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(v)) for (const x of v) ldObjects(x, out);
  else if (v && typeof v === 'object') {
    out.push(v as Json);
    const g = (v as Json)['@graph'];
    if (g) ldObjects(g, out);
  }
  return out;
}

function typesOf(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str((v as Json).name ?? (v as Json)['@value']);
  return undefined;
}

function names(v: unknown): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (typeof v === 'object') {
    const n = (v as Json).name;
    return typeof n === 'string' && n.trim() ? [n.trim()] : [];
  }
  return [];
}

function parseLd(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Some sites leave control characters or a trailing semicolon inside the script.
    try {
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' ').replace(/;\s*$/, ''));
    } catch {
      return undefined;
    }
  }
}

export function pageMeta(doc: Document): PageMeta {
  const all = elements(doc);
  const metaTags = new Map<string, string>();
  let jsonLd: Json | undefined;
  let title: string | undefined;
  let canonical: string | undefined;
  let lang: string | undefined;
  let h1: string | undefined;
  let timeTag: string | undefined;
  const relAuthors: string[] = [];
  for (const el of all) {
    switch (el.name) {
      case 'meta': {
        const content = el.attribs.content?.trim();
        if (!content) break;
        const a = el.attribs;
        for (const key of [a.property, a.name, a['http-equiv'], ...(a.itemprop?.split(/\s+/) ?? [])]) {
          const k = key?.toLowerCase();
          if (k && !metaTags.has(k)) metaTags.set(k, content);
        }
        break;
      }
      case 'script':
        if (el.attribs.type?.toLowerCase().includes('ld+json')) {
          for (const o of ldObjects(parseLd(textContent(el)))) {
            if (!typesOf(o).some((t) => ARTICLE_TYPES.test(t))) continue;
            // Prefer a real article type over a WebPage wrapper.
            if (!jsonLd || (typesOf(jsonLd).includes('WebPage') && !typesOf(o).includes('WebPage'))) jsonLd = o;
          }
        }
        break;
      case 'title':
        title ??= textContent(el).trim();
        break;
      case 'link':
        if (el.attribs.rel?.toLowerCase() === 'canonical' && el.attribs.href) canonical ??= el.attribs.href;
        break;
      case 'html':
        lang ??= el.attribs.lang ?? el.attribs['xml:lang'];
        break;
      case 'h1':
        h1 ??= textContent(el).replace(/\s+/g, ' ').trim() || undefined;
        break;
      case 'time':
        timeTag ??= el.attribs.datetime;
        break;
      case 'a':
        if (el.attribs.rel?.toLowerCase() === 'author') relAuthors.push(textContent(el).replace(/\s+/g, ' ').trim());
        break;
    }
  }
  const m = (...keys: string[]) => {
    for (const k of keys) {
      const v = metaTags.get(k);
      if (v) return v;
    }
    return undefined;
  };
  const ld = jsonLd ?? {};
  const ldAuthors = names(ld.author ?? ld.creator);
  const metaAuthors = [m('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'citation_author', 'byl')]
    .filter((a): a is string => !!a && !/^https?:/.test(a))
    .map((a) => a.replace(/^by\s+/i, ''));
  const authors = [...new Set((ldAuthors.length ? ldAuthors : metaAuthors.length ? metaAuthors : relAuthors).filter(Boolean))];
  const body = str(ld.articleBody);
  const out: PageMeta = { authors };
  const set = <K extends keyof PageMeta>(k: K, v: PageMeta[K] | undefined) => {
    if (v !== undefined && v !== '') out[k] = v;
  };
  set('title', str(ld.headline) ?? m('og:title', 'twitter:title', 'parsely-title', 'sailthru.title', 'dc.title', 'citation_title') ?? h1 ?? title);
  set('published', str(ld.datePublished) ?? m('article:published_time', 'article:published', 'datepublished', 'parsely-pub-date', 'sailthru.date', 'pubdate', 'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'citation_publication_date', 'og:published_time') ?? timeTag);
  set('modified', str(ld.dateModified) ?? m('article:modified_time', 'article:modified', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified'));
  set('outlet', str(ld.publisher) ?? m('og:site_name', 'application-name', 'twitter:site', 'dc.publisher')?.replace(/^@/, ''));
  set('section', str(ld.articleSection) ?? m('article:section', 'parsely-section', 'section', 'category'));
  set('canonicalUrl', canonical ?? m('og:url') ?? str(ld.url) ?? str(ld.mainEntityOfPage));
  set('language', str(ld.inLanguage) ?? lang ?? m('og:locale', 'content-language', 'language', 'dc.language'));
  set('description', m('description', 'og:description', 'twitter:description') ?? str(ld.description));
  set('articleBody', body);
  return out;
}
