/** English word forms as the CAMEO dictionaries' own rules make them (shared by the compile scripts). */

/** A noun's regular plural, as the dictionary's own rules make it (Y → IES, SS → SSES, else S), and -MAN → -MEN ("servicemen"). */
export function plural(word: string): string {
  if (/man$/.test(word) && !/(?:human|german|roman|ottoman)$/.test(word)) return word.slice(0, -3) + 'men';
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + 'ies';
  if (/(?:ss|sh|ch|x)$/.test(word)) return word + 'es';
  return word + 's';
}

/** A regular verb's third person, past and -ing forms. */
export function inflections(verb: string): string[] {
  const s = /[^aeiou]y$/.test(verb) ? verb.slice(0, -1) + 'ies' : /(?:s|x|z|ch|sh|o)$/.test(verb) ? verb + 'es' : verb + 's';
  const ed = verb.endsWith('e') ? verb + 'd' : /[^aeiou]y$/.test(verb) ? verb.slice(0, -1) + 'ied' : verb + 'ed';
  const ing = /(?:ee|ye|oe)$/.test(verb) ? verb + 'ing' : verb.endsWith('ie') ? verb.slice(0, -2) + 'ying' : verb.endsWith('e') && verb.length > 2 ? verb.slice(0, -1) + 'ing' : verb + 'ing';
  return [s, ed, ing];
}
