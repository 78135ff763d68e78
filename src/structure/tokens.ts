/**
 * Tokens of news English with character offsets into the text. A hand-written
 * scanner rather than a regular expression or a library: it is on the hot
 * path of tagging (the tagger's speed target includes it), and news needs
 * rules that generic tokenizers get wrong for NER: "U.S." and "Jan." keep
 * their periods, "Kassym-Jomart", "2,500", "$0.14" → "$" "0.14", "2011-13" and
 * "1996-08-22" stay whole, clitics split off as in the Penn Treebank and
 * CoNLL ("Russia's" → "Russia" "'s", "don't" → "do" "n't"), e-mails and URLs
 * are one token each, "..." and "--" are one token.
 */

export interface Token {
  start: number;
  end: number;
}

/** Words whose following period belongs to them (titles, months, company forms). */
export const ABBREVIATIONS = new Set(
  'Mr Mrs Ms Dr Prof Gen Sen Rep Gov Lt Col Sgt Capt Cmdr Adm Maj Rev Hon Pres St Jr Sr Inc Corp Ltd Co Bros Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun No Nos vs etc Ave Blvd Mt Ft Dept Univ Assn Gov’t approx est Fig Vol'.split(
    ' ',
  ),
);

const CLITICS = new Set(['s', 're', 've', 'll', 'd', 'm', 'S', 'RE', 'VE', 'LL', 'D', 'M']);
const NON_ASCII_WORD = /^[\p{L}\p{N}\p{M}]/u;

function isWordCode(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (c >= 0xd800 && c <= 0xdbff) return NON_ASCII_WORD.test(text.slice(i, i + 2));
  return NON_ASCII_WORD.test(text[i]!);
}
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number, text: string, i: number) => !isDigit(c) && isWordCode(c, text, i);
const isUpper = (ch: string) => ch !== ch.toLowerCase();
const isApostrophe = (c: number) => c === 39 || c === 0x2019;

/** Length of a URL or e-mail address starting at i, or 0. */
function linkLength(text: string, i: number, end: number): number {
  const rest = text.slice(i, Math.min(end, i + 2048));
  const m = /^(?:https?:\/\/|www\.)[^\s<>"“”]+|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(rest);
  if (!m) return 0;
  let n = m[0].length;
  while (n > 0 && /[.,;:!?)\]'’"”]/.test(m[0][n - 1]!)) n--;
  return n;
}

/** End of the word that starts at i (letters, digits, and joiners between them). */
function wordEnd(text: string, i: number, end: number): number {
  let j = i;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (isWordCode(c, text, j)) {
      j += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      continue;
    }
    const next = j + 1 < end ? text.charCodeAt(j + 1) : -1;
    if (next < 0 || !isWordCode(next, text, j + 1)) break;
    const prev = text.charCodeAt(j - 1);
    if (c === 45 /* - */ || c === 0x2010 || c === 0x2011) j++;
    else if ((c === 46 || c === 58 || c === 47) && isDigit(prev) && isDigit(next)) j++; // 0.14, 10:30, 24/7
    else if (c === 44 && isDigit(prev) && /^\d{3}(?!\d)/.test(text.slice(j + 1, j + 5))) j++; // 2,500
    else if (c === 38 && isUpper(text[j - 1]!) && isUpper(text[j + 1]!)) j++; // AT&T
    else if (isApostrophe(c)) {
      // A clitic ('s, 're, n't …) is its own token; O'Brien and rock'n'roll stay whole.
      let k = j + 1;
      while (k < end && isLetter(text.charCodeAt(k), text, k)) k++;
      const suffix = text.slice(j + 1, k);
      if (CLITICS.has(suffix) || ((suffix === 't' || suffix === 'T') && (prev === 110 || prev === 78))) break;
      j++;
    } else break;
  }
  return j;
}

/** Every character JavaScript's \\s calls a space, and the zero-width space: never part of a token. */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x85 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
      continue;
    }
    if (c === 104 || c === 119 || isWordCode(c, text, i)) {
      const link = linkLength(text, i, to);
      if (link > 0) {
        out.push({ start: i, end: i + link });
        i += link;
        continue;
      }
    }
    if (isWordCode(c, text, i)) {
      let j = wordEnd(text, i, to);
      // "n't": split before the n.
      if (j < to && isApostrophe(text.charCodeAt(j)) && j - i > 1 && /^[tT](?![\p{L}])/u.test(text.slice(j + 1, j + 3)) && /[nN]/.test(text[j - 1]!)) {
        out.push({ start: i, end: j - 1 });
        out.push({ start: j - 1, end: j + 2 });
        i = j + 2;
        continue;
      }
      // The period of an abbreviation, an initial or an acronym stays with it.
      if (j < to && text.charCodeAt(j) === 46) {
        const word = text.slice(i, j);
        const numberSign = word === 'No' || word === 'Nos' || word === 'no';
        if ((ABBREVIATIONS.has(word) && (!numberSign || /^\.\s*\d/.test(text.slice(j, j + 4)))) || (word.length === 1 && isUpper(word))) {
          j++;
          // U.S.A. / e.g.: letter-period runs.
          while (j + 1 < to && isLetter(text.charCodeAt(j), text, j) && text.charCodeAt(j + 1) === 46 && !isWordCode(text.charCodeAt(j + 2) || 32, text, j + 2)) j += 2;
        } else if (word.length === 1 && /\p{L}/u.test(word) && j + 2 < to && /^\p{L}\./u.test(text.slice(j + 1, j + 3))) {
          // u.s. / e.g. written in lower case
          j++;
          while (j + 1 < to && isLetter(text.charCodeAt(j), text, j) && text.charCodeAt(j + 1) === 46) j += 2;
        }
      }
      out.push({ start: i, end: j });
      i = j;
      continue;
    }
    // A clitic split off the word before it: "’s", "'re".
    if (isApostrophe(c) && i > from && isLetter(text.charCodeAt(i - 1), text, i - 1)) {
      let k = i + 1;
      while (k < to && isLetter(text.charCodeAt(k), text, k)) k++;
      if (CLITICS.has(text.slice(i + 1, k))) {
        out.push({ start: i, end: k });
        i = k;
        continue;
      }
    }
    if (c === 46 && text.startsWith('...', i)) {
      let j = i + 3;
      while (j < to && text.charCodeAt(j) === 46) j++;
      out.push({ start: i, end: j });
      i = j;
      continue;
    }
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      let j = i + 2;
      while (j < to && text.charCodeAt(j) === 45) j++;
      out.push({ start: i, end: j });
      i = j;
      continue;
    }
    // A surrogate pair is one symbol; a lone high surrogate (broken text) is one code unit, never past the end.
    const w = c >= 0xd800 && c <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    out.push({ start: i, end: i + w });
    i += w;
  }
  return out;
}
