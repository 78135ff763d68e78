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

export const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const ASCII = /^[\x00-\x7f]*$/;

export function fold(s: string): string {
  const lower = s.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFD').replace(MARKS, '');
}

export function scanWords(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ w: fold(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Calls `each` with every folded word of the text, in order: the index's
 * own tokens (src/store/postings), without the offsets scanWords keeps.
 * Lower-casing the whole text first is what makes it fast; no word boundary
 * moves, since a letter lower-cases to letters and marks.
 */
export function eachWord(text: string, each: (w: string) => void): void {
  const lower = text.toLowerCase();
  const ascii = ASCII.test(lower);
  const re = new RegExp(WORD);
  // Already lower case: only a word with letters outside ASCII needs its accents taken off.
  for (let m = re.exec(lower); m; m = re.exec(lower)) each(ascii || ASCII.test(m[0]) ? m[0] : m[0].normalize('NFD').replace(MARKS, ''));
}

/** The folded words of a query string. */
export function foldedWords(s: string): string[] {
  return scanWords(s).map((x) => x.w).filter((w) => w !== '');
}

/** Where the patterns occur: [first, last] word positions (inclusive), in text order, not overlapping. */
export function occurrences(words: Word[], patterns: TermPattern[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < words.length; i++) {
    for (const p of patterns) {
      const n = p.words.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const w = words[i + j]!.w;
        ok = p.prefix && j === n - 1 ? w.startsWith(p.words[j]!) : w === p.words[j];
      }
      if (ok) {
        out.push([i, i + n - 1]);
        i += n - 1;
        break;
      }
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
