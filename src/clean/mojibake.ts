/**
 * Mojibake repair: UTF-8 bytes that were decoded as Windows-1252 or Latin-1
 * ("Kazakhstanâ€™s" for "Kazakhstan’s"). Ours rather than a library because
 * no maintained JavaScript port of ftfy exists, and the rule is small: a run
 * of characters is repaired only when it maps back to bytes that form one
 * valid UTF-8 sequence (a lead byte and exactly its continuation bytes).
 * Correct text, accented or not, never forms such runs in practice: "é" or
 * "ü" followed by more Latin-1 symbols is not how any language is written.
 * Text mis-decoded twice is repaired by running the rule again.
 *
 * One family is truly ambiguous: an upper-case accented letter followed by
 * a Windows-1252 letter (Czech "TÉŽ", "PÍŠU") is also the garbled form of a
 * rare character (Ɏ, a combining mark). A two-byte run is therefore
 * repaired only into characters that garbled news text is made of (Latin,
 * Greek, Cyrillic, Armenian, Hebrew, Arabic letters and the like), and into
 * a combining mark only when a C1 control, which no text contains, shows it
 * is garbled.
 */

/** Windows-1252's characters in 0x80–0x9F, by byte. */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

const CONT = `[\\u0080-\\u00BF${Object.keys(CP1252_HIGH).join('')}]`;
/** Lead byte (as a Latin-1 character) followed by its number of continuation characters. */
const RUN = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, 'g');
/** Cheap pre-check: no lead character, nothing to do (the common case). */
const HAS_LEAD = /[\u00C2-\u00F4]/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function byteOf(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? code : CP1252_HIGH[ch]!;
}

/** Two-byte characters (U+0080–U+07FF) garbled text can come from: Latin-1 and Latin Extended-A (C1 controls too: a second garbling's first step), Azeri, Vietnamese, Pinyin and Romanian letters, spacing accents, and Greek onwards. */
const PLAUSIBLE_2BYTE = /[\u0080-\u017F\u018F\u0192\u01A0-\u01B0\u01CD-\u01DC\u0218-\u021B\u0259\u02BC\u02C6-\u02DD\u0370-\u07FF]/;

function repairRun(run: string): string {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) bytes[i] = byteOf(run[i]!);
  let out: string;
  try {
    out = utf8.decode(bytes);
  } catch {
    return run;
  }
  if (run.length === 2 && !PLAUSIBLE_2BYTE.test(out) && !(/[\u0300-\u036F]/.test(out) && /[\u0080-\u009F]/.test(run[1]!))) return run;
  return out;
}

export function repairMojibake(s: string): string {
  if (!HAS_LEAD.test(s)) return s;
  let out = s;
  for (let pass = 0; pass < 3; pass++) {
    const next = out.replace(RUN, repairRun);
    if (next === out) break;
    out = next;
    if (!HAS_LEAD.test(out)) break;
  }
  return out;
}
