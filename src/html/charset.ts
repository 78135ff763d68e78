/**
 * Bytes of a web document to text. The charset comes, in order, from a
 * byte-order mark, the HTTP Content-Type header, the document's own
 * declaration (`<meta charset>`, `http-equiv`, `<?xml encoding?>`) in its
 * first bytes, and else the content: valid UTF-8 is UTF-8, anything else is
 * read as Windows-1252 (what browsers do for undeclared Latin pages).
 */
import { decodeBytes } from '../sources/decode.js';

export interface DecodedPage {
  text: string;
  charset: string;
  /** Where the charset came from: bom, header, document, content. */
  from: 'bom' | 'header' | 'document' | 'content';
  warning?: string;
}

const SNIFF_BYTES = 4096;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_DECL = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i;

export function charsetFromContentType(contentType: string | undefined | null): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m ? m[1] : undefined;
}

/** A decoder for a charset label, or undefined when the label is unknown. */
function decoderFor(label: string): TextDecoder | undefined {
  try {
    // Browsers read pages labelled ISO-8859-1/ASCII as Windows-1252; so does the WHATWG decoder.
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

export function decodePage(bytes: Uint8Array, contentType?: string | null): DecodedPage {
  if ((bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const d = decodeBytes(bytes[0] === 0xef ? bytes.subarray(3) : bytes);
    return { text: d.text, charset: bytes[0] === 0xef ? 'utf-8' : 'utf-16', from: 'bom' };
  }
  const candidates: Array<[string | undefined, DecodedPage['from']]> = [[charsetFromContentType(contentType), 'header']];
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  candidates.push([XML_DECL.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1], 'document']);
  for (const [label, from] of candidates) {
    if (!label) continue;
    const dec = decoderFor(label);
    // A page that declares a single-byte charset but is valid UTF-8 is UTF-8 (a common CMS mistake).
    if (dec && dec.encoding !== 'utf-8' && dec.encoding !== 'utf-16le' && isValidUtf8(bytes) && hasNonAscii(bytes)) {
      return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', from: 'content', warning: `declared ${label} but the bytes are UTF-8` };
    }
    if (dec) return { text: dec.decode(bytes), charset: dec.encoding, from };
  }
  const d = decodeBytes(bytes);
  return d.warning ? { text: d.text, charset: 'windows-1252', from: 'content' } : { text: d.text, charset: 'utf-8', from: 'content' };
}

const strict = new TextDecoder('utf-8', { fatal: true });
function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}
