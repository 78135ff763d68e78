/** Reading CoNLL-2003 files: documents of sentences of tokens with their tags. */
import { readFileSync } from 'node:fs';
import { spansOf, type Span } from './tags.js';

export interface ConllSentence {
  tokens: string[];
  /** Gold spans (empty when the file has no tags). */
  spans: Span[];
  /** The input lines, for writing predictions back in the same layout. */
  lines: string[];
}

export interface ConllDoc {
  sentences: ConllSentence[];
}

/** Parses CoNLL text: first column the token, last column the tag (when `tagged`). */
export function parseConll(text: string, tagged = true): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let doc: ConllDoc = { sentences: [] };
  let tokens: string[] = [];
  let tags: string[] = [];
  let lines: string[] = [];
  const endSentence = () => {
    if (tokens.length) doc.sentences.push({ tokens, spans: tagged ? spansOf(tags) : [], lines });
    tokens = [];
    tags = [];
    lines = [];
  };
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    if (l.startsWith('-DOCSTART-')) {
      endSentence();
      if (doc.sentences.length) docs.push(doc);
      doc = { sentences: [] };
      continue;
    }
    if (!l.trim()) {
      endSentence();
      continue;
    }
    const cols = l.split(/\s+/);
    tokens.push(cols[0]!);
    tags.push(tagged ? cols[cols.length - 1]! : 'O');
    lines.push(l);
  }
  endSentence();
  if (doc.sentences.length) docs.push(doc);
  return docs;
}

export const readConll = (path: string) => parseConll(readFileSync(path, 'utf8'));
