/**
 * Stop lists from the `stopword` package (one per language, well kept),
 * folded as the index folds words. English is always in: news in any
 * language quotes English names and phrases. Used wherever words are
 * counted for meaning (keyness, compare, collocates, phrase discovery,
 * stories), so function words never rank.
 */
import { createRequire } from 'node:module';
import { fold } from './words.js';

const lists = createRequire(import.meta.url)('stopword') as Record<string, string[] | undefined>;

/** ISO 639-1 → the stopword package's list names. */
const LISTS: Record<string, string> = {
  en: 'eng', pt: 'por', es: 'spa', fr: 'fra', de: 'deu', it: 'ita', nl: 'nld', sv: 'swe', no: 'nob', nb: 'nob', da: 'dan', fi: 'fin',
  ru: 'rus', uk: 'ukr', pl: 'pol', cs: 'ces', tr: 'tur', ro: 'ron', hu: 'hun', el: 'ell', ar: 'ara', fa: 'fas', id: 'ind',
};

/**
 * Closed-class English words the package's short English list (108 words)
 * leaves out: pronouns, auxiliaries, negation, wh-words and particles. Only
 * function words; content words that news repeats ("said", "new") stay
 * countable.
 */
const MORE_ENGLISH = 'so not no nor does done doing having will shall may ought mine us ours yours she hers its theirs whom whose when why few own s t don off onto during again further once'.split(' ');

const cache = new Map<string, Set<string>>();

/**
 * The stop words of a language (ISO 639-1; unknown or absent: English),
 * English's among them; `functionWords: false` leaves out MORE_ENGLISH
 * (story clustering, whose weights were chosen with the package's list and
 * lose with the longer one: WikiRef220 B-cubed 0.865 → 0.841).
 */
export function stopwords(lang: string | undefined, functionWords = true): Set<string> {
  const key = `${LISTS[lang ?? 'en'] ?? 'eng'}${functionWords ? '+' : ''}`;
  let s = cache.get(key);
  if (!s) {
    const list = LISTS[lang ?? 'en'] ?? 'eng';
    s = new Set([...(lists[list] ?? []), ...(lists.eng ?? []), ...(functionWords ? MORE_ENGLISH : [])].map(fold));
    cache.set(key, s);
  }
  return s;
}

/** What counting said it did, for the reader: how words were folded and which were left out. */
export function countingNote(o: { stopwords: boolean }): string {
  return `words folded to lower case without accents; ${o.stopwords ? 'stop words (the stopword package, per article language) left out' : 'stop words kept'}`;
}
