/**
 * Sentences over tokens. A sentence ends at ".", "!", "?", "…" (with any
 * closing quotes or brackets after it) when the next token opens a sentence,
 * at a paragraph break, and after an acronym or company abbreviation ("U.S.",
 * "Inc.") only when the next word is a typical sentence opener. Titles and
 * initials ("Mr.", "J.") never end one.
 */
import type { Token } from './tokens.js';

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first token and one past the last. */
  first: number;
  last: number;
}

const FINAL = new Set(['.', '!', '?', '…', '...', '?!', '!?']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const TITLES = new Set(['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'Gen.', 'Sen.', 'Rep.', 'Gov.', 'Lt.', 'Col.', 'Sgt.', 'Capt.', 'Cmdr.', 'Adm.', 'Maj.', 'Rev.', 'Hon.', 'Pres.', 'St.', 'No.', 'Mt.', 'Ft.', 'vs.']);
const OPENERS = new Set(
  'The A An He She It They We I You This That These Those There But And Yet So Or In On At As After Before When While If Since Although Though His Her Its Their Our My Meanwhile However Still Now Then For Most Some Many Other Officials'.split(' '),
);

function opensSentence(word: string): boolean {
  const c = word[0]!;
  return c !== c.toLowerCase() || /^[\d"“‘'(\[«]/.test(word);
}

export function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const out: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last > first) out.push({ start: tokens[first]!.start, end: tokens[last - 1]!.end, first, last });
    first = last;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(t.end, next.start);
    if (gap.includes('\n')) {
      close(i + 1);
      continue;
    }
    const word = text.slice(t.start, t.end);
    const nextWord = text.slice(next.start, next.end);
    if (FINAL.has(word)) {
      let k = i + 1;
      while (k < tokens.length && CLOSERS.has(text.slice(tokens[k]!.start, tokens[k]!.end)) && tokens[k]!.start === tokens[k - 1]!.end) k++;
      const after = tokens[k];
      if (!after || opensSentence(text.slice(after.start, after.end)) || text.slice(tokens[k - 1]!.end, after.start).includes('\n')) {
        close(k);
        i = k - 1;
      }
      continue;
    }
    if (word.length > 1 && word.endsWith('.') && !TITLES.has(word) && !/^\p{Lu}\.$/u.test(word) && OPENERS.has(nextWord)) close(i + 1);
  }
  close(tokens.length);
  return out;
}
