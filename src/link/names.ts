/**
 * One written form per name, before names are grouped into entities: the
 * same person or body written "Mr. Putin", "VLADIMIR PUTIN", "Vladimir)
 * Putin" (a tagger span across a bracket) or "Putin Putin" (a byline run
 * into the text) is one name. Used for the per-article keys (src/link/resolve)
 * and again when the corpus groups keys (src/store/entities-sql), so keys
 * written by an older version group alike.
 */

/** Titles a person's name is written with that are not part of the name. */
const HONORIFICS = /^(?:mr|mrs|ms|miss|dr|prof|sir|dame|sen|rep|gen|lt|col|capt|sgt|gov|pres|rev)\.?\s+/i;
/** Whether a name is written with a person's title before it ("Mr. Putin"): a person, whatever the tagger said. */
export const hasHonorific = (surface: string) => HONORIFICS.test(surface.trim()) && surface.trim().split(/\s+/).length > 1;

const SMALL = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', 'at', 'de', 'des', 'du', 'la', 'le', 'el', 'et', 'al', 'bin', 'van', 'von', 'der']);
/** All capitals and this short: an acronym ("NATO", "CNN"), written as it is. */
const ACRONYM_MAX = 5;

const titleWord = (w: string, i: number) => {
  const low = w.toLowerCase();
  if (i > 0 && SMALL.has(low)) return low;
  // Two capitals in a name written in capitals are an abbreviation ("THE US", "UN ENVOY").
  if (/^\p{Lu}{2}$/u.test(w) && !SMALL.has(low)) return w;
  return low.replace(/(^|[-'’])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
};

/**
 * The canonical spelling of a name as written: brackets and stray quotes
 * out, spaces single, a leading honorific off (people only), a word written
 * twice in a row once, and a name in capitals ("VLADIMIR PUTIN",
 * "UKRAINE") in title case unless it is an acronym.
 */
export function cleanName(surface: string, type: string): string {
  let s = surface.replace(/[()[\]{}"“”]/g, ' ').replace(/\s+/g, ' ').trim();
  if (type === 'PER') while (HONORIFICS.test(s) && s.split(' ').length > 1) s = s.replace(HONORIFICS, '');
  const words = s.split(' ');
  const once = words.filter((w, i) => i === 0 || w.toLowerCase() !== words[i - 1]!.toLowerCase());
  const letters = once.join('').replace(/[^\p{L}]/gu, '');
  const shouting = letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  if (shouting && (once.length > 1 || letters.length > ACRONYM_MAX)) return once.map(titleWord).join(' ');
  return once.join(' ');
}

/** The form names are compared in: clean, then case and dots folded ("U.N." and "UN" alike), honorifics off. */
export function nameForm(surface: string, type: string): string {
  // Honorifics off whatever the tagger called the name: "Mr. Putin" tagged a place is still Putin.
  // Hyphens as spaces: "Kim Jong-un" and "Kim Jong Un", "Al-Qaeda" and "Al Qaeda" are written alike.
  let words = cleanName(surface, 'PER').toLowerCase().replace(/\./g, '').replace(/[-‐–]/g, ' ').split(/\s+/).filter(Boolean);
  // "The New York Times" and "New York Times" are one body.
  if (type !== 'PER' && words.length > 1 && words[0] === 'the') words = words.slice(1);
  return words.join(' ');
}

const words = (s: string) => s.split(/[\s-]+/).filter(Boolean);

/** Written like an acronym: a capital, then one to nine capitals, digits, "&" or dots ("UN", "U.S.", "AT&T"). */
export const isAcronym = (s: string) => /^[A-Z][A-Z0-9&.]{1,9}$/.test(s);

/**
 * Whether an acronym can stand for a long form: its first letter begins the
 * long form, and its letters come in order from the long form's words, each
 * word giving at most its first letters ("ISIS" from "Islamic State of Iraq
 * and Syria", "NATO", "FBI"). "CNN" after "London", "AP" after "North
 * Korea" (datelines), "CFIUS" after "the United States" do not fit.
 */
export function fitsAcronym(acronym: string, long: string): boolean {
  const acr = acronym.replace(/[.\s]/g, '').toUpperCase();
  const ws = words(long).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase()).filter(Boolean);
  // "AP Photo" holds the acronym itself: it is a credit line, not the long form of "AP".
  if (!acr || !ws.length || acr[0] !== ws[0]![0] || ws.includes(acr)) return false;
  // Depth-first over the words: each may give a prefix of itself (small words may give none).
  const fit = (a: number, w: number): boolean => {
    if (a === acr.length) return ws.slice(w).every((x) => SMALL.has(x.toLowerCase()));
    if (w === ws.length) return false;
    const word = ws[w]!;
    for (let k = Math.min(word.length, acr.length - a); k >= 1; k--) if (word.slice(0, k) === acr.slice(a, a + k) && fit(a + k, w + 1)) return true;
    return SMALL.has(word.toLowerCase()) && fit(a, w + 1);
  };
  return fit(0, 0);
}

/**
 * A person's name form without its one middle initial ("vladimir v putin" →
 * "vladimir putin"), or undefined when it has none or several ("george h w
 * bush" tells father from son).
 */
export function withoutInitial(form: string): string | undefined {
  const ws = form.split(' ');
  const at = ws.map((w, i) => (i > 0 && i < ws.length - 1 && /^\p{L}$/u.test(w) ? i : -1)).filter((i) => i >= 0);
  return at.length === 1 ? ws.filter((_, i) => i !== at[0]).join(' ') : undefined;
}
