/**
 * The CAMEO verb dictionary (compiled into cameo-verbs.ts) matched against
 * a sentence: which dictionary verb a token is (a single word or a phrase
 * verb such as "shoot down"), and the code of the most specific of its
 * block's patterns that the words around it satisfy ("ask for extradition"
 * is 0213, "rush troops to the border" 154, "killed in an accident" no
 * event), else the verb's own code, else its block's.
 *
 * PETRARCH matches these patterns on a constituency parse; we have none (see
 * actors.ts), so a pattern's words after "*" are looked for in order in the
 * verb's clause after it, and its words before "*" in the clause before it,
 * with other words allowed between, as TABARI matched them. A prepositional
 * group "(to border)" is its preposition followed closely by its object.
 */
import { SYNSETS, VERB_BLOCKS } from './cameo-verbs.js';

/** Alternatives for one word of a pattern, each a sequence of words ("&weapon" holds "rocket launcher"). */
type Element = string[][];
/** A pattern's unit: a phrase of elements ("{humanitarian aid}"), perhaps led by a preposition. */
interface Item {
  prep?: Element;
  phrase: Element[];
}
interface Pattern {
  before: Item[];
  after: Item[];
  code: string;
  /** How many words it asks for: the more, the more specific. */
  weight: number;
  /** As the dictionary writes it, for explaining a code. */
  text: string;
  /** Per item, its first element: one of its alternatives' first words must be in the clause for it to match (a cheap test first). */
  anchors: Element[];
}
interface Verb {
  block: number;
  /** Its own code, else its block's. */
  code: string;
  /** The phrase's words and where the verb sits in it ("shoot down": 0). */
  words: string[];
  at: number;
  /** Its first form, as the dictionary lists it ("kill", "shoot down"). */
  base: string;
}

export interface VerbCode {
  /** The CAMEO code; "---" when a pattern says the phrase is no event. */
  code: string;
  /** A pattern decided the code (not the verb's or its block's default). */
  byPattern: boolean;
  /** That pattern, as the dictionary writes it ("* (to border)"). */
  pattern?: string;
  /** The verb's first form in the dictionary ("kill", "shoot down"). */
  base: string;
  /** The code runs from the target to the source ("[:173]"). */
  reversed: boolean;
  /** Tokens of a phrase verb before and after the verb's own word. */
  first: number;
  last: number;
}

let verbs: Map<string, Verb[]> | undefined;
let bases: Map<string, Verb[]> | undefined;
/** A block's patterns, most specific first, and by word: the patterns whose first item may start with it. */
interface Patterns {
  list: Pattern[];
  byWord: Map<string, number[]>;
}
const patterns: Array<Patterns | undefined> = [];

function load(): Map<string, Verb[]> {
  if (verbs) return verbs;
  verbs = new Map();
  bases = new Map();
  VERB_BLOCKS.forEach(([blockCode, entries], block) => {
    for (const entry of entries.split(' ')) {
      const [forms, own] = entry.split('=') as [string, string | undefined];
      const list = forms.split(',');
      const base = list[0]!.replace(/\+/g, '').replace(/_/g, ' ');
      list.forEach((form, k) => {
        const words = form.split('_');
        let at = words.findIndex((w) => w.startsWith('+'));
        if (at < 0) at = 0;
        words[at] = words[at]!.replace(/^\+/, '');
        const v: Verb = { block, code: own ?? blockCode, words, at, base };
        const key = words[at]!;
        const into = k === 0 ? bases! : verbs!;
        into.set(key, [...(into.get(key) ?? []), v]);
        if (k === 0) verbs!.set(key, [...(verbs!.get(key) ?? []), v]);
      });
    }
  });
  return verbs;
}

/** "{a b}", "(p x)", words, "&set", "$" … split at the top level. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '{' || ch === '(') depth++;
    if (ch === '}' || ch === ')') depth--;
    if (ch === ' ' && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** An element's alternatives' first words, as a set (elements are shared, so are these). */
const firsts = new WeakMap<Element, Set<string>>();
function firstWords(e: Element): Set<string> {
  let f = firsts.get(e);
  if (!f) {
    f = new Set(e.map((alt) => alt[0]!));
    firsts.set(e, f);
  }
  return f;
}

/** Elements by their word: a synset's members are split once, shared by every pattern that names it. */
const elements = new Map<string, Element>();

function element(word: string): Element {
  let e = elements.get(word);
  if (!e) {
    e = elementOf(word);
    elements.set(word, e);
  }
  return e;
}

function elementOf(word: string): Element {
  if (word.startsWith('&')) {
    const members = SYNSETS[word.slice(1).replace(/_$/, '')];
    // A synset the dictionary never defines makes the pattern unusable, as in PETRARCH.
    return members ? members.split('|').map((m) => m.split('_')) : [];
  }
  return [word.split('_')];
}

/** A phrase's elements: "{verbal &fight}" → [verbal], [&fight's members]. */
const phraseOf = (text: string): Element[] => text.replace(/^\{|\}$/g, '').split(/\s+/).filter((w) => w && !'$+%^'.includes(w)).map(element);

function item(piece: string): Item | undefined {
  if ('$+%^'.includes(piece)) return undefined;
  if (piece.startsWith('(')) {
    const inner = pieces(piece.slice(1, -1));
    const [prep, ...rest] = inner;
    return { prep: element(prep!), phrase: rest.flatMap(phraseOf) };
  }
  return { phrase: phraseOf(piece) };
}

function parse(text: string): Pattern | undefined {
  const bar = text.lastIndexOf('|');
  const code = text.slice(bar + 1);
  const [before = '', after = ''] = text.slice(0, bar).split('*');
  const items = (s: string) => pieces(s.trim()).map(item).filter((i): i is Item => i !== undefined);
  const p: Pattern = { before: items(before), after: items(after), code, weight: 0, text: text.slice(0, bar), anchors: [] };
  for (const i of [...p.before, ...p.after]) {
    if ((i.prep && !i.prep.length) || i.phrase.some((e) => !e.length)) return undefined;
    // A preposition counts half a word: an object named beats a direction alone ("rushed aid to …" is aid, not a visit).
    p.weight += i.phrase.length + (i.prep ? 0.5 : 0);
    p.anchors.push(i.phrase[0] ?? i.prep!);
  }
  return p;
}

/**
 * Whether `test` holds for a word of the text as written or for the
 * singular it may be the plural of ("sanctions" → "sanction", "crises" →
 * "cris"): the one rule by which the text's words are looked up in the
 * lexicon's tables. It stops at the first form that passes.
 */
function anyForm(x: string, test: (w: string) => boolean): boolean {
  if (test(x)) return true;
  if (x.length <= 3 || !x.endsWith('s')) return false;
  return test(x.slice(0, -1)) || (x.endsWith('es') && test(x.slice(0, -2)));
}

/** Every word some pattern is indexed under, over all blocks. */
let indexed: Set<string> | undefined;
/** Per token list (one a document), which tokens are, or are the plural of, such a word. */
const tellingOf = new WeakMap<readonly string[], Uint8Array>();

/**
 * Whether token k of a document is a word some pattern could be found by
 * (or its plural): asked once a token and remembered for the document
 * (verbCode runs for most of its verbs, over overlapping clauses), so a
 * clause's other words are not looked up block by block. 0: not asked yet,
 * 1: no, 2: yes.
 */
function isTelling(words: readonly string[], k: number): boolean {
  let flags = tellingOf.get(words);
  if (!flags) {
    flags = new Uint8Array(words.length);
    tellingOf.set(words, flags);
  }
  if (flags[k] === 0) {
    if (!indexed) {
      indexed = new Set();
      for (let b = 0; b < VERB_BLOCKS.length; b++) for (const w of blockPatterns(b).byWord.keys()) indexed.add(w);
    }
    flags[k] = anyForm(words[k]!, (w) => indexed!.has(w)) ? 2 : 1;
  }
  return flags[k] === 2;
}

function blockPatterns(block: number): Patterns {
  let ps = patterns[block];
  if (!ps) {
    // Most specific first (a stable sort keeps the dictionary's order among equals): the first match wins.
    const list = VERB_BLOCKS[block]![2]
      .map(parse)
      .filter((p): p is Pattern => p !== undefined && (p.before.length > 0 || p.after.length > 0))
      .sort((a, b) => b.weight - a.weight);
    const byWord = new Map<string, number[]>();
    list.forEach((p, i) => {
      // Indexed by its most telling item: the one whose shortest word is longest ("border" rather than "to").
      const shortest = (e: Element) => Math.min(...e.map((alt) => alt[0]!.length));
      const telling = p.anchors.reduce((a, b) => (shortest(b) > shortest(a) ? b : a));
      for (const w of new Set(telling.map((alt) => alt[0]!))) {
        const list = byWord.get(w);
        if (list) list.push(i);
        else byWord.set(w, [i]);
      }
    });
    ps = { list, byWord };
    patterns[block] = ps;
  }
  return ps;
}

/** A word of the text answers a pattern's word: the same, or its plural ("sanction" and "sanctions"). */
const same = (token: string, word: string) => token === word || (token.length === word.length + 1 && token.endsWith('s') && token.startsWith(word)) || (token.length === word.length + 2 && token.endsWith('es') && token.startsWith(word));

/** An element's alternatives by their first word (a synset holds hundreds: only those that can start at a token are tried). */
const byFirst = new WeakMap<Element, Map<string, string[][]>>();
function alternativesFrom(e: Element): Map<string, string[][]> {
  let m = byFirst.get(e);
  if (!m) {
    m = new Map();
    for (const alt of e) {
      const list = m.get(alt[0]!);
      if (list) list.push(alt);
      else m.set(alt[0]!, [alt]);
    }
    byFirst.set(e, m);
  }
  return m;
}

/** Where an element's alternative matches at token k: one past its end, or -1. */
function elementAt(words: readonly string[], k: number, end: number, e: Element): number {
  const from = alternativesFrom(e);
  let matched = -1;
  // The token as written, or a plural of the alternative's first word.
  anyForm(words[k]!, (w) => {
    for (const alt of from.get(w) ?? []) {
      if (k + alt.length > end) continue;
      let ok = true;
      for (let j = 1; j < alt.length && ok; j++) ok = same(words[k + j]!, alt[j]!);
      if (ok) {
        matched = k + alt.length;
        return true;
      }
    }
    return false;
  });
  return matched;
}

/** A phrase's elements in order from token k, at most `gap` other words between two of them: one past its end, or -1. */
function phraseAt(words: readonly string[], k: number, end: number, phrase: Element[], gap: number): number {
  let at = elementAt(words, k, end, phrase[0]!);
  for (let i = 1; i < phrase.length && at >= 0; i++) {
    let next = -1;
    for (let j = at; j <= Math.min(end - 1, at + gap) && next < 0; j++) next = elementAt(words, j, end, phrase[i]!);
    at = next;
  }
  return at;
}

/** Where an item matches first in [from, end): [start, one past its end], or undefined. */
function itemIn(words: readonly string[], from: number, end: number, it: Item): [number, number] | undefined {
  for (let k = from; k < end; k++) {
    if (it.prep) {
      const p = elementAt(words, k, end, it.prep);
      if (p < 0) continue;
      if (!it.phrase.length) return [k, p];
      // "(to the northern border)": the object within a few words of its preposition.
      for (let j = p; j < Math.min(end, p + 4); j++) {
        const e = phraseAt(words, j, end, it.phrase, 2);
        if (e >= 0) return [k, e];
      }
      continue;
    }
    const e = phraseAt(words, k, end, it.phrase, 2);
    if (e >= 0) return [k, e];
  }
  return undefined;
}

function itemsIn(words: readonly string[], from: number, end: number, items: Item[]): boolean {
  let at = from;
  for (const it of items) {
    const m = itemIn(words, at, end, it);
    if (!m) return false;
    at = m[1];
  }
  return true;
}

/** Whether a word is the first form of a dictionary verb ("search", "ask"). */
export function isVerbBase(word: string): boolean {
  load();
  return bases!.has(word);
}

/**
 * The dictionary verb at token `t` of `words` (lower-cased tokens) and its
 * code, its patterns read over the token range `clause()` gives; undefined when the
 * word is no dictionary verb. `lemma` is the word's verb lemma, for forms
 * the dictionary does not spell out ("stopped").
 */
export function verbCode(words: readonly string[], t: number, clause: () => readonly [number, number], lemma: string): VerbCode | undefined {
  const byForm = load();
  const w = words[t]!;
  const candidates = byForm.get(w) ?? bases!.get(lemma);
  if (!candidates) return undefined;
  // The clause is found only for a dictionary verb: most words are none.
  const [clauseStart, clauseEnd] = clause();
  // The longest phrase verb whose other words are there ("shot down" before "shot").
  let best: Verb | undefined;
  for (const v of candidates) {
    const first = t - v.at;
    if (first < clauseStart || first + v.words.length > clauseEnd) continue;
    let there = true;
    for (let j = 0; j < v.words.length && there; j++) there = j === v.at || words[first + j] === v.words[j];
    if (there && (!best || v.words.length > best.words.length)) best = v;
  }
  if (!best) return undefined;
  const first = t - best.at;
  const last = first + best.words.length;
  let chosen: Pattern | undefined;
  const ps = blockPatterns(best.block);
  if (ps.list.length) {
    // Patterns indexed under a word of the clause (or its singular), in the order of specificity.
    const candidates: number[] = [];
    for (let k = clauseStart; k < clauseEnd; k++) {
      if (!isTelling(words, k)) continue;
      // Every form's patterns, not only the first form's: the test never stops the walk.
      anyForm(words[k]!, (w) => {
        for (const i of ps.byWord.get(w) ?? []) candidates.push(i);
        return false;
      });
    }
    if (candidates.length > 1) candidates.sort((a, b) => a - b);
    // An item's first element is in the clause: one of its words, or its plural (a set lookup a word of the clause).
    const inClause = (e: Element) => {
      const firsts = firstWords(e);
      for (let k = clauseStart; k < clauseEnd; k++) if (anyForm(words[k]!, (w) => firsts.has(w))) return true;
      return false;
    };
    for (let c = 0; c < candidates.length; c++) {
      if (c > 0 && candidates[c] === candidates[c - 1]) continue;
      const p = ps.list[candidates[c]!]!;
      if (!p.anchors.every(inClause)) continue;
      if (p.before.length && !itemsIn(words, clauseStart, first, p.before)) continue;
      if (p.after.length && !itemsIn(words, last, clauseEnd, p.after)) continue;
      chosen = p;
      break;
    }
  }
  const raw = chosen ? chosen.code : best.code;
  const reversed = raw.startsWith('~');
  const out: VerbCode = { code: reversed ? raw.slice(1) : raw, byPattern: chosen !== undefined, base: best.base, reversed, first, last };
  if (chosen) out.pattern = chosen.text;
  return out;
}
