/**
 * The annotate stage: named entities, figures, quotes, events and tone for one article, with
 * offsets into its clean text. Sections that are not the article's words
 * (boilerplate, a contact address) are skipped; sentences never cross a
 * section; the tagger sees the whole article as one document so a name is
 * tagged alike wherever it appears.
 */
import type { Article, EntityTone, Event, Figure, Mention, Quote, Section, Tone } from '../model.js';
import { splitSentences, type Sentence } from '../structure/sentences.js';
import { tokenize, type Token } from '../structure/tokens.js';
import { linkMentions } from '../link/resolve.js';
import { Actors } from './actors.js';
import { buildDoc, type Doc } from './doc.js';
import { findEvents, reportedActs } from './events.js';
import { findFigures } from './figures.js';
import { findQuotes } from './quotes.js';
import { findTone } from './tone.js';
import { NerTagger } from './ner/tagger.js';

const SKIP = new Set<Section['kind']>(['boilerplate', 'contact']);

export interface Annotations {
  mentions: Mention[];
  figures: Figure[];
  quotes: Quote[];
  events: Event[];
  tone: Tone;
  entityTones: EntityTone[];
}

/** Tokens and sentences of the annotated sections. */
export function analyse(text: string, sections: Section[]): { tokens: Token[]; sentences: Sentence[] } {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const parts = sections.length ? sections.filter((s) => !SKIP.has(s.kind)) : [{ kind: 'body' as const, start: 0, end: text.length }];
  for (const sec of parts) {
    const toks = tokenize(text, sec.start, sec.end);
    const base = tokens.length;
    for (const s of splitSentences(text, toks)) sentences.push({ ...s, first: s.first + base, last: s.last + base });
    tokens.push(...toks);
  }
  return { tokens, sentences };
}

/**
 * Whether the annotators read an article's language: the tagger, quote,
 * event and tone finders are English models and lexicons, and on other
 * languages they make things up (tone 0, names cut mid-word). Articles in
 * other languages are stored, searched and counted, not annotated. An
 * article whose language was not found is taken to be English.
 */
export function annotatesLanguage(language: string | undefined): boolean {
  return language === undefined || language === 'en';
}

/**
 * `knowledge: false` stops after entities and figures (no quotes, events or
 * tone): bench/ingest measures what those stages add to ingest time with it.
 */
export function annotate(article: Pick<Article, 'text' | 'sections' | 'published'>, tagger: NerTagger, knowledge = true): Annotations | Pick<Annotations, 'mentions' | 'figures'> {
  const { text, sections } = article;
  const { tokens, sentences } = analyse(text, sections);
  const words = sentences.map((s) => tokens.slice(s.first, s.last).map((t) => text.slice(t.start, t.end)));
  const found: Array<Mention & { headline: boolean }> = [];
  tagger.tagDocument(words).forEach((spans, si) => {
    const first = sentences[si]!.first;
    const headline = headlineLike(words[si]!);
    for (const sp of spans) {
      // An honorific names a person whatever the tagger said ("Mr. Moallem" tagged ORG).
      const type = sp.end - sp.start > 1 && HONORIFICS.has(words[si]![sp.start]!.toLowerCase()) ? 'PER' : sp.type;
      const span = trimmed(tokens, text, first + sp.start, first + sp.end, type);
      if (span) found.push({ start: tokens[span[0]]!.start, end: tokens[span[1] - 1]!.end, type, headline });
    }
  });
  // In a line set in title case (a headline, a link to another story) every word looks like a
  // name; a span there counts only if the article names it the same way in running text.
  const inText = new Set(found.filter((m) => !m.headline).map((m) => text.slice(m.start, m.end)));
  const mentions: Mention[] = found.filter((m) => !m.headline || inText.has(text.slice(m.start, m.end))).map(({ headline: _, ...m }) => m);
  linkMentions(text, mentions);
  const figures = findFigures(text, sentences, { published: article.published });
  if (!knowledge) return { mentions, figures };
  // Who said and did what, and in what tone: read from the same tokens and linked mentions.
  return { mentions, figures, ...knowledgeOf(buildDoc(text, tokens, sentences, sections, mentions, figures), article.published) };
}

/** Quotes, events and tone of a built document (its mentions linked). */
export function knowledgeOf(doc: Doc, published: string | undefined): Pick<Annotations, 'quotes' | 'events' | 'tone' | 'entityTones'> {
  const actors = new Actors(doc);
  const { tone, entities } = findTone(doc);
  const quotes = findQuotes(doc, actors);
  const events = findEvents(doc, published, actors);
  const reported = reportedActs(doc, quotes, events, actors);
  if (reported.length) events.push(...reported), events.sort((a, b) => a.triggerStart - b.triggerStart);
  return { quotes, events, tone, entityTones: entities };
}

/** Function words, which running text writes in lower case and title case capitalises. */
const FUNCTION_WORDS = new Set(['a', 'an', 'the', 'to', 'with', 'in', 'on', 'at', 'for', 'from', 'by', 'of', 'and', 'or', 'but', 'is', 'are', 'was', 'as', 'after', 'over', 'into', 'amid', 'says', 'say', 'will', 'can', 'not', 'be', 'has', 'have']);

/**
 * A sentence in title case: at least four words, nearly all capitalised,
 * including a capitalised function word mid-line ("Assad Visits Moscow To
 * Discuss Military Plans With Putin"). Names alone rarely capitalise "To".
 */
export function headlineLike(words: string[]): boolean {
  const ws = words.filter((w) => /\p{L}/u.test(w));
  if (ws.length < 4) return false;
  const caps = ws.filter((w) => /^\p{Lu}/u.test(w)).length;
  const cappedFunction = ws.slice(1).some((w) => /^\p{Lu}\p{Ll}*$/u.test(w) && FUNCTION_WORDS.has(w.toLowerCase()));
  return cappedFunction && caps >= 0.85 * ws.length;
}

const HONORIFICS = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'prof', 'prof.']);
const hasWord = (s: string) => /[\p{L}\p{N}]/u.test(s);

/**
 * A tagged span [a, b) of tokens without what CoNLL leaves out of a name:
 * punctuation at its edges (a closing quote before "Band") and, for a
 * person, a leading honorific ("Mr. Dunch" is Dunch, so it links to
 * "Brian Dunch"). Undefined when nothing is left.
 */
export function trimmed(tokens: Token[], text: string, a: number, b: number, type: string): [number, number] | undefined {
  const word = (k: number) => text.slice(tokens[k]!.start, tokens[k]!.end);
  while (a < b && (!hasWord(word(a)) || (type === 'PER' && b - a > 1 && HONORIFICS.has(word(a).toLowerCase())))) a++;
  while (b > a && !hasWord(word(b - 1))) b--;
  // "Trump first told reporters": a word in lower case does not end a person's name.
  while (type === 'PER' && b - a > 1 && /^[a-z]+$/.test(word(b - 1))) b--;
  return a < b ? [a, b] : undefined;
}

let shared: NerTagger | undefined;
/** The default tagger, loaded on first use (about 0.2 s). */
export function defaultTagger(): NerTagger {
  return (shared ??= NerTagger.load());
}

/** The tone of a piece of text on its own (a quote), measured as article tone is. */
export function toneOfText(text: string): Tone {
  const { tokens, sentences } = analyse(text, []);
  return findTone(buildDoc(text, tokens, sentences, [], [], [])).tone;
}
