/**
 * One article as the knowledge stages (quotes, events, tone, frames) read
 * it: its tokens and sentences, each token's lower-cased word, the mention
 * covering it, and whether it sits inside quotation marks. Built once per
 * article from what the entity stage already computed, so every later stage
 * is a linear pass over arrays.
 */
import type { Figure, Mention, Section } from '../model.js';
import type { Sentence } from '../structure/sentences.js';
import type { Token } from '../structure/tokens.js';
import { verbLemma } from './lemma.js';

export interface Doc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  sections: Section[];
  lower: string[];
  /** Token → its sentence. */
  sentenceOf: Int32Array;
  /** Token → the mention covering it, or -1. */
  mentionAt: Int32Array;
  mentions: Mention[];
  /** Mention → [first token, one past its last token]. */
  mentionTokens: Array<[number, number]>;
  /** Quotation spans, as token ranges inside the marks: [first, last). */
  quotations: Array<[number, number]>;
  /** Token → the quotation it is inside, or -1 (marks themselves included). */
  quotedBy: Int32Array;
  figures: Figure[];
  /** Token → its verb lemma, filled on first use (lemmaAt). */
  lemmas: Array<string | undefined>;
}

/** The verb lemma of token `t` ("warned" → "warn"), looked up once per token. */
export function lemmaAt(d: Doc, t: number): string {
  return (d.lemmas[t] ??= verbLemma(d.lower[t]!));
}

const OPEN = new Set(['“', '«', '„']);
const CLOSE = new Set(['”', '»']);

export function buildDoc(text: string, tokens: Token[], sentences: Sentence[], sections: Section[], mentions: Mention[], figures: Figure[]): Doc {
  const n = tokens.length;
  const lower = tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const sentenceOf = new Int32Array(n).fill(-1);
  sentences.forEach((s, i) => sentenceOf.fill(i, s.first, s.last));
  const mentionAt = new Int32Array(n).fill(-1);
  const mentionTokens: Array<[number, number]> = [];
  // Mentions and tokens are both in text order: one merge pass.
  let t = 0;
  mentions.forEach((m, i) => {
    while (t < n && tokens[t]!.end <= m.start) t++;
    const first = t;
    let k = t;
    while (k < n && tokens[k]!.start < m.end) mentionAt[k++] = i;
    mentionTokens.push([first, k]);
  });
  const { quotations, quotedBy } = findQuotations(text, tokens, lower);
  return { text, tokens, sentences, sections, lower, sentenceOf, mentionAt, mentions, mentionTokens, quotations, quotedBy, figures, lemmas: new Array<string | undefined>(n) };
}

/**
 * Pairs quotation marks. Curly and guillemet marks say which side they are;
 * a straight `"` (or two apostrophes, `''`, as some wires and transcripts
 * type one) opens when the one before it closed, as does a TeX-style ``.
 * A quotation left open at a paragraph's end closes there (news style opens
 * each paragraph of a long quotation without closing the one before).
 */
function findQuotations(text: string, tokens: Token[], lower: string[]) {
  const quotedBy = new Int32Array(tokens.length).fill(-1);
  const quotations: Array<[number, number]> = [];
  // The opening mark's first token and the first token inside.
  let open = -1;
  let from = -1;
  const close = (end: number, markEnd: number) => {
    if (end > from) {
      quotations.push([from, end]);
      quotedBy.fill(quotations.length - 1, open, markEnd);
    }
    open = -1;
  };
  /** Two marks typed as one: `''` or ``, with nothing between them. */
  const doubled = (i: number, mark: string) => lower[i] === mark && lower[i + 1] === mark && tokens[i]!.end === tokens[i + 1]!.start;
  const closesUnopened = (i: number) =>
    i > 0 && tokens[i - 1]!.end === tokens[i]!.start && /[\p{L}\p{N},.!?]/u.test(lower[i - 1]!.slice(-1)) && (i + 1 >= tokens.length || tokens[i + 1]!.start > tokens[i]!.end) && i - paragraphStart(i) >= 4;
  const paragraphStart = (i: number) => {
    let p = i;
    while (p > 0 && !text.slice(tokens[p - 1]!.end, tokens[p]!.start).includes('\n')) p--;
    return p;
  };
  for (let i = 0; i < tokens.length; i++) {
    const w = lower[i]!;
    if (open >= 0 && i > 0 && text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n')) close(i, i);
    const width = doubled(i, "'") || doubled(i, '`') ? 2 : 1;
    const straight = w === '"' || (width === 2 && w === "'");
    if (straight || (width === 2 && w === '`') || OPEN.has(w)) {
      if (open >= 0 && straight) close(i, i + width);
      else if (straight && closesUnopened(i)) {
        // `…if requested by Prime Minister Abadi," Carter said.` with the opening mark lost: a
        // straight mark glued to the word before it and followed by a space closes a quotation
        // that began with its paragraph.
        const p = paragraphStart(i);
        open = p;
        from = p;
        close(i, i + width);
      }
      else {
        if (open >= 0) close(i, i);
        open = i;
        from = i + width;
      }
    } else if (CLOSE.has(w) && open >= 0) close(i, i + 1);
    i += width - 1;
  }
  if (open >= 0) close(tokens.length, tokens.length);
  return { quotations, quotedBy };
}

/** The text of tokens [first, last). */
export const spanText = (d: Doc, first: number, last: number) => (last > first ? d.text.slice(d.tokens[first]!.start, d.tokens[last - 1]!.end) : '');

/** The first token starting at or after `offset` (-1 when none): a binary search (tokens are in text order). */
export function firstTokenFrom(d: Doc, offset: number): number {
  let lo = 0;
  let hi = d.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < d.tokens.length ? lo : -1;
}
