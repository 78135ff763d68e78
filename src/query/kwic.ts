/**
 * Keyword in context: every occurrence of a term in a query's articles, with
 * N words either side, sortable by the words to its left or right (as in
 * AntConc's concordance view).
 */
import type { Store } from '../store/store.js';
import { positiveTerms, QueryError } from './language.js';
import { select } from './select.js';
import { describePatterns, occurrences, patternOf, scanWords, type TermPattern } from './words.js';

export type KwicSort = 'position' | 'left' | 'right';
export const KWIC_SORTS: readonly KwicSort[] = ['position', 'left', 'right'];

export interface KwicOptions {
  /** The term or "phrase" to centre on; default: the query's own words. */
  term?: string;
  /** Words of context each side (default 7). */
  window?: number;
  sort?: KwicSort;
  /** Lines to return (default 100). */
  limit?: number;
  /** Stop collecting after this many lines (default 20,000); `truncated` says so. */
  maxLines?: number;
}

export interface KwicLine {
  id: number;
  title: string;
  /** Character offsets of the match in the article's text. */
  start: number;
  end: number;
  left: string;
  match: string;
  right: string;
}

export interface KwicResult {
  query: string;
  term: string;
  articles: number;
  lines: number;
  truncated: boolean;
  concordance: KwicLine[];
}

/** The patterns a concordance or collocation list centres on. */
export function nodePatterns(query: string, term: string | undefined, positive: TermPattern[]): TermPattern[] {
  if (term !== undefined) {
    const p = patternOf(term);
    if (!p.words.length) throw new QueryError(term, 0, 'the term has no letters or digits');
    return [p];
  }
  if (!positive.length) throw new QueryError(query, 0, 'give a term (--term) or a query with words to centre on');
  return positive;
}

export function kwic(store: Store, query: string, opts: KwicOptions = {}): KwicResult {
  const sel = select(store, query);
  const patterns = nodePatterns(query, opts.term, positiveTerms(sel.parsed.text));
  const window = opts.window ?? 7;
  const maxLines = opts.maxLines ?? 20_000;
  const lines: Array<KwicLine & { leftKey: string; rightKey: string }> = [];
  let truncated = false;
  for (const { id, title, text } of store.texts(sel.ids)) {
    const ws = scanWords(text);
    for (const [first, last] of occurrences(ws, patterns)) {
      const l = ws.slice(Math.max(0, first - window), first);
      const r = ws.slice(last + 1, last + 1 + window);
      const start = ws[first]!.start;
      const end = ws[last]!.end;
      lines.push({
        id,
        title,
        start,
        end,
        left: l.length ? text.slice(l[0]!.start, start).replace(/\s+/g, ' ').trimStart() : '',
        match: text.slice(start, end),
        right: r.length ? text.slice(end, r[r.length - 1]!.end).replace(/\s+/g, ' ').trimEnd() : '',
        leftKey: l.map((x) => x.w).reverse().join(' '),
        rightKey: r.map((x) => x.w).join(' '),
      });
      if (lines.length >= maxLines) break;
    }
    if (lines.length >= maxLines) {
      truncated = true;
      break;
    }
  }
  const sort = opts.sort ?? 'position';
  if (sort !== 'position') {
    const key = sort === 'left' ? 'leftKey' : 'rightKey';
    lines.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id - b.id || a.start - b.start));
  }
  const concordance = lines.slice(0, opts.limit ?? 100).map(({ leftKey: _l, rightKey: _r, ...line }) => line);
  return { query, term: opts.term ?? describePatterns(patterns), articles: sel.ids.length, lines: lines.length, truncated, concordance };
}
