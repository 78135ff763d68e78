/**
 * Verb lemmas ("warned" → "warn", "said" → "say") from wink-lemmatizer
 * (WordNet's exception lists and detachment rules), cached: news reuses a
 * small vocabulary, so each word form is looked up once per process.
 */
import { createRequire } from 'node:module';

// Loaded on first use: it takes a sixth of a second, which commands that never lemmatise should not pay.
let wink: { verb(word: string): string } | undefined;
const lemmatizer = () => (wink ??= createRequire(import.meta.url)('wink-lemmatizer') as { verb(word: string): string });
const cache = new Map<string, string>();
/** Past this many cached forms the cache starts again (bounded memory on any corpus). */
const MAX_CACHED = 200_000;

/** Nouns the detachment rules take for verb forms ("aides" is no form of "aid"). */
const NOT_VERB_FORMS = new Set(['aides']);

/** The verb lemma of a lower-case word (the word itself when it is not a verb form). */
export function verbLemma(word: string): string {
  let l = cache.get(word);
  if (l === undefined) {
    l = /^[a-z]+$/.test(word) && !NOT_VERB_FORMS.has(word) ? lemmatizer().verb(word) : word;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(word, l);
  }
  return l;
}

/** Words before a verb's base form that show it is a verb ("would say", "to attack", "they warn"). */
export const VERB_LEAD: ReadonlySet<string> = new Set(['to', 'will', 'would', 'could', 'may', 'might', 'should', 'must', 'did', 'do', 'does', 'they', 'we', 'i', 'you', "n't", 'not', 'also']);
