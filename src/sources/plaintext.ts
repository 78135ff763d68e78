/**
 * Plain-text articles: the first non-empty line is the headline when it reads
 * like one (short, more text after it); the rest is the article as laid out,
 * left to the structure stage to divide into body, captions, notes, speakers
 * and boilerplate.
 */
import type { RawArticle, RawRef } from '../model.js';

const MAX_TITLE_CHARS = 300;

export function parsePlainText(content: string, ref: RawRef): RawArticle | { error: string } {
  const s = content.replace(/^\uFEFF/, '');
  if (!s.trim()) return { error: 'empty file' };
  const m = /^\s*([^\n]*)\n/.exec(s);
  if (m) {
    const line = m[1]!.trim();
    const rest = s.slice(m[0].length);
    if (line.length > 0 && line.length <= MAX_TITLE_CHARS && rest.trim() && !/[.;,:]$/.test(line.replace(/["”’')\]]+$/, ''))) {
      return { ref, title: line, text: rest };
    }
  }
  return { ref, text: s };
}
