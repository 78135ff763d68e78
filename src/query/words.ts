/**
 * Words as the search index sees them (FTS5 unicode61 with diacritics
 * removed): runs of letters, digits and marks, folded to lower case without
 * accents. Concordances, collocations and keyness count the same words that
 * search matches, so a term found by one is found by all.
 */

export interface Word {
  /** Folded form. */
  w: string;
  start: number;
  end: number;
}

/** A term to find: one or more words in a row; the last may be a prefix. */
export interface TermPattern {
  words: string[];
  prefix: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const ASCII = /^[\x00-\x7f]*$/;

export function fold(s: string): string {
  const lower = s.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFD').replace(MARKS, '');
}

/**
 * Calls `each` with every folded word of the text and its [start, end) in
 * the text, in order, until it returns false: the one word scanner behind
 * the index's tokens (src/store/postings), snippets and scanWords.
 * Lower-casing the whole text once is what makes it fast (no word boundary
 * moves, since a letter lower-cases to letters and marks); a text in which
 * some character lower-cases longer, which would move the offsets, is
 * folded word by word instead.
 */
export function eachWord(text: string, each: (w: string, start: number, end: number) => boolean | void, from = 0): void {
  const re = new RegExp(WORD);
  // A piece at a time, each cut at white space (a scan that stops early, as a snippet's does,
  // lower-cases only what it reads). White space ends words and the context that lower-casing
  // reads (Greek final sigma), so the pieces give the words the whole text gives; `from` must
  // be such a place too (spaceBefore).
  for (let at = from; at < text.length; ) {
    let end = Math.min(text.length, at + PIECE);
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
    const part = text.slice(at, end);
    const lower = part.toLowerCase();
    const whole = lower.length === part.length;
    const src = whole ? lower : part;
    // No letter outside ASCII (curly quotes and dashes are not letters): every word is as lower-cased.
    const ascii = whole && !BEYOND_ASCII.test(lower);
    re.lastIndex = 0;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      // Already lower case: only a word with letters outside ASCII needs its accents taken off.
      const w = !whole ? fold(m[0]) : ascii || ASCII.test(m[0]) ? m[0] : m[0].normalize('NFD').replace(MARKS, '');
      if (each(w, at + m.index, at + m.index + m[0].length) === false) return;
    }
    at = end;
  }
}

/** A character outside ASCII and outside General Punctuation (quotation marks, dashes, ellipsis). */
const BEYOND_ASCII = /[^\x00-\x7f\u2000-\u206f]/;

/** Characters lower-cased at once by eachWord. */
const PIECE = 4096;

const isSpace = (unit: number) => unit === 0x20 || unit === 0x0a || unit === 0x09 || unit === 0x0d;

/**
 * Where in the text the first match of the patterns can be, without reading its words: the first
 * place where a pattern's first word is spelt in any case, or where a character outside ASCII
 * could make a word fold to it (any but the spaces, punctuation and symbols of Latin-1 and
 * General Punctuation, none of which lower-cases or decomposes to an ASCII letter); -1 when there
 * is no such place (nothing in the text can match); undefined when a pattern itself has letters
 * outside ASCII (only a scan of the words can tell). Before that place every word is ASCII and
 * none starts with a pattern's first word. One regular expression on the text as it is:
 * lower-casing a long text and testing each of its characters cost more than the scan.
 */
export function firstCandidate(text: string, patterns: TermPattern[]): number | undefined {
  let re = candidates.get(patterns);
  if (re === undefined) {
    const firsts = patterns.flatMap((p) => (p.words.length ? [p.words[0]!] : []));
    // Without the u flag, case-insensitive matching never pairs a character outside ASCII with one inside (ſ, K).
    re = firsts.every((w) => ASCII.test(w)) ? new RegExp(`${firsts.map((w) => `${w.replace(/[^a-z0-9]/g, '\\$&')}|`).join('')}[^\\x00-\\x7f\\u00a0-\\u00bf\\u2000-\\u206f]`, 'i') : null;
    candidates.set(patterns, re);
  }
  return re ? (re.exec(text)?.index ?? -1) : undefined;
}
const candidates = new WeakMap<TermPattern[], RegExp | null>();

/** Where a scan of the words may start at or before `at`: just past white space, or the text's start (see eachWord). */
export function spaceBefore(text: string, at: number): number {
  while (at > 0 && !isSpace(text.charCodeAt(at - 1))) at--;
  return at;
}

export function scanWords(text: string): Word[] {
  const out: Word[] = [];
  eachWord(text, (w, start, end) => {
    out.push({ w, start, end });
  });
  return out;
}

/** The folded words of a query string. */
export function foldedWords(s: string): string[] {
  return scanWords(s).map((x) => x.w).filter((w) => w !== '');
}

/** Where the patterns occur: [first, last] word positions (inclusive), in text order, not overlapping. */
export function occurrences(words: Word[], patterns: TermPattern[]): Array<[number, number]> {
  // Patterns are found by their first word (a map lookup per word, not a
  // comparison with every pattern); only one-word prefixes are tried in turn.
  const byFirst = new Map<string, TermPattern[]>();
  const prefixes: TermPattern[] = [];
  for (const p of patterns) {
    if (p.prefix && p.words.length === 1) prefixes.push(p);
    else (byFirst.get(p.words[0]!) ?? byFirst.set(p.words[0]!, []).get(p.words[0]!)!).push(p);
  }
  const fits = (p: TermPattern, i: number) => {
    const n = p.words.length;
    if (i + n > words.length) return false;
    for (let j = 0; j < n; j++) {
      const w = words[i + j]!.w;
      if (!(p.prefix && j === n - 1 ? w.startsWith(p.words[j]!) : w === p.words[j])) return false;
    }
    return true;
  };
  const out: Array<[number, number]> = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.w;
    const found = byFirst.get(w)?.find((p) => fits(p, i)) ?? prefixes.find((p) => w.startsWith(p.words[0]!));
    if (found) {
      out.push([i, i + found.words.length - 1]);
      i += found.words.length - 1;
    }
  }
  return out;
}

/** Patterns as a reader writes them: `prime minister | terror*`. */
export function describePatterns(patterns: TermPattern[]): string {
  return patterns.map((p) => p.words.join(' ') + (p.prefix ? '*' : '')).join(' | ');
}

/** A term as typed ("prime minister", terror*) → a pattern. */
export function patternOf(term: string): TermPattern {
  const t = term.trim().replace(/^"(.*)"$/, '$1');
  const prefix = t.endsWith('*');
  return { words: foldedWords(prefix ? t.slice(0, -1) : t), prefix };
}
