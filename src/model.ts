/**
 * The newslens data model. One immutable clean `text` per article; every
 * annotation is a span of JavaScript string offsets into that text, so nothing
 * copies text around (the idea of spaCy's Doc and its spans).
 */

/** The input formats the readers understand. */
export type Format = 'text' | 'keyvalue' | 'json' | 'jsonl' | 'csv' | 'html' | 'feed' | 'warc';
export const FORMATS: readonly Format[] = ['text', 'keyvalue', 'json', 'jsonl', 'csv', 'html', 'feed', 'warc'];

/** Where an article came from: the file (or `-` for stdin) and the place in it. */
export interface RawRef {
  source: string;
  /** e.g. "line 12" or "record 3"; absent for one-article files. */
  locator?: string;
  format: Format;
}

export interface Author {
  name: string;
  title?: string;
  description?: string;
}

/**
 * What a reader hands to the pipeline: the record's own strings, not yet
 * repaired or normalised. Kept (compressed) in the store so that `reprocess`
 * can rerun every later stage after an upgrade.
 */
export interface RawArticle {
  ref: RawRef;
  externalId?: string;
  title?: string;
  text: string;
  published?: string;
  url?: string;
  outlet?: string;
  authors?: Author[];
  categories?: string[];
  language?: string;
  /** Problems the reader recovered from (e.g. the file was not UTF-8). */
  warnings?: string[];
  /**
   * The text already cut into typed blocks (pages, feed content): sections come
   * from these kinds instead of being guessed from plain text.
   */
  blocks?: RawBlock[];
  /** The page a web article was extracted from, kept so `reprocess` reruns the extraction. */
  html?: string;
  /** Last modified, as the source gave it. */
  modified?: string;
}

export interface RawBlock {
  kind: SectionKind;
  text: string;
}

export type SectionKind =
  | 'body'
  | 'heading'
  | 'list'
  | 'quote'
  | 'caption'
  | 'editors-note'
  | 'speaker-label'
  | 'speaker'
  | 'byline'
  | 'author-note'
  | 'contact'
  | 'boilerplate';

/** Section kinds whose words are the article's own content (what NLP reads). */
export const CONTENT_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  'body',
  'heading',
  'list',
  'quote',
  'caption',
  'editors-note',
  'speaker',
]);

export interface Section {
  kind: SectionKind;
  start: number;
  end: number;
  /** For `speaker` and `speaker-label`: who speaks, and as what. */
  name?: string;
  role?: string;
}

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'GPE' | 'NORP' | 'MISC';

export interface Mention {
  start: number;
  end: number;
  type: EntityType;
  /** The key (`TYPE|Canonical name`) of the entity it names, set by linking (src/link). */
  entityId?: string;
  /** For an organisation's own body ("the SCO's Anti-Terrorist Structure"): its parent's key. */
  parentId?: string;
}

/** A corpus entity: one actor, whatever the articles call it. */
export interface Entity {
  id: number;
  name: string;
  type: EntityType;
  /** ISO 3166-1 alpha-2, for countries and what stands for them (capitals, demonyms). */
  country?: string;
  /** How it relates to its country: a capital used for a government, a demonym. */
  role?: 'country' | 'capital' | 'demonym';
  /** The organisation it is a body of. */
  parent?: string;
  aliases: Array<{ name: string; count: number }>;
  articles: number;
  mentions: number;
}

/**
 * direct, partial (a few quoted words), indirect (reported speech), segment
 * (an interview's speaker section), phrase (quoted words with no speaker:
 * scare quotes).
 */
export type QuoteKind = 'direct' | 'partial' | 'indirect' | 'segment' | 'phrase';
export const QUOTE_KINDS: readonly QuoteKind[] = ['direct', 'partial', 'indirect', 'segment', 'phrase'];

/** A statement: [start, end) is what was said (inside the marks for quotations). */
export interface Quote {
  start: number;
  end: number;
  kind: QuoteKind;
  /** Canonical name of the speaker, or the phrase naming it ("European media"). */
  speaker?: string;
  /** Entity keys of the speaker (two for "both countries"); absent for a noun phrase. */
  speakerIds?: string[];
  /** Where the speaker is named (a pronoun's own place when resolved through it). */
  speakerStart?: number;
  speakerEnd?: number;
  /** The speech verb as written ("warned"). */
  cue?: string;
  /** 0–1: how sure the finder is (src/nlp/quotes.ts quoteConfidence). */
  confidence?: number;
}

export type FigureKind = 'money' | 'percent' | 'count' | 'date' | 'duration' | 'quantity';

export interface Figure {
  start: number;
  end: number;
  kind: FigureKind;
  /** A number; for dates an ISO 8601 date (or year); null when a relative date has nothing to resolve against. */
  value: number | string | null;
  /** Upper end of a range ("2011-13", "a week or two"). */
  max?: number | string;
  /** Currency (ISO 4217), "%", a time unit, or a measure. */
  unit?: string;
  /** What is counted ("fatalities", "law enforcement officers"). */
  item?: string;
  /** "more than", "about", "up to" … */
  qualifier?: string;
}

/** Whether an event is reported as fact. */
export type EventMood = 'asserted' | 'negated' | 'hypothetical' | 'future';

/** An actor of an event: its name and, when it is a named entity, its key(s). */
export interface EventActor {
  name: string;
  ids?: string[];
  /** CAMEO actor code: country (ISO alpha-3) and role ("KAZGOV", "RUSMIL"), or a body ("IGOUNO"); src/nlp/actor-codes.ts. */
  code?: string;
}

/** A sentence-level event in the CAMEO scheme (src/nlp/cameo.ts). */
export interface Event {
  /** CAMEO code, 3 digits ("173" arrest); its first two are the root. */
  code: string;
  root: string;
  source?: EventActor;
  target?: EventActor;
  /** The word that names the act. */
  triggerStart: number;
  triggerEnd: number;
  sentenceStart: number;
  sentenceEnd: number;
  /** ISO date: a date in the sentence, else the article's. */
  date?: string;
  place?: EventActor;
  /** Goldstein scale, -10 (most conflictual) … +10. */
  goldstein: number;
  /** 0–1: how sure the coder is (named actors, a verb rather than a noun). */
  confidence: number;
  mood: EventMood;
}

/** Tone per 100 words (AFINN-165): positive minus negative, and each part. */
export interface Tone {
  tone: number;
  positive: number;
  negative: number;
  words: number;
}

/** Tone of the sentences of one article that mention an entity (its key). */
export interface EntityTone extends Tone {
  entity: string;
  sentences: number;
}

export interface FrameCount {
  frame: string;
  count: number;
}

/** A clean, structured article: what the store keeps and every query reads. */
export interface Article {
  /** Built knowing what the workspace's outlets repeat around their articles (src/clean/furniture.ts). */
  furnitureSeen?: boolean;
  id?: number;
  /** Content hash (outlet, url, title, text); re-ingesting the same input finds it. */
  hash: string;
  externalId?: string;
  source: string;
  locator?: string;
  format: Format;
  outlet?: string;
  url?: string;
  title: string;
  /** ISO 8601: `YYYY-MM-DD` when only the day is known, else a full UTC date-time. */
  published?: string;
  authors: Author[];
  categories: string[];
  /** ISO 639-1 code, detected unless the input gave one. */
  language?: string;
  text: string;
  sections: Section[];
  /** Named entities found by the tagger (empty when annotation was off). */
  mentions: Mention[];
  figures: Figure[];
  quotes: Quote[];
  events: Event[];
  /** Absent when annotation was off. */
  tone?: Tone;
  entityTones: EntityTone[];
  /** Counts of the workspace's frame dictionary's frames (empty without one). */
  frames: FrameCount[];
  /** Facts found about the article that have no column: contact e-mail, etc. */
  meta: Record<string, string>;
  warnings: string[];
}

export interface Story {
  id: string;
  title: string;
  articleIds: number[];
  duplicates: number[][];
}
