/**
 * One news page in, one article out: metadata plus the body as typed blocks.
 */
import type { Document } from 'domhandler';
import { parseCapped } from './dom.js';
import { blocksOf, isFurnitureText, selectContent, type BlockKind } from './content.js';
import { pageMeta, type PageMeta } from './metadata.js';
import { withoutControls } from '../clean/normalize.js';

export interface ExtractedBlock {
  kind: BlockKind;
  text: string;
}

export interface ExtractedPage extends PageMeta {
  blocks: ExtractedBlock[];
  /** Where the body came from: the page's markup, or its schema.org articleBody when the markup gave little. */
  bodyFrom: 'markup' | 'json-ld' | 'none';
}

/** Kinds that are the article's running text (what the benchmark calls articleBody). */
const BODY_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'heading', 'list', 'row', 'quote', 'pre']);

export function bodyText(blocks: ExtractedBlock[]): string {
  return blocks
    .filter((b) => BODY_KINDS.has(b.kind))
    .map((b) => b.text)
    .join('\n\n');
}

function parseHtml(html: string): Document {
  return parseCapped(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

export function extractPage(html: string): ExtractedPage {
  const doc = parseHtml(html);
  const meta = pageMeta(doc);
  let blocks: ExtractedBlock[] = selectContent(blocksOf(doc)).map((b) => ({ kind: b.kind, text: b.text }));
  let bodyFrom: ExtractedPage['bodyFrom'] = blocks.length ? 'markup' : 'none';
  const ld = meta.articleBody;
  // The markup can hide the body (rendered by script, or cut into pieces we do
  // not recognise); a schema.org articleBody much longer than what we found is the better text.
  if (ld && ld.length > 2 * bodyText(blocks).length + 200) {
    blocks = ld
      .split(/\n\s*\n|\r\n\s*\r\n/)
      .map((t) => t.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .map((text) => ({ kind: 'paragraph', text }));
    bodyFrom = 'json-ld';
  }
  // Drop a leading heading that repeats the title.
  const first = blocks[0];
  if (first?.kind === 'heading' && meta.title && sameText(first.text, meta.title)) blocks.shift();
  const { articleBody: _unused, ...rest } = meta;
  return cleanPage({ ...rest, blocks, bodyFrom });
}

/**
 * Control characters and bidi overrides never belong to an article (a page
 * can carry terminal escapes, also as JSON-LD escapes): every string of the
 * page, metadata and blocks alike, loses them.
 */
function cleanPage(p: ExtractedPage): ExtractedPage {
  const clean = (v: unknown): unknown =>
    typeof v === 'string' ? withoutControls(v) : Array.isArray(v) ? v.map(clean) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)])) : v;
  return clean(p) as ExtractedPage;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const na = norm(a);
  const nb = norm(b);
  return na === nb || (na.length > 20 && nb.startsWith(na)) || (nb.length > 20 && na.startsWith(nb));
}

/**
 * The blocks of an HTML fragment that is all article (a feed entry's
 * content): everything but obvious furniture ("Read more", share links, ads).
 */
export function extractFragment(html: string): ExtractedBlock[] {
  return blocksOf(parseHtml(html))
    .filter((b) => b.furniture < 2 && !isFurnitureText(b.text) && !(b.linkChars === b.text.length && b.text.length < 80))
    .map((b) => ({ kind: b.kind, text: withoutControls(b.text) }));
}
