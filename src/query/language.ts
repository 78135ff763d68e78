/**
 * The search language: terms, "exact phrases", prefix*, AND / OR / NOT (or a
 * leading -), parentheses, field filters (title: outlet: author: lang:
 * category: text:), and the filters that are not words: entity:NAME,
 * event:ROOT (a CAMEO code or root name), frame:NAME, after:DATE, before:DATE,
 * outlet.ATTRIBUTE:VALUE (an outlet attribute). Those filters apply to the whole query wherever
 * they stand outside parentheses (`a OR b after:2022` is `(a OR b)` after
 * 2022, as in mail search), and are refused inside them.
 *
 * Parsing is ours (a small recursive-descent parser) because the point is the
 * error messages: a malformed query is told where it went wrong, and user
 * text never reaches FTS5 unquoted, so no query can produce an SQL error.
 */

import { CAMEO_ROOTS } from '../nlp/cameo.js';
import { foldedWords as words, type TermPattern } from './words.js';

/** Fields that are columns of the full-text index. */
export const TEXT_FIELDS = ['title', 'text', 'outlet', 'author', 'category', 'lang'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
const FILTER_FIELDS = ['entity', 'event', 'frame', 'after', 'before'] as const;

export type Node =
  | { kind: 'term'; text: string; prefix: boolean; field?: TextField }
  | { kind: 'phrase'; words: string; field?: TextField }
  | { kind: 'and'; items: Node[] }
  | { kind: 'or'; items: Node[] }
  | { kind: 'not'; item: Node };

/** A parsed query: the full-text part (if any) and the structured filters. */
export interface ParsedQuery {
  text?: Node;
  entities: string[];
  /** One entry per event: filter, each the CAMEO code prefixes it accepts (any of them). */
  events: string[][];
  /** Frame names (each must match). */
  frames: string[];
  /** Inclusive lower bound, `YYYY-MM-DD`. */
  after?: string;
  /** Exclusive upper bound, `YYYY-MM-DD`. */
  before?: string;
  /** `outlet.bias:left`: the outlet's attribute (set by `newslens outlets --set`) has this value (any case). */
  outletAttributes: Array<{ attribute: string; value: string }>;
}

export class QueryError extends Error {
  constructor(
    readonly query: string,
    readonly position: number,
    readonly problem: string,
  ) {
    // Controls and bidi overrides shown as spaces: the echo stays one line, in order, with the caret under its place.
    const { text, at } = excerpt(query.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' '), position);
    super(`${problem} (at character ${position + 1})\n  ${text}\n  ${' '.repeat(at)}^`);
  }
}

/** A long query shown as the stretch around the problem, so the caret stays on screen. */
function excerpt(q: string, pos: number): { text: string; at: number } {
  const SIDE = 36;
  if (q.length <= 2 * SIDE + 8) return { text: q, at: pos };
  const from = Math.max(0, pos - SIDE);
  const to = Math.min(q.length, pos + SIDE);
  const lead = from > 0 ? '…' : '';
  return { text: lead + q.slice(from, to) + (to < q.length ? '…' : ''), at: pos - from + lead.length };
}

type Token =
  | { t: 'word'; v: string; pos: number; prefix: boolean }
  | { t: 'phrase'; v: string; pos: number }
  | { t: 'field'; v: string; pos: number }
  | { t: '(' | ')' | 'AND' | 'OR' | 'NOT' | '-'; pos: number }
  | { t: 'end'; pos: number };

const WORD_BREAK = /[\s()"]/;

/**
 * Bounds on a query, so no query's cost explodes (each term is a lookup,
 * each level of parentheses a level of recursion here and in FTS5): far
 * above what a person writes, far below what hurts.
 */
export const MAX_QUERY_CHARS = 10_000;

/**
 * A count with thousands separators, as en-US writes it. Not toLocaleString: its first call
 * loads ICU's number formatting, 60 ms of a CLI command's start.
 */
export const thousands = (n: number): string => {
  const [whole, fraction] = String(n).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction !== undefined ? `.${fraction}` : '');
};
export const MAX_QUERY_TERMS = 256;
export const MAX_QUERY_DEPTH = 32;

function lex(q: string): Token[] {
  if (q.length > MAX_QUERY_CHARS) throw new QueryError(q, MAX_QUERY_CHARS, `the query is ${thousands(q.length)} characters long; at most ${thousands(MAX_QUERY_CHARS)} are allowed`);
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c, pos: i++ });
      continue;
    }
    if (c === '"') {
      const close = q.indexOf('"', i + 1);
      if (close < 0) throw new QueryError(q, i, 'this quote is never closed');
      out.push({ t: 'phrase', v: q.slice(i + 1, close), pos: i });
      i = close + 1;
      continue;
    }
    if (c === '-' && i + 1 < q.length && !WORD_BREAK.test(q[i + 1]!) && (i === 0 || /[\s(]/.test(q[i - 1]!))) {
      out.push({ t: '-', pos: i++ });
      continue;
    }
    const start = i;
    while (i < q.length && !WORD_BREAK.test(q[i]!)) {
      // `field:` ends a word when what precedes the colon is a name.
      if (q[i] === ':' && /^(?:[a-z]+|outlet\.[\w-]+)$/i.test(q.slice(start, i))) break;
      i++;
    }
    const word = q.slice(start, i);
    if (q[i] === ':') {
      out.push({ t: 'field', v: word.toLowerCase(), pos: start });
      i++;
      continue;
    }
    if (word === 'AND' || word === 'OR' || word === 'NOT') out.push({ t: word, pos: start });
    else if (word.endsWith('*') && word.length > 1) out.push({ t: 'word', v: word.slice(0, -1), pos: start, prefix: true });
    else out.push({ t: 'word', v: word, pos: start, prefix: false });
  }
  out.push({ t: 'end', pos: q.length });
  const terms = out.filter((t) => t.t === 'word' || t.t === 'phrase');
  if (terms.length > MAX_QUERY_TERMS) throw new QueryError(q, terms[MAX_QUERY_TERMS]!.pos, `more than ${MAX_QUERY_TERMS} terms and phrases; split the query`);
  return out;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * `2022`, `2022-01` or `2022-01-05` as the first day it names: after: is
 * inclusive of it, before: exclusive (before:2022-02 ends with January).
 */
function dateBound(q: string, pos: number, v: string): string {
  const m = DATE.exec(v);
  const bad = () => new QueryError(q, pos, `"${v}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD`);
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw bad();
  return date.toISOString().slice(0, 10);
}

/**
 * `event:` takes a CAMEO code (`14`, `173`) or words of a root's name
 * (`protest`, `"force posture"`, `cooperation` for both cooperation roots).
 */
function eventCodes(q: string, pos: number, v: string): string[] {
  if (/^\d{2,4}$/.test(v)) {
    if (!CAMEO_ROOTS[v.slice(0, 2)]) throw new QueryError(q, pos, `"${v}" is not a CAMEO code; roots run from 01 to 20`);
    return [v];
  }
  const want = v.toLowerCase();
  const roots = Object.entries(CAMEO_ROOTS)
    .filter(([, r]) => r.name.includes(want))
    .map(([code]) => code);
  if (!roots.length) {
    const names = Object.entries(CAMEO_ROOTS).map(([c, r]) => `${c} ${r.name}`);
    throw new QueryError(q, pos, `no CAMEO root is called "${v}"; use a code or a root name: ${names.join(', ')}`);
  }
  return roots;
}

class Parser {
  private i = 0;
  private depth = 0;
  readonly filters: Omit<ParsedQuery, 'text'> = { entities: [], events: [], frames: [], outletAttributes: [] };
  constructor(
    private readonly q: string,
    private readonly toks: Token[],
  ) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }

  private fail(tok: Token, problem: string): never {
    throw new QueryError(this.q, tok.pos, problem);
  }

  parse(): Node | undefined {
    const node = this.or(true);
    const t = this.peek();
    if (t.t === ')') this.fail(t, 'this ")" has no "(" to close');
    if (t.t !== 'end') this.fail(t, 'unexpected text');
    return node;
  }

  /** OR binds loosest. */
  private or(top: boolean): Node | undefined {
    const items: Node[] = [];
    for (;;) {
      const before = this.peek();
      const n = this.and(top);
      if (this.peek().t !== 'OR') {
        if (n) items.push(n);
        break;
      }
      const op = this.peek();
      if (!n) this.fail(before.t === 'OR' ? before : op, 'OR needs a term on its left');
      items.push(n);
      this.i++;
      const next = this.peek();
      if (next.t === 'end' || next.t === ')' || next.t === 'OR') this.fail(next, 'OR needs a term on its right');
    }
    if (items.length === 0) return undefined;
    if (items.length > 1 && items.some((x) => x.kind === 'not')) this.fail(this.toks[this.i - 1]!, 'a NOT term cannot stand alone inside OR');
    const unique = distinct(items);
    return unique.length === 1 ? unique[0] : { kind: 'or', items: unique };
  }

  /** Adjacent terms, and explicit AND, are conjunctions. */
  private and(top: boolean): Node | undefined {
    const items: Node[] = [];
    const first = this.peek();
    for (;;) {
      const t = this.peek();
      if (t.t === 'end' || t.t === ')' || t.t === 'OR') break;
      if (t.t === 'AND') {
        if (!items.length && !this.hadFilter) this.fail(t, 'AND needs a term on its left');
        this.i++;
        const next = this.peek();
        if (next.t === 'end' || next.t === ')' || next.t === 'OR' || next.t === 'AND') this.fail(next, 'AND needs a term on its right');
        continue;
      }
      const n = this.unary(top);
      if (n) items.push(n);
    }
    if (!items.length) return undefined;
    if (items.every((x) => x.kind === 'not')) this.fail(first, 'a query needs at least one term that is not negated (NOT or -) beside its negations');
    const unique = distinct(items);
    return unique.length === 1 ? unique[0] : { kind: 'and', items: unique };
  }

  private hadFilter = false;

  private unary(top: boolean): Node | undefined {
    const t = this.peek();
    if (t.t === 'NOT' || t.t === '-') {
      this.i++;
      const next = this.peek();
      if (next.t === 'end' || next.t === ')' || next.t === 'OR' || next.t === 'AND' || next.t === 'NOT' || next.t === '-') this.fail(next, `${t.t === '-' ? '-' : 'NOT'} needs a term to negate`);
      const item = this.primary(top, undefined);
      if (!item) this.fail(next, 'filters like after:, before:, entity:, event:, frame: and outlet.ATTRIBUTE: cannot be negated');
      return { kind: 'not', item };
    }
    return this.primary(top, undefined);
  }

  private primary(top: boolean, field: TextField | undefined): Node | undefined {
    const t = this.peek();
    switch (t.t) {
      case 'word':
        this.i++;
        return { kind: 'term', text: t.v, prefix: t.prefix, ...(field ? { field } : {}) };
      case 'phrase': {
        this.i++;
        if (!t.v.trim()) this.fail(t, 'an empty phrase ("") matches nothing');
        return { kind: 'phrase', words: t.v, ...(field ? { field } : {}) };
      }
      case '(': {
        if (++this.depth > MAX_QUERY_DEPTH) this.fail(t, `parentheses nested more than ${MAX_QUERY_DEPTH} deep`);
        this.i++;
        const inner = this.or(false);
        this.depth--;
        const close = this.peek();
        if (close.t !== ')') this.fail(t, 'this "(" is never closed');
        if (!inner) this.fail(t, 'empty parentheses');
        this.i++;
        return field ? withField(inner, field) : inner;
      }
      case 'field':
        return this.field(t, top, field);
      default:
        this.fail(t, `expected a term here, found ${t.t === 'end' ? 'the end of the query' : `"${t.t}"`}`);
    }
  }

  private field(t: Extract<Token, { t: 'field' }>, top: boolean, outer: TextField | undefined): Node | undefined {
    this.i++;
    const value = this.peek();
    if (value.t !== 'word' && value.t !== 'phrase' && value.t !== '(') this.fail(value, `${t.v}: needs a value right after the colon`);
    if ((TEXT_FIELDS as readonly string[]).includes(t.v)) {
      if (outer && outer !== t.v) this.fail(t, `${t.v}: inside ${outer}: can never match`);
      return this.primary(top, t.v as TextField);
    }
    const attribute = /^outlet\.(.+)$/.exec(t.v)?.[1];
    if (!attribute && !(FILTER_FIELDS as readonly string[]).includes(t.v)) this.fail(t, `unknown field "${t.v}:"; fields are ${[...TEXT_FIELDS, ...FILTER_FIELDS].map((f) => f + ':').join(' ')} outlet.ATTRIBUTE:`);
    if (!top || outer) this.fail(t, `${t.v}: applies to the whole query; put it outside parentheses and OR`);
    if (value.t !== 'word' && value.t !== 'phrase') this.fail(value, `${t.v}: takes one value, not a group`);
    this.i++;
    this.hadFilter = true;
    const v = value.v.trim();
    if (attribute) {
      if (!v) this.fail(value, `${t.v}: needs a value`);
      this.filters.outletAttributes.push({ attribute, value: v });
    } else if (t.v === 'entity') {
      if (!v) this.fail(value, 'entity: needs a name');
      this.filters.entities.push(v);
    } else if (t.v === 'event') this.filters.events.push(eventCodes(this.q, value.pos, v));
    else if (t.v === 'frame') {
      if (!v) this.fail(value, 'frame: needs a frame name');
      this.filters.frames.push(v);
    } else if (t.v === 'after') this.filters.after = dateBound(this.q, value.pos, v);
    else this.filters.before = dateBound(this.q, value.pos, v);
    return undefined;
  }
}

/** The items less repeats (`said OR said`, `a* a*` mean what one of them means, and cost as much). */
function distinct(items: Node[]): Node[] {
  const seen = new Set<string>();
  return items.filter((n) => {
    const key = JSON.stringify(n);
    return !seen.has(key) && (seen.add(key), true);
  });
}

function withField(n: Node, field: TextField): Node {
  switch (n.kind) {
    case 'term':
    case 'phrase':
      return { ...n, field };
    case 'not':
      return { kind: 'not', item: withField(n.item, field) };
    default:
      return { kind: n.kind, items: n.items.map((x) => withField(x, field)) };
  }
}

export function parseQuery(q: string): ParsedQuery {
  const p = new Parser(q, lex(q));
  const text = p.parse();
  const parsed: ParsedQuery = { ...p.filters };
  if (text) parsed.text = text;
  if (parsed.after && parsed.before && parsed.after >= parsed.before) {
    throw new QueryError(q, q.indexOf('before:'), `before:${parsed.before} is not later than after:${parsed.after}, so nothing can match`);
  }
  return parsed;
}

// ---- FTS5 -----------------------------------------------------------------

/** Column names of the index, by query field. */
const COLUMN: Record<TextField, string> = { title: 'title', text: 'body', outlet: 'outlet', author: 'author', category: 'category', lang: 'lang' };

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;


/**
 * The FTS5 MATCH expression for a query's text part. Every user string is
 * emitted as a quoted FTS5 string, so FTS5 syntax in user input is inert.
 * Returns undefined for a term with no letters or digits (e.g. "&"), which
 * cannot match anything in the index.
 */
export function toFts(n: Node): string | undefined {
  switch (n.kind) {
    case 'term': {
      const w = words(n.text);
      if (!w.length) return undefined;
      const core = w.length === 1 ? `${quote(w[0]!)}${n.prefix ? ' *' : ''}` : `${quote(w.join(' '))}${n.prefix ? ' *' : ''}`;
      return n.field ? `${COLUMN[n.field]} : ${core}` : core;
    }
    case 'phrase': {
      const w = words(n.words);
      if (!w.length) return undefined;
      return n.field ? `${COLUMN[n.field]} : ${quote(w.join(' '))}` : quote(w.join(' '));
    }
    case 'not':
      return toFts(n.item);
    case 'or': {
      const parts = n.items.map(toFts).filter((x): x is string => x !== undefined);
      return parts.length ? `(${parts.join(' OR ')})` : undefined;
    }
    case 'and': {
      const pos = n.items.filter((x) => x.kind !== 'not').map(toFts).filter((x): x is string => x !== undefined);
      const neg = n.items.filter((x) => x.kind === 'not').map(toFts).filter((x): x is string => x !== undefined);
      if (!pos.length) return undefined;
      // FTS5's NOT is binary and its chains nest (depth limit 256): (a AND b) NOT (c OR d), not (a AND b) NOT c NOT d.
      return `(${pos.join(' AND ')})${neg.length ? ` NOT (${neg.join(' OR ')})` : ''}`;
    }
  }
}

/** The words and phrases a hit can show, for highlighting in snippets and concordances. */
export function positiveTerms(n: Node | undefined): TermPattern[] {
  const seen = new Set<string>();
  return collectTerms(n, []).filter((p) => {
    const key = `${p.words.join(' ')}${p.prefix ? '*' : ''}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

function collectTerms(n: Node | undefined, out: TermPattern[]): TermPattern[] {
  if (!n) return out;
  switch (n.kind) {
    case 'term':
    case 'phrase': {
      if (n.field && n.field !== 'text' && n.field !== 'title') break;
      const w = words(n.kind === 'term' ? n.text : n.words);
      if (w.length) out.push({ words: w, prefix: n.kind === 'term' && n.prefix });
      break;
    }
    case 'not':
      break;
    default:
      for (const x of n.items) collectTerms(x, out);
  }
  return out;
}
