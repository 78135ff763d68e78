/**
 * Mapping the fields of JSON, JSON Lines and CSV records onto an article.
 * Common column names are recognised by default; `--map field=column`
 * (a dotted path for nested JSON, e.g. `outlet=source.name`) overrides them.
 */
import type { Author, RawArticle, RawRef } from '../model.js';

export const MAPPED_FIELDS = ['id', 'title', 'text', 'published', 'url', 'author', 'outlet', 'categories', 'language'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
export type FieldMap = Partial<Record<MappedField, string>>;

/** Default column names per field, in order of preference (compared without case, `_`, `-` or spaces). */
const DEFAULT_NAMES: Record<MappedField, string[]> = {
  id: ['id', '_id', 'uuid', 'guid', 'docid', 'articleid', 'storiesid'],
  title: ['title', 'headline', 'heading', 'name'],
  text: ['text', 'body', 'content', 'articlebody', 'fulltext', 'maintext', 'contentoriginal', 'article', 'story', 'description', 'summary'],
  published: ['published', 'publishedat', 'publishdate', 'publicationdate', 'datepublished', 'pubdate', 'date', 'datetime', 'publishtime', 'publishedtime', 'time', 'timestamp', 'createdat', 'created'],
  url: ['url', 'link', 'href', 'canonicalurl', 'uri', 'permalink'],
  author: ['author', 'authors', 'byline', 'creator', 'authorname', 'writer'],
  outlet: ['outlet', 'source', 'sourcename', 'publisher', 'mediaoutlet', 'media', 'site', 'sitename', 'domain', 'website', 'feed'],
  categories: ['categories', 'category', 'section', 'sections', 'tags', 'topic', 'topics', 'keywords', 'subject'],
  language: ['language', 'lang', 'languagecode', 'locale'],
};

const normKey = (k: string) => k.toLowerCase().replace(/[\s_-]+/g, '');

/** Parses `field=column` pairs from the command line; throws with a usable message. */
export function parseFieldMap(pairs: string[]): FieldMap {
  const map: FieldMap = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    const field = (eq > 0 ? p.slice(0, eq) : '').trim() as MappedField;
    const column = eq > 0 ? p.slice(eq + 1).trim() : '';
    if (!MAPPED_FIELDS.includes(field) || !column) {
      throw new Error(`--map expects field=column with field one of ${MAPPED_FIELDS.join(', ')}; got "${p}"`);
    }
    map[field] = column;
  }
  return map;
}

/** Which key of a record each field reads; cached per key set since exports repeat their shape. */
export class FieldResolver {
  private cache = new Map<string, Partial<Record<MappedField, string>>>();
  constructor(private readonly overrides: FieldMap = {}) {}

  resolve(keys: string[]): Partial<Record<MappedField, string>> {
    const sig = keys.join('\u0000');
    let found = this.cache.get(sig);
    if (found) return found;
    found = {};
    const byNorm = new Map<string, string>();
    for (const k of keys) if (!byNorm.has(normKey(k))) byNorm.set(normKey(k), k);
    const used = new Set<string>();
    for (const field of MAPPED_FIELDS) {
      const override = this.overrides[field];
      if (override) {
        found[field] = override;
        continue;
      }
      for (const name of DEFAULT_NAMES[field]) {
        const key = byNorm.get(name);
        if (key !== undefined && !used.has(key)) {
          found[field] = key;
          used.add(key);
          break;
        }
      }
    }
    this.cache.set(sig, found);
    return found;
  }
}

function getPath(rec: Record<string, unknown>, path: string): unknown {
  if (path in rec) return rec[path];
  let cur: unknown = rec;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function asString(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return asString(o.name ?? o.title ?? o.value ?? o.url ?? o.href);
  }
  return undefined;
}

function asText(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    const parts = v.map(asString).filter((s): s is string => !!s);
    return parts.length ? parts.join('\n\n') : undefined;
  }
  return asString(v);
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(asString).filter((s): s is string => !!s);
  const s = asString(v);
  if (!s) return [];
  return s.split(/\s*[;|]\s*/).filter(Boolean);
}

/**
 * Bylines: "By A and B", "A; B", arrays of names or of {name, title,
 * description}. A comma splits only when every part looks like a name, so
 * "Jane Doe, Reuters" stays one author.
 */
export function parseAuthors(v: unknown): Author[] {
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'object' && x !== null ? authorObject(x as Record<string, unknown>) : parseAuthors(x)));
  if (v !== null && typeof v === 'object') return authorObject(v as Record<string, unknown>);
  const s = asString(v);
  if (!s) return [];
  const stripped = s.replace(/^\s*by\s+/i, '').trim();
  let parts = stripped.split(/\s*(?:;|\s&\s|\band\b)\s*/i).filter(Boolean);
  parts = parts.flatMap((p) => {
    const bits = p.split(/\s*,\s*/).filter(Boolean);
    return bits.length > 1 && bits.every((b) => /^\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*)+$/u.test(b)) ? bits : [p];
  });
  return parts.map((name) => ({ name }));
}

function authorObject(o: Record<string, unknown>): Author[] {
  const name = asString(o.name ?? o.fullname ?? o.author);
  if (!name) return [];
  const a: Author = { name };
  const title = asString(o.title ?? o.role);
  const description = asString(o.description ?? o.bio);
  if (title) a.title = title;
  if (description) a.description = description;
  return [a];
}

export type RecordResult = { raw: RawArticle } | { error: string };

/** Turns one JSON object or CSV row into a raw article, or says what is missing. */
export function recordToRaw(rec: unknown, ref: RawRef, resolver: FieldResolver): RecordResult {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
    return { error: `expected an object, got ${Array.isArray(rec) ? 'an array' : rec === null ? 'null' : typeof rec}` };
  }
  const o = rec as Record<string, unknown>;
  const cols = resolver.resolve(Object.keys(o));
  const get = (f: MappedField) => (cols[f] === undefined ? undefined : getPath(o, cols[f]!));
  const text = asText(get('text'));
  if (!text) {
    const looked = cols.text ? `field "${cols.text}" is empty` : `no text field (looked for ${DEFAULT_NAMES.text.slice(0, 6).join(', ')}…; use --map text=COLUMN)`;
    return { error: `record has no article text: ${looked}` };
  }
  const raw: RawArticle = { ref, text };
  const title = asString(get('title'));
  if (title) raw.title = title;
  const id = asString(get('id'));
  if (id) raw.externalId = id;
  const published = asString(get('published'));
  if (published) raw.published = published;
  const url = asString(get('url'));
  if (url) raw.url = url;
  const outlet = asString(get('outlet'));
  if (outlet) raw.outlet = outlet;
  const authors = parseAuthors(get('author'));
  if (authors.length) raw.authors = authors;
  const categories = asList(get('categories'));
  if (categories.length) raw.categories = categories;
  const language = asString(get('language'));
  if (language) raw.language = language;
  return { raw };
}
