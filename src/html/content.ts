/**
 * Main-content extraction: which text blocks of a news page are the article.
 *
 * This is the product's core, so the scoring is ours (htmlparser2 only
 * parses). The page is cut into blocks (paragraph-like runs of inline
 * content). Each block is judged on its own text: long, sentence-like and
 * few links is "good"; link lists, short labels and blocks inside
 * boilerplate-named containers are "bad". The article's container is the
 * element whose good text most outweighs its bad text. Inside it, blocks
 * are kept unless they are link lists or site furniture, and the edges are
 * trimmed back to the first and last good block so headlines, bylines and
 * "related" lists around the body fall away.
 */
import { isTag, isText, type AnyNode, type Element } from 'domhandler';

export type BlockKind = 'paragraph' | 'heading' | 'list' | 'row' | 'quote' | 'pre' | 'caption' | 'byline';

export interface Block {
  kind: BlockKind;
  text: string;
  /** Characters inside links. */
  linkChars: number;
  /** The nearest block-level element holding the text. */
  container: Element;
  /** The block sits under an element whose class or id names site furniture. */
  /** 0: none; 1: under weak site chrome; 2: under what is never the article. */
  furniture: 0 | 1 | 2;
  quality: 'good' | 'neutral' | 'bad';
}

// Dropped with everything inside: never article text.
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'button', 'input', 'select',
  'textarea', 'option', 'nav', 'aside', 'footer', 'head', 'link', 'meta', 'video', 'audio', 'map', 'dialog', 'menu',
  'picture', 'img', 'source', 'math', 'title',
]);

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
  'caption', 'br',
]);

// Class/id words of site furniture, matched as whole words of the class or id
// (split on "-", "_", spaces and camelCase), so "header" does not hit "subheader".
// Strong words mark what is never the article, even when long and well written
// (comments, teasers of other stories); weak words mark page chrome that may
// wrap the body on some sites, so good text under them still counts.
const STRONG_FURNITURE = new Set([
  'comment', 'comments', 'disqus', 'related', 'recommended', 'recommendations', 'sidebar', 'outbrain', 'taboola',
  'newsletter', 'cookie', 'cookies', 'gdpr', 'consent', 'footer', 'navigation', 'navbar', 'nav', 'menu', 'promo',
  'teaser', 'teasers', 'trending', 'popular', 'breadcrumb', 'breadcrumbs', 'rail', 'widget', 'signup', 'subscribe',
  'modal', 'popup', 'playlist', 'masthead', 'outstream', 'sponsored', 'sponsor', 'rollover', 'tooltip', 'popover',
  'hovercard', 'dropdown',
]);
const WEAK_FURNITURE = new Set([
  'ad', 'ads', 'advert', 'advertisement', 'adslot', 'adunit', 'banner', 'share', 'sharing', 'social', 'toolbar', 'paywall',
  'tags', 'tag', 'pagination', 'pager', 'skip', 'login', 'more', 'most', 'bio', 'timestamp', 'dateline', 'meta', 'header',
  'headline', 'hidden', 'print', 'sr', 'visuallyhidden', 'also', 'video', 'gallery', 'slideshow', 'subscription', 'hed', 'dek',
]);
// Words that mark the article body itself; they outweigh a weak furniture word on the same element.
const BODY_WORDS = new Set(['article', 'body', 'content', 'entry', 'story', 'post', 'text', 'main', 'prose', 'paragraph']);
const CAPTION_WORDS = new Set(['caption', 'credit', 'figcaption', 'wp-caption-text', 'credits']);
const BYLINE_WORDS = new Set(['byline', 'author', 'authors', 'contributor', 'contributors']);

function classWords(el: Element): string[] {
  const s = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (s.length <= 1) return [];
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

type Role = 'strong' | 'weak' | 'caption' | 'byline' | undefined;

function roleOf(el: Element): Role {
  const words = classWords(el);
  if (words.length === 0) return undefined;
  let weak = false;
  let body = false;
  for (const w of words) {
    if (STRONG_FURNITURE.has(w)) return 'strong';
    if (CAPTION_WORDS.has(w)) return 'caption';
    if (BYLINE_WORDS.has(w)) return 'byline';
    if (WEAK_FURNITURE.has(w)) weak = true;
    else if (BODY_WORDS.has(w)) body = true;
  }
  return weak && !body ? 'weak' : undefined;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  const style = a.style;
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** A marked ancestor: an element whose tag or class names a role. */
interface Mark {
  el: Element;
  role: 'strong' | 'weak' | 'caption' | 'byline' | 'quote';
  up: Mark | undefined;
}

interface WalkState {
  blocks: Block[];
  marks: Map<Block, Mark | undefined>;
  parts: string[];
  linkChars: number;
  inLink: number;
  inPre: number;
  /** Depth of list items around the current block. */
  inItem: number;
}

/**
 * Cuts the page into blocks in document order and judges each. Roles come
 * from marked ancestors, except that an element holding most of the page's
 * good text is never furniture, a caption or a byline, whatever its class
 * says (Drupal puts "sidebar" on <body>; some themes wrap the story in "author-…").
 */
export function blocksOf(root: AnyNode): Block[] {
  const st: WalkState = { blocks: [], marks: new Map(), parts: [], linkChars: 0, inLink: 0, inPre: 0, inItem: 0 };
  walk(root, st, root as Element, undefined);
  flush(st, root as Element, undefined);
  const plainGood = new Map<Element, number>();
  let total = 0;
  for (const b of st.blocks) {
    if (judge(b) !== 'good') continue;
    const w = weight(b.text);
    total += w;
    for (let el: Element | null = b.container; el; el = parentElement(el)) plainGood.set(el, (plainGood.get(el) ?? 0) + w);
  }
  const cards = teaserCards(st.blocks, plainGood, total);
  for (const b of st.blocks) {
    let furniture: 0 | 1 | 2 = inCard(b.container, cards) ? 2 : 0;
    let kind: BlockKind | undefined;
    // An embedded post or quotation is quoted text even inside a "social-embed" wrapper.
    let quoted = false;
    for (let m = st.marks.get(b); m; m = m.up) {
      if (total > 0 && (plainGood.get(m.el) ?? 0) >= 0.5 * total) continue;
      if (m.role === 'quote') quoted = true;
      if (m.role === 'strong') furniture = 2;
      else if (m.role === 'weak' && !quoted) furniture = Math.max(furniture, 1) as 0 | 1 | 2;
      else if (m.role !== 'weak' && (!kind || (kind === 'quote' && m.role !== 'quote'))) kind = m.role;
    }
    b.furniture = furniture;
    if (kind && !(kind === 'quote' && b.kind === 'list')) b.kind = kind;
    b.quality = judge(b);
  }
  return st.blocks;
}

function parentElement(el: Element): Element | null {
  return el.parent && isTag(el.parent) ? el.parent : null;
}

interface Shape {
  chars: number;
  linkBlocks: number;
}

/**
 * Teaser cards: three or more sibling elements of one tag and class, each a
 * short unit with a link block (a headline) and maybe a blurb: the "more
 * stories" grids and lists around an article. Their blurbs read like prose,
 * so only the repeated shape gives them away. A set of cards holding most of
 * the page's good text is the content itself (a list article) and is kept.
 */
function teaserCards(blocks: Block[], plainGood: Map<Element, number>, total: number): Set<Element> {
  const shape = new Map<Element, Shape>();
  for (const b of blocks) {
    const link = b.linkChars / b.text.length > 0.5 ? 1 : 0;
    for (let el: Element | null = b.container; el; el = parentElement(el)) {
      const s = shape.get(el);
      if (s) {
        s.chars += b.text.length;
        s.linkBlocks += link;
      } else shape.set(el, { chars: b.text.length, linkBlocks: link });
    }
  }
  const groups = new Map<string, Element[]>();
  for (const el of shape.keys()) {
    const parent = parentElement(el);
    if (!parent) continue;
    const key = `${el.name}.${(el.attribs.class ?? '').replace(/\d+/g, '')}`;
    const list = groups.get(key) ?? [];
    list.push(el);
    groups.set(key, list);
  }
  const cards = new Set<Element>();
  for (const members of groups.values()) {
    if (members.length < 3) continue;
    const byParent = new Map<Element, Element[]>();
    for (const el of members) {
      const p = parentElement(el)!;
      const l = byParent.get(p) ?? [];
      l.push(el);
      byParent.set(p, l);
    }
    for (const [parent, sibs] of byParent) {
      if (sibs.length < 3 || (total > 0 && (plainGood.get(parent) ?? 0) >= 0.5 * total)) continue;
      const teasers = sibs.filter((el) => {
        const s = shape.get(el)!;
        return s.linkBlocks >= 1 && s.chars <= 600;
      });
      if (teasers.length >= 0.75 * sibs.length) for (const el of sibs) cards.add(el);
    }
  }
  return cards;
}

function inCard(el: Element, cards: Set<Element>): boolean {
  if (cards.size === 0) return false;
  for (let e: Element | null = el; e; e = parentElement(e)) if (cards.has(e)) return true;
  return false;
}

function walk(node: AnyNode, st: WalkState, container: Element, mark: Mark | undefined): void {
  if (isText(node)) {
    const t = st.inPre ? node.data : node.data.replace(/\s+/g, ' ');
    st.parts.push(t);
    if (st.inLink) st.linkChars += t.trim().length;
    return;
  }
  if (!isTag(node)) {
    if ('children' in node) for (const c of node.children) walk(c, st, container, mark);
    return;
  }
  const name = node.name;
  if (DROP.has(name) || isHidden(node)) return;
  if (name === 'br') {
    // <br><br> separates paragraphs on older pages; a single <br> is a line break.
    const prev = prevTagSibling(node);
    if (prev?.name === 'br') flush(st, container, mark);
    else st.parts.push('\n');
    return;
  }
  if (!BLOCK.has(name) && node.attribs.class) {
    // Inline furniture (a hover card inside a sentence) goes; an inline caption becomes its own block.
    const role = roleOf(node);
    if (role === 'strong') return;
    if (role === 'caption' || role === 'byline') {
      flush(st, container, mark);
      const inner: Mark = { el: node, role, up: mark };
      for (const c of node.children) walk(c, st, container, inner);
      flush(st, container, inner);
      return;
    }
  }
  if (!BLOCK.has(name)) {
    // A table row is one line of text; its cells are separated by spaces.
    if (name === 'td' || name === 'th') st.parts.push(' ');
    if (name === 'a') st.inLink++;
    for (const c of node.children) walk(c, st, container, mark);
    if (name === 'a') st.inLink--;
    return;
  }
  flush(st, container, mark);
  let role: Mark['role'] | undefined = name === 'html' || name === 'body' ? undefined : roleOf(node);
  if (name === 'figcaption' || name === 'figure') role = 'caption';
  else if (!role && name === 'blockquote') role = 'quote';
  else if (!role && name === 'header') role = 'weak';
  const inner: Mark | undefined = role ? { el: node, role, up: mark } : mark;
  if (name === 'pre') st.inPre++;
  if (name === 'li') st.inItem++;
  for (const c of node.children) walk(c, st, node, inner);
  flush(st, node, inner);
  if (name === 'pre') st.inPre--;
  if (name === 'li') st.inItem--;
}

function prevTagSibling(node: Element): Element | undefined {
  let p = node.prev;
  while (p && isText(p) && p.data.trim() === '') p = p.prev;
  return p && isTag(p) ? p : undefined;
}

function flush(st: WalkState, container: Element, mark: Mark | undefined): void {
  if (st.parts.length === 0) return;
  const raw = st.parts.join('');
  st.parts = [];
  const linkChars = st.linkChars;
  st.linkChars = 0;
  const text = st.inPre ? raw.replace(/^\n+|\s+$/g, '') : raw.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/ {2,}/g, ' ').trim();
  if (!text) return;
  const name = container.name;
  let kind: BlockKind = 'paragraph';
  if (/^h[1-6]$/.test(name)) kind = 'heading';
  else if (st.inItem > 0 || name === 'dd' || name === 'dt') kind = 'list';
  else if (name === 'pre') kind = 'pre';
  else if (name === 'tr') kind = 'row';
  const block: Block = { kind, text, linkChars: Math.min(linkChars, text.length), container, furniture: 0, quality: 'neutral' };
  st.blocks.push(block);
  st.marks.set(block, mark);
}

// Sentence-final punctuation in the scripts the pages use (Latin, CJK, Arabic …).
const SENTENCE_END = /[.!?…。！？؟।»"”’')\]]$/u;
const PROSE_END = /[.!?…。！？؟]["”’')]?$/u;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;

/** Effective length: CJK characters carry about as much as two Latin ones. */
function weight(text: string): number {
  if (!CJK.test(text)) return text.length;
  let n = 0;
  for (const ch of text) n += CJK.test(ch) ? 2.5 : 1;
  return n;
}

function judge(b: Block): Block['quality'] {
  const len = weight(b.text);
  const density = b.linkChars / b.text.length;
  const sentence = SENTENCE_END.test(b.text);
  const words = b.text.split(/\s+/).length;
  const spaced = !CJK.test(b.text);
  if (isFurnitureText(b.text)) return 'bad';
  if (density > 0.5) {
    // Prose whose names are links (or carry hover cards) is still prose; a list of links is not.
    return PROSE_END.test(b.text) && !b.text.includes('\n') && (words >= 10 || !spaced) && len >= 60 && b.furniture === 0 ? 'neutral' : 'bad';
  }
  if (b.kind === 'caption' || b.kind === 'byline' || b.furniture === 2) return 'bad';
  // Rows of a data table are short by nature, and list items are as often
  // teasers of other stories as points of the article: neither makes or breaks a container.
  if (b.kind === 'row' || b.kind === 'list') return b.furniture ? 'bad' : 'neutral';
  if (density <= 0.3 && (len >= 150 || (len >= 50 && sentence && (!spaced || words >= 7)))) return 'good';
  if (len < 25 && !sentence) return 'bad';
  if (b.furniture) return 'bad';
  return 'neutral';
}

interface Tally {
  good: number;
  bad: number;
}

/** The element whose good text most outweighs its bad text. */
function bestContainer(blocks: Block[]): Element | undefined {
  const tally = new Map<Element, Tally>();
  for (const b of blocks) {
    if (b.quality === 'neutral') continue;
    const w = weight(b.text);
    for (let el: Element | null = b.container; el; el = parentElement(el)) {
      let t = tally.get(el);
      if (!t) tally.set(el, (t = { good: 0, bad: 0 }));
      if (b.quality === 'good') t.good += w;
      else t.bad += w;
    }
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [el, t] of tally) {
    const score = t.good - BAD_WEIGHT * t.bad;
    if (score > bestScore) {
      bestScore = score;
      best = el;
    }
  }
  return best;
}

const BAD_WEIGHT = 0.6;

function within(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e; e = parentElement(e)) if (e === root) return true;
  return false;
}

// Site furniture that sits inside article bodies as plain text.
const FURNITURE_TEXT: RegExp[] = [
  /^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?|continue reading(?: below)?|scroll to continue.*)$/i,
  /^(?:read more|read next|related|see also|more from .{1,40}|recommended|you may also like|most (?:read|popular)|trending)\b.{0,80}$/i,
  /^(?:sign up|subscribe|follow us|join us|click here|download (?:our|the) app|get (?:the|our) newsletter)\b.{0,160}$/i,
  /^(?:share|share this|tweet|print|e-?mail|copy link|facebook|twitter|linkedin|whatsapp|reddit|pinterest)(?:\s*[:|·•,/]\s*.*)?$/i,
  /^(?:©|copyright\b|all rights reserved).{0,200}$/i,
  /^(?:photo|image|video|graphic|illustration)s?\s*(?::|by|credit).{0,120}$/i,
];
// Cookie notices and their settings panels, which run longer.
const COOKIE_NOTICE = /\b(?:(?:this|our) (?:web)?site uses cookies|(?:necessary|functional|analytics|performance|advertisement|non-necessary) cookies|cookies? (?:policy|settings|preferences|consent))\b/i;

export function isFurnitureText(text: string): boolean {
  if (text.length > 600) return false;
  return (text.length <= 220 && FURNITURE_TEXT.some((re) => re.test(text))) || COOKIE_NOTICE.test(text);
}

/** The article's blocks, in order; captions and bylines inside the body are kept with their kinds. */
export function selectContent(blocks: Block[]): Block[] {
  const root = bestContainer(blocks);
  if (!root) return [];
  const inside = blocks.filter((b) => within(b.container, root));
  const kept = inside.filter((b) => {
    if (b.kind === 'caption' || b.kind === 'byline') return true;
    if (b.quality === 'bad' && b.kind !== 'quote' && b.linkChars / b.text.length > 0.5) return false;
    if (isFurnitureText(b.text)) return false;
    if (b.furniture === 2 || (b.furniture === 1 && b.quality !== 'good')) return false;
    return true;
  });
  // Trim the edges back to the first and last good block.
  const body = (b: Block) => b.kind !== 'caption' && b.kind !== 'byline';
  let first = kept.findIndex((b) => b.quality === 'good');
  let last = kept.length - 1;
  while (last >= 0 && kept[last]!.quality !== 'good') last--;
  if (first < 0) return [];
  // A short lead-in right before the first good block stays when it reads as text (a dateline, a one-line intro).
  while (first > 0 && body(kept[first - 1]!) && kept[first - 1]!.kind === 'paragraph' && SENTENCE_END.test(kept[first - 1]!.text)) first--;
  // A quotation (an embedded post with its attribution line) is kept whole.
  while (last + 1 < kept.length && kept[last]!.kind === 'quote' && kept[last + 1]!.kind === 'quote') last++;
  const out: Block[] = [];
  for (let i = 0; i < kept.length; i++) {
    const b = kept[i]!;
    if (i >= first && i <= last) out.push(b);
    else if (!body(b) && i > first) out.push(b); // a caption after the body still belongs to the article
  }
  return out;
}
