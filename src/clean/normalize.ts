/**
 * Text normalisation: one canonical form for every article's text, so that
 * offsets, hashes and searches agree. Paragraphs end up separated by exactly
 * one blank line ("\n\n"); lines hard-wrapped inside a paragraph are joined.
 */

// Characters that carry no text: zero-width marks, soft hyphens, C0/C1 controls.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;
// Every kind of space becomes a plain space.
const SPACES = /[\t\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/** Collapses a one-line value (title, name): NFC, no invisible characters, single spaces. */
export function normalizeLine(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').replace(SPACES, ' ').trim();
}

/**
 * Stray punctuation left by copy-paste and translation: "Moscow. , but" and
 * "neighbors. ." keep one mark, and a sentence run into the next
 * ("template.The") gets its space back.
 */
export function fixPunctuation(p: string): string {
  return p
    .replace(/([\p{Ll}\p{N}”"’)])\s*[.]\s+([,;:])(?=\s)/gu, '$1$2')
    // a doubled mark, but not a spaced ellipsis (". . .")
    .replace(/(?<![.,;:!?]\s)([.,;:!?])\s+\1(?!\s*\1)(?=\s|$)/g, '$1')
    .replace(/ +([,;:])(?=\s)/g, '$1')
    .replace(/(\p{Ll}{2,})\.(\p{Lu}\p{Ll})/gu, '$1. $2');
}

/** Whether a line break inside a block is a soft wrap (joined) or a paragraph end. */
function isSoftWrap(prev: string, next: string): boolean {
  if (!/[.!?:"”’)\]]$/.test(prev)) return true;
  return /^\p{Ll}/u.test(next);
}

export function splitParagraphs(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/ {2,}/g, ' ').trim());
  const hasBlank = lines.some((l, i) => l === '' && i > 0 && i < lines.length - 1);
  if (!hasBlank) return lines.filter(Boolean);
  const paras: string[] = [];
  let cur = '';
  for (const line of lines) {
    if (!line) {
      if (cur) paras.push(cur);
      cur = '';
    } else if (!cur) cur = line;
    else if (isSoftWrap(cur, line)) cur += ' ' + line;
    else {
      paras.push(cur);
      cur = line;
    }
  }
  if (cur) paras.push(cur);
  return paras;
}

/** The canonical body text: paragraphs joined by one blank line. */
export function normalizeText(s: string): string {
  const t = s.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(SPACES, ' ');
  return splitParagraphs(t).map(fixPunctuation).join('\n\n');
}
