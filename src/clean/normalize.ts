/**
 * Text normalisation: one canonical form for every article's text, so that
 * offsets, hashes and searches agree. Paragraphs end up separated by exactly
 * one blank line ("\n\n"); lines hard-wrapped inside a paragraph are joined.
 */

// Characters that carry no text: zero-width marks, soft hyphens, C0/C1
// controls (ESC starts terminal escape sequences), and the bidirectional
// embeddings, overrides and isolates (U+202E shows text reversed; the
// marks LRM/RLM, which right-to-left text uses, are kept).
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text safe to print on a terminal or keep: no control characters and no bidi overrides; line breaks and tabs kept. */
export function withoutControls(s: string): string {
  return s.replace(CONTROLS, '');
}
// Every kind of space becomes a plain space.
const SPACES = /[\t\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/** Collapses a one-line value (title, name): NFC, no invisible characters, single spaces. */
export function normalizeLine(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').replace(SPACES, ' ').trim();
}

/**
 * Stray punctuation left by copy-paste and translation: "Moscow. , but" and
 * "neighbors. ." keep one mark, and a sentence run into the next
 * ("template.The") gets its space back. Each rule runs only when a cheap
 * test finds its trigger, since most paragraphs have none (this is on the
 * ingest hot path); the letter classes are spelled out (Latin and Cyrillic)
 * because Unicode-property regexes are several times slower here.
 */
const LOWER = 'a-z\u00DF-\u00F6\u00F8-\u00FF\u0430-\u044F';
const UPPER = 'A-Z\u00C0-\u00D6\u00D8-\u00DE\u0410-\u042F';
const STRAY_AFTER_PERIOD = new RegExp(`([${LOWER}0-9”"’)])\\s*[.]\\s+([,;:])(?=\\s)`, 'g');
const DOUBLED_MARK = /(?<![.,;:!?]\s)([.,;:!?])\s+\1(?!\s*\1)(?=\s|$)/g;
const SPACE_BEFORE_MARK = / +([,;:])(?=\s)/g;
const RUN_ON = new RegExp(`([${LOWER}]{2,})\\.([${UPPER}][${LOWER}])`, 'g');

export function fixPunctuation(p: string): string {
  let out = p;
  if (/[.,;:!?]\s+[.,;:!?]/.test(out)) out = out.replace(STRAY_AFTER_PERIOD, '$1$2').replace(DOUBLED_MARK, '$1');
  if (/ [,;:]/.test(out)) out = out.replace(SPACE_BEFORE_MARK, '$1');
  if (/\.[^\s\d.,;:!?"'”’)\]]/.test(out)) out = out.replace(RUN_ON, '$1. $2');
  return out;
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
