/**
 * Mojibake repair: UTF-8 bytes that were decoded as Windows-1252 or Latin-1
 * ("Kazakhstanâ€™s" for "Kazakhstan’s"). Ours rather than a library because
 * no maintained JavaScript port of ftfy exists, and the rule is small: a run
 * of characters is repaired only when it maps back to bytes that form one
 * valid UTF-8 sequence (a lead byte and exactly its continuation bytes).
 * Correct text, accented or not, never forms such runs in practice: "é" or
 * "ü" followed by more Latin-1 symbols is not how any language is written.
 * Text mis-decoded twice is repaired by running the rule again.
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

function repairRun(run: string): string {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) bytes[i] = byteOf(run[i]!);
  try {
    return utf8.decode(bytes);
  } catch {
    return run;
  }
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
