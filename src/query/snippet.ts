/**
 * Hit snippets: the passage of an article's text where the query's words
 * are densest, with the matched words marked. Ours rather than FTS5's
 * snippet(): FTS5 re-runs the whole MATCH for each hit, which for a prefix
 * like econom* means merging every expansion's postings twenty times (200
 * ms on 280,000 articles); here a hit costs one pass over its own words,
 * and highlights follow the same word matching as concordances.
 */
import { eachWord, occurrences, type TermPattern, type Word } from './words.js';

export interface Snippet {
  text: string;
  /** [start, end) of each matched run in `text`. */
  highlights: Array<[number, number]>;
}

/** About `size` words of the text around the best run of matches; the opening words when nothing in the text matches. */
export function snippetOf(text: string, patterns: TermPattern[], size: number): Snippet {
  const { words, cut } = wordsToShow(text, patterns, size);
  if (!words.length) return { text: '', highlights: [] };
  const hits = patterns.length ? occurrences(words, patterns) : [];
  // The window (starting a few words before a hit) holding the most hits; the earliest on ties.
  let from = 0;
  let best = -1;
  for (const [first] of hits) {
    const start = Math.max(0, first - 3);
    const count = hits.filter(([a, b]) => a >= start && b < start + size).length;
    if (count > best) {
      best = count;
      from = start;
    }
  }
  const to = Math.min(words.length, from + size) - 1;
  let out = from > 0 ? '… ' : '';
  const highlights: Array<[number, number]> = [];
  let open = -1;
  for (let i = from; i <= to; i++) {
    // What stands between two words (punctuation, a paragraph break) kept, its white space as one space.
    if (i > from) out += text.slice(words[i - 1]!.end, words[i]!.start).replace(/\s+/g, ' ');
    if (hits.some(([a]) => a === i)) open = out.length;
    out += text.slice(words[i]!.start, words[i]!.end);
    const hit = hits.find(([, b]) => b === i);
    if (hit && open >= 0) {
      highlights.push([open, out.length]);
      open = -1;
    }
  }
  if (to < words.length - 1 || cut) out += ' …';
  return { text: out, highlights };
}

/**
 * The text's words up to a little past the first match (or its opening
 * words when nothing matches): a snippet never needs more, and a hit costs
 * what it shows, not its whole length.
 */
function wordsToShow(text: string, patterns: TermPattern[], size: number): { words: Word[]; cut: boolean } {
  const words: Word[] = [];
  const longest = Math.max(1, ...patterns.map((p) => p.words.length));
  let stop = patterns.length ? Infinity : size;
  let cut = false;
  eachWord(text, (w, start, end) => {
    if (words.length >= stop) {
      cut = true; // a word past the stop: there was more to the text
      return false;
    }
    words.push({ w, start, end });
    if (stop === Infinity && endsMatch(words, patterns)) stop = words.length + size + longest;
  });
  return { words, cut };
}

/** Whether a pattern ends at the last word. */
function endsMatch(words: Word[], patterns: TermPattern[]): boolean {
  const last = words.length - 1;
  return patterns.some((p) => {
    const n = p.words.length;
    if (n > words.length) return false;
    for (let j = 0; j < n; j++) {
      const w = words[last - n + 1 + j]!.w;
      if (!(p.prefix && j === n - 1 ? w.startsWith(p.words[j]!) : w === p.words[j])) return false;
    }
    return true;
  });
}
