/**
 * Hit snippets: the passage of an article's text where the query's words
 * are densest, with the matched words marked. Ours rather than FTS5's
 * snippet(): FTS5 re-runs the whole MATCH for each hit, which for a prefix
 * like econom* means merging every expansion's postings twenty times (200
 * ms on 280,000 articles); here a hit costs one pass over its own words,
 * and highlights follow the same word matching as concordances.
 */
import { eachWord, firstCandidate, occurrences, spaceBefore, type TermPattern, type Word } from './words.js';

export interface Snippet {
  text: string;
  /** [start, end) of each matched run in `text`. */
  highlights: Array<[number, number]>;
}

/**
 * About `size` words of the text around the best run of matches; the opening words when nothing in the text matches.
 * `skip` false reads the words from the start of the text: the same snippet, slower (for the test that says so).
 */
export function snippetOf(text: string, patterns: TermPattern[], size: number, skip = true): Snippet {
  let shown = wordsToShow(text, patterns, size, skip);
  let hits = patterns.length ? occurrences(shown.words, patterns) : [];
  // Read from near the first match, the words must still reach a few before it (and a match there must be).
  if (shown.skipped && (!hits.length || hits[0]![0] < LEAD_WORDS)) {
    shown = wordsToShow(text, patterns, size, false);
    hits = patterns.length ? occurrences(shown.words, patterns) : [];
  }
  const { words, cut, skipped } = shown;
  if (!words.length) return { text: '', highlights: [] };
  // The window (starting a few words before a hit) holding the most hits; the earliest on ties.
  let from = 0;
  let best = -1;
  for (const [first] of hits) {
    const start = Math.max(0, first - LEAD_WORDS);
    const count = hits.filter(([a, b]) => a >= start && b < start + size).length;
    if (count > best) {
      best = count;
      from = start;
    }
  }
  const to = Math.min(words.length, from + size) - 1;
  let out = from > 0 || skipped ? '… ' : '';
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

/** Words a snippet shows before its first match. */
const LEAD_WORDS = 3;
/** Characters before the first possible match from which its words are read: room for LEAD_WORDS words and more. */
const LEAD_CHARS = 120;

/**
 * The text's words up to a little past the first match (or its opening
 * words when nothing matches): a snippet never needs more, and a hit costs
 * what it shows, not its whole length. With `skip`, words are read from a
 * little before the first place a match can be (firstCandidate), not from
 * the start: a term deep in a long article, or one only in its title.
 */
function wordsToShow(text: string, patterns: TermPattern[], size: number, skip: boolean): { words: Word[]; cut: boolean; skipped: boolean } {
  const at = skip && patterns.length ? firstCandidate(text, patterns) : undefined;
  const from = at !== undefined && at > LEAD_CHARS ? spaceBefore(text, at - LEAD_CHARS) : 0;
  // No place where a match can be: the opening words.
  const wanted = at === -1 ? [] : patterns;
  const words: Word[] = [];
  const longest = Math.max(1, ...wanted.map((p) => p.words.length));
  let stop = wanted.length ? Infinity : size;
  let cut = false;
  eachWord(
    text,
    (w, start, end) => {
      if (words.length >= stop) {
        cut = true; // a word past the stop: there was more to the text
        return false;
      }
      words.push({ w, start, end });
      if (stop === Infinity && endsMatch(words, wanted)) stop = words.length + size + longest;
    },
    from,
  );
  return { words, cut, skipped: from > 0 };
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
