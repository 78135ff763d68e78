/**
 * Key-value scraper exports: a header of "Key: value" lines (several may
 * share a line, split by "; ") and then "Text:" followed by the article.
 *
 *   Published Time: 2022-01-10
 *   Title: …
 *   Category 1: OPINION; Category 2: VIEWPOINT
 *   Author: …            Author title: …       Author description: …
 *   Text:
 *   …
 */
import type { Author, RawArticle, RawRef } from '../model.js';
import { parseAuthors } from './fields.js';

const KEY_LINE = /^([A-Z][A-Za-z0-9 ]{0,30}?):(?:\s+|$)(.*)$/;
const TEXT_KEYS = new Set(['text', 'body', 'content', 'article']);

type Slot = 'published' | 'title' | 'category' | 'author' | 'authorTitle' | 'authorDescription' | 'url' | 'outlet' | 'language' | 'id';

function slotOf(key: string): Slot | undefined {
  const k = key.toLowerCase().replace(/\s+\d+$/, '').trim();
  switch (k) {
    case 'published time': case 'published': case 'publish time': case 'date': case 'publication date': case 'published date':
      return 'published';
    case 'title': case 'headline':
      return 'title';
    case 'category': case 'categories': case 'section': case 'tags':
      return 'category';
    case 'author': case 'authors': case 'byline':
      return 'author';
    case 'author title': case 'author role':
      return 'authorTitle';
    case 'author description': case 'author bio':
      return 'authorDescription';
    case 'url': case 'link': case 'source url':
      return 'url';
    case 'source': case 'outlet': case 'publisher': case 'site':
      return 'outlet';
    case 'language': case 'lang':
      return 'language';
    case 'id':
      return 'id';
    default:
      return undefined;
  }
}

/** Header slots that fill one string field of the raw article. */
const SINGLE_VALUES = [
  ['title', 'title'],
  ['published', 'published'],
  ['url', 'url'],
  ['outlet', 'outlet'],
  ['language', 'language'],
  ['id', 'externalId'],
] as const satisfies ReadonlyArray<readonly [Slot, keyof RawArticle]>;

/** True when the file opens with known "Key: value" lines and has a Text: line. */
export function looksKeyValue(head: string): boolean {
  const lines = head.split('\n', 40).map((l) => l.trim()).filter(Boolean);
  if (!lines.length || !KEY_LINE.test(lines[0]!)) return false;
  let known = 0;
  for (const line of lines) {
    const m = KEY_LINE.exec(line);
    if (!m) continue;
    if (TEXT_KEYS.has(m[1]!.toLowerCase())) return known >= 1;
    if (slotOf(m[1]!)) known++;
  }
  return false;
}

/** Splits "Category 1: A; Category 2: B" into pairs; a plain value is one pair. */
function splitPairs(line: string): Array<[string, string]> | undefined {
  const pieces = line.split(/;\s+/);
  const pairs: Array<[string, string]> = [];
  for (const piece of pieces) {
    const m = KEY_LINE.exec(piece.trim());
    if (!m) return undefined;
    pairs.push([m[1]!, m[2]!.trim()]);
  }
  return pairs;
}

export function parseKeyValue(content: string, ref: RawRef): RawArticle | { error: string } {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fields: Partial<Record<Slot, string[]>> = {};
  let last: Slot | undefined;
  let textStart = -1;
  let firstTextLine = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = KEY_LINE.exec(line.trim());
    if (m && TEXT_KEYS.has(m[1]!.toLowerCase())) {
      textStart = i + 1;
      firstTextLine = m[2]!;
      break;
    }
    const pairs = m ? splitPairs(line.trim()) ?? [[m[1]!, m[2]!.trim()] as [string, string]] : undefined;
    if (pairs) {
      for (const [k, v] of pairs) {
        const slot = slotOf(k);
        last = slot;
        if (slot) (fields[slot] ??= []).push(v);
      }
    } else if (line.trim() && last) {
      // A wrapped header value continues on the next line.
      const vals = fields[last]!;
      vals[vals.length - 1] = `${vals[vals.length - 1]} ${line.trim()}`;
    }
  }
  if (textStart < 0) return { error: 'key-value export without a "Text:" line' };
  const text = [firstTextLine, ...lines.slice(textStart)].join('\n');
  if (!text.trim()) return { error: 'key-value export with an empty "Text:" section' };

  const raw: RawArticle = { ref, text };
  const one = (s: Slot) => fields[s]?.find((v) => v.length > 0);
  for (const [slot, field] of SINGLE_VALUES) {
    const v = one(slot);
    if (v) raw[field] = v;
  }
  const categories = (fields.category ?? []).flatMap((v) => v.split(/\s*[;,]\s*/)).filter(Boolean);
  if (categories.length) raw.categories = categories;
  const authors: Author[] = (fields.author ?? []).flatMap((v) => parseAuthors(v));
  // "Author title" and "Author description" describe the (first) author.
  const first = authors[0];
  if (first) {
    const t = one('authorTitle');
    const d = one('authorDescription');
    if (t) first.title = t;
    if (d) first.description = d;
    raw.authors = authors;
  }
  return raw;
}
