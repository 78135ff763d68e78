/**
 * Bytes to text. UTF-8 is expected; a byte-order mark selects UTF-8 or UTF-16;
 * anything else that is not valid UTF-8 is read as Windows-1252 (what Latin-1
 * exports usually are) and a warning names the first bad byte.
 */
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const cp1252 = new TextDecoder('windows-1252');

export interface Decoded {
  text: string;
  warning?: string;
}

export function decodeBytes(buf: Uint8Array): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  try {
    return { text: utf8Strict.decode(buf) };
  } catch {
    const at = firstInvalidUtf8(buf);
    return {
      text: cp1252.decode(buf),
      warning: `not valid UTF-8 (first bad byte at offset ${at}); read as Windows-1252`,
    };
  }
}

/**
 * Offset of the first byte that breaks UTF-8, for messages: as the Unicode
 * standard's table of well-formed sequences (Table 3-7) says, so overlong
 * forms (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points past
 * U+10FFFF (F4 90..) are errors where they start, as TextDecoder finds them.
 */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range depends on the first; the others are 80..BF.
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return i;
}

/**
 * Binary content: NUL bytes (outside UTF-16) or many control characters in
 * the first bytes. Such files get one clear error instead of garbage articles.
 */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > 0.05;
}
