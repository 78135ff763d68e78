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
export function eachWord(text: string, each: (w: string, start: number, end: number) => boolean | void): void {
  const lower = text.toLowerCase();
  const whole = lower.length === text.length;
  const src = whole ? lower : text;
  const ascii = whole && ASCII.test(lower);
  const re = new RegExp(WORD);
  for (let m = re.exec(src); m; m = re.exec(src)) {
    // Already lower case: only a word with letters outside ASCII needs its accents taken off.
    const w = !whole ? fold(m[0]) : ascii || ASCII.test(m[0]) ? m[0] : m[0].normalize('NFD').replace(MARKS, '');
    if (each(w, m.index, m.index + m[0].length) === false) return;
  }
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
