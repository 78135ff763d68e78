/**
 * Picks a reader for a file from its content, with the file name as a hint.
 * Content wins where the two disagree on the family (a `.txt` holding JSON
 * Lines is read as JSON Lines).
 */
import type { Format } from '../model.js';
import { looksKeyValue } from './keyvalue.js';
import { looksLikeCsvHeader } from './csv.js';
import { sniffFeed } from '../crawl/feeds.js';

export type Detection = { format: Format } | { error: string };

const MARKUP_EXT = /\.(html?|xhtml|xml|rss|atom)$/i;

export function detectFormat(path: string, head: string): Detection {
  const name = path.replace(/\.gz$/i, '');
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.length === 0) return { error: 'empty file' };
  const first = trimmed[0];
  if (trimmed.startsWith('WARC/')) return { format: 'warc' };
  if (first === '[') return { format: 'json' };
  if (first === '{' && sniffFeed(trimmed)) return { format: 'feed' };
  if (first === '{') {
    // A JSON Lines file is one object a line, and one bad line (malformed,
    // or longer than the head we see) must not turn it into one JSON document
    // that fails whole: the name says so, or the next line is an object.
    if (/\.(jsonl|ndjson)$/i.test(name)) return { format: 'jsonl' };
    const [firstLine, secondLine] = trimmed.split(/\r?\n\s*/, 2).map((l) => l.trim());
    if (isCompleteJson(firstLine!)) return { format: 'jsonl' };
    if (/\.json$/i.test(name)) return { format: 'json' };
    return secondLine !== undefined && isCompleteJson(secondLine) ? { format: 'jsonl' } : { format: 'json' };
  }
  if (first === '<' || MARKUP_EXT.test(name)) {
    if (sniffFeed(trimmed)) return { format: 'feed' };
    if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html|head|body|meta|title|div|p|article)\b/i.test(trimmed) || /\.x?html?$/i.test(name)) return { format: 'html' };
    return { error: 'XML that is neither a web page, a feed (RSS, RDF, Atom) nor a sitemap' };
  }
  if (/\.(csv|tsv)$/i.test(name) || looksLikeCsvHeader(trimmed)) return { format: 'csv' };
  if (looksKeyValue(trimmed)) return { format: 'keyvalue' };
  return { format: 'text' };
}

function isCompleteJson(line: string): boolean {
  if (!line.endsWith('}')) return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
