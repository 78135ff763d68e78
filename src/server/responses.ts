/**
 * What each route answers, as JSON Schema: published in the OpenAPI document
 * and checked against every answer in the tests. Objects are open (more
 * fields may come in later versions); the fields named are promised.
 */
import { Type, type TProperties, type TSchema } from '@sinclair/typebox';

const Obj = <P extends TProperties>(properties: P, description?: string) => Type.Object(properties, { additionalProperties: true, ...(description ? { description } : {}) });
const Opt = <S extends TSchema>(s: S) => Type.Optional(s);
const Int = Type.Integer();
const Num = Type.Number();
const Str = Type.String();
const KeyCount = Type.Array(Obj({ key: Str, count: Int }));

export const ProblemSchema = Obj(
  {
    type: Str,
    title: Str,
    status: Int,
    detail: Opt(Str),
    instance: Opt(Str),
    param: Opt(Type.String({ description: 'the parameter at fault' })),
    position: Opt(Type.Integer({ description: 'where in the query (0-based character)' })),
    candidates: Opt(Type.Array(Obj({ id: Int, name: Str, type: Str }))),
  },
  'RFC 9457 problem details',
);

export const StatsSchema = Obj({
  articles: Int,
  chars: Int,
  firstPublished: Opt(Str),
  lastPublished: Opt(Str),
  undated: Int,
  outlets: Int,
  byFormat: KeyCount,
  byLanguage: KeyCount,
  byOutlet: KeyCount,
  sections: KeyCount,
  mentions: KeyCount,
  figures: KeyCount,
  outdated: Int,
  fileBytes: Int,
});

const Summary = Obj({ id: Int, title: Str, outlet: Opt(Str), published: Opt(Str), language: Opt(Str) });

export const ArticleListSchema = Obj({ total: Int, articles: Type.Array(Summary) });

const Span = { start: Int, end: Int };
export const ArticleSchema = Obj({
  id: Int,
  title: Str,
  text: Str,
  outlet: Opt(Str),
  url: Opt(Str),
  published: Opt(Str),
  language: Opt(Str),
  authors: Type.Array(Obj({ name: Str })),
  categories: Type.Array(Str),
  sections: Type.Array(Obj({ kind: Str, ...Span })),
  mentions: Type.Array(Obj({ type: Str, ...Span })),
  figures: Type.Array(Obj({ kind: Str, ...Span })),
  quotes: Type.Array(Obj({ kind: Str, ...Span })),
  events: Type.Array(Obj({ code: Str, root: Str })),
  frames: Type.Array(Obj({ frame: Str, count: Int })),
  warnings: Type.Array(Str),
  entities: Type.Record(Str, Obj({ id: Int, name: Str, type: Str }), { description: 'mention and actor key → its corpus entity' }),
});

const Facet = Type.Array(Obj({ value: Str, count: Int, type: Opt(Str), label: Opt(Str) }));
export const SearchSchema = Obj({
  query: Str,
  total: Int,
  offset: Int,
  sort: Str,
  hits: Type.Array(
    Obj({
      id: Int,
      title: Str,
      outlet: Opt(Str),
      published: Opt(Str),
      language: Opt(Str),
      score: Opt(Num),
      snippet: Str,
      highlights: Type.Array(Type.Array(Int, { minItems: 2, maxItems: 2 }), { description: '[start, end) of the matched words in the snippet' }),
      duplicates: Opt(Type.Array(Obj({ id: Int, outlet: Opt(Str) }), { description: 'with collapse: near-duplicates of this hit on the page, folded into it' })),
    }),
  ),
  facets: Type.Record(Str, Facet),
  ms: Num,
});

export const KwicSchema = Obj({
  query: Str,
  term: Str,
  articles: Int,
  lines: Int,
  truncated: Type.Boolean(),
  concordance: Type.Array(Obj({ id: Int, title: Str, left: Str, match: Str, right: Str })),
});

export const TrendsSchema = Obj({
  query: Str,
  interval: Str,
  matches: Int,
  undated: Int,
  series: Type.Array(Obj({ outlet: Opt(Str), group: Opt(Str), matches: Int, points: Type.Array(Obj({ period: Str, count: Int, total: Int, share: Num })) })),
});

const KeyTerm = Obj({ term: Str, target: Int, reference: Int, logLikelihood: Num, logRatio: Num });
const Side = Obj({ query: Str, articles: Int, counted: Int, tokens: Int });
export const KeynessSchema = Obj({ target: Side, reference: Side, key: Type.Array(KeyTerm), negative: Type.Array(KeyTerm), counting: Str });
export const KeynessBySchema = Obj({ groups: Type.Array(Obj({ value: Str, articles: Int, key: Type.Array(KeyTerm), negative: Type.Array(KeyTerm) })), counting: Str });

export const CollocatesSchema = Obj({
  query: Str,
  term: Str,
  articles: Int,
  counted: Int,
  tokens: Int,
  nodeFrequency: Int,
  collocates: Type.Array(Obj({ term: Str, together: Int, left: Int, right: Int, frequency: Int, logDice: Num, mi: Num, tScore: Num })),
  counting: Str,
});

const Node = Obj({ id: Str, label: Str, type: Str });
export const NetworkSchema = Obj({
  counted: Int,
  level: Str,
  nodes: Type.Array(Node),
  edges: Type.Array(Obj({ source: Str, target: Str, weight: Num, articles: Int })),
});
export const RelationsSchema = Obj({
  counted: Int,
  nodes: Type.Array(Node),
  edges: Type.Array(Obj({ source: Str, target: Str, label: Str, count: Int, articles: Int })),
});

const NamedCount = Obj({ name: Str, type: Str, articles: Int });
export const StoriesSchema = Obj({
  query: Str,
  articles: Int,
  counted: Int,
  stories: Int,
  duplicateSets: Int,
  shown: Type.Array(
    Obj({
      id: Int,
      title: Str,
      size: Int,
      outlets: Int,
      keywords: Type.Array(Str),
      articles: Type.Array(Obj({ id: Int, title: Str, outlet: Opt(Str), published: Opt(Str) })),
      duplicates: Type.Array(Type.Array(Int)),
      entities: Type.Array(NamedCount),
    }),
  ),
  assignment: Type.Array(Obj({ id: Int, story: Int })),
});

export const CompareSchema = Obj({
  query: Str,
  matches: Int,
  outlets: Type.Array(
    Obj({
      outlet: Str,
      matches: Int,
      total: Int,
      share: Num,
      tone: Opt(Num),
      toneToward: Type.Array(Obj({ entity: Str, articles: Int, tone: Opt(Num) })),
      entities: Type.Array(NamedCount),
      speakers: Type.Array(Obj({ speaker: Str, quotes: Int, articles: Int })),
      frames: Type.Array(Obj({ frame: Str, articles: Int })),
      distinctive: Type.Array(Obj({ term: Str })),
    }),
  ),
});

const Actor = Obj({ name: Str, ids: Opt(Type.Array(Str)) });
const Quote = Obj({ article: Int, title: Str, kind: Str, text: Str, start: Int, end: Int, speaker: Opt(Str), speakerIds: Opt(Type.Array(Str)), cue: Opt(Str), confidence: Opt(Num), published: Opt(Str), outlet: Opt(Str) });
const Event = Obj({
  article: Int,
  title: Str,
  code: Str,
  root: Str,
  trigger: Str,
  sentence: Str,
  sentenceStart: Int,
  sentenceEnd: Int,
  goldstein: Num,
  confidence: Num,
  mood: Str,
  source: Opt(Actor),
  target: Opt(Actor),
  place: Opt(Actor),
  date: Opt(Str),
  published: Opt(Str),
  outlet: Opt(Str),
});
const EntitySchema = Obj({ id: Int, name: Str, type: Str, country: Opt(Str), role: Opt(Str), parent: Opt(Str), aliases: Type.Array(Obj({ name: Str, count: Int })), articles: Int, mentions: Int });
export const EntityListSchema = Obj({ entities: Type.Array(EntitySchema) });
export const EntityProfileSchema = Obj({
  entity: EntitySchema,
  byMonth: Facet,
  byOutlet: Facet,
  alongside: Facet,
  latest: Type.Array(Summary),
  quotesBy: Type.Array(Quote),
  quotesAbout: Type.Array(Quote),
  eventsAsSource: Type.Array(Event),
  eventsAsTarget: Type.Array(Event),
  toneByOutlet: Type.Array(Obj({ outlet: Str, articles: Int, tone: Num })),
  alsoNamed: Opt(Type.Array(Obj({ id: Int, name: Str, type: Str }), { description: 'other entities the name could mean' })),
});
export const ReviewSchema = Obj({ review: Type.Array(Obj({ kind: Str, entity: Obj({ id: Int, name: Str }), why: Str, fix: Str })) });
export const EditsSchema = Obj({ edits: Type.Array(Obj({ seq: Int, action: Str, target: Str, value: Str, at: Str, entity: Str })) });
export const EditOutcomeSchema = Obj({
  edit: Obj({ action: Str, target: Str, value: Str }),
  entity: Type.Union([EntitySchema, Type.Null()]),
  notApplied: Type.Array(Str),
});
export const UndoSchema = Obj({ undone: Int });

export const QuotesSchema = Obj({ quotes: Type.Array(Quote) });
export const EventsSchema = Obj({ events: Type.Array(Event) });

const FrameRow = { frame: Str, articles: Int, count: Int };
export const FramesSchema = Obj({
  dictionary: Type.Boolean(),
  frames: Type.Array(Obj(FrameRow)),
  byOutlet: Type.Array(Obj({ ...FrameRow, outlet: Str })),
  byMonth: Type.Array(Obj({ ...FrameRow, month: Str })),
});
export const PhrasesSchema = Obj({
  phrases: Type.Array(Obj({ phrase: Str, articles: Int, outlets: Int, cohesion: Num, distinctive: Obj({ of: Str, articles: Int, logLikelihood: Num }), first: Obj({ article: Int }) })),
});
export const DictionarySetSchema = Obj({ frames: Type.Array(Str), articles: Int });
export const DictionaryClearedSchema = Obj({ cleared: Type.Boolean() });

export const OutletsSchema = Obj({ outlets: Type.Array(Obj({ outlet: Str, articles: Int, attributes: Type.Record(Str, Str) })) });
export const OutletsSetSchema = Obj({ stored: Int, outlets: Int, missing: Type.Array(Str) });
export const SampleSchema = Obj({ kind: Str, population: Int, seed: Int, columns: Type.Array(Str), rows: Type.Array(Obj({ verdict: Str })) });
