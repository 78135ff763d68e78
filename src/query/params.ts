/**
 * Every query's options, defined once: names, types, defaults, limits and
 * help text, as JSON Schema (TypeBox). The CLI builds its flags from these
 * and parses them here; the HTTP API validates its query strings here and
 * publishes the same schemas in its OpenAPI document. So `--limit` and
 * `?limit=` cannot disagree, and a default changes in one place.
 *
 * Values arrive as text (a flag, a query-string parameter) or already typed
 * (JSON, in-process calls); `parseParams` converts, fills defaults and
 * checks, and names the parameter in any error.
 */
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { QUOTE_KINDS, type EventMood } from '../model.js';
import { CAMEO_ROOTS } from '../nlp/cameo.js';
import { ENTITY_TYPES } from '../store/entities-sql.js';
import { EVENT_SORTS, QUOTE_SORTS } from '../store/store.js';
import type { CompareOptions } from './compare.js';
import { EXPORT_FORMATS, EXPORT_KINDS } from './export.js';
import { MEASURES } from './keyness.js';
import type { EventQuery, QuoteQuery } from './knowledge.js';
import { KWIC_SORTS } from './kwic.js';
import { MAX_QUERY_CHARS, thousands } from './language.js';
import { SAMPLE_KINDS } from './sample.js';
import { FACETS, SORTS } from './search.js';
import type { StoriesOptions } from './stories.js';
import { INTERVALS } from './trends.js';
import { ParamError } from './param-error.js';

export { ParamError };

// ── Builders: each kind of parameter and the words its errors use ────────

const MAX = 1_000_000_000;

const whole = (description: string, dflt: number | undefined, min = 0, max = MAX) =>
  Type.Integer({ description, minimum: min, maximum: max, ...(dflt !== undefined ? { default: dflt } : {}) });
const share = (description: string, dflt?: number) => Type.Number({ description, minimum: 0, maximum: 1, ...(dflt !== undefined ? { default: dflt } : {}) });
const positive = (description: string, dflt?: number) => Type.Number({ description, minimum: 0, ...(dflt !== undefined ? { default: dflt } : {}) });
const flag = (description: string, dflt = false) => Type.Boolean({ description, default: dflt });
const text = (description: string, maxLength = MAX_QUERY_CHARS) => Type.String({ description, maxLength });
function oneOf<T extends string>(values: readonly T[], description: string, dflt?: T) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { description, ...(dflt !== undefined ? { default: dflt } : {}) },
  );
}
/** A list: comma-separated as text (`--kind direct,partial`, `?kind=direct,partial`). */
function listOf<T extends string>(values: readonly T[], description: string) {
  return Type.Array(oneOf(values, description), { description: `${description} (comma-separated)`, 'x-list': true });
}
const names = (description: string) => Type.Array(Type.String({ maxLength: 500 }), { description: `${description} (comma-separated)`, maxItems: 100, 'x-list': true });

// No maxLength here: the query parser enforces its limits with a located message (language.ts).
const q = (what: string) => Type.String({ description: `the search query ${what} (see the query language; "" for every article; at most ${thousands(MAX_QUERY_CHARS)} characters)`, default: '' });
const limit = (what: string, dflt: number, max = 10_000) => whole(`how many ${what} (default ${dflt})`, dflt, 1, max);
const offset = whole('skip this many first (pagination)', 0);

/**
 * A set of parameters: no others are taken, and one with a default is not required of the caller
 * (its type says it is always there once parsed).
 */
function paramsObject<P extends TProperties>(props: P): TObject<P> {
  const schema = Type.Object(props, { additionalProperties: false });
  const loose = schema as { required?: string[] };
  const required = (loose.required ?? []).filter((k) => (props[k] as TSchema).default === undefined);
  if (required.length) loose.required = required;
  else delete loose.required;
  return schema;
}

// ── The queries ──────────────────────────────────────────────────────────

export const SearchParams = paramsObject({
  q: q('to rank articles by'),
  limit: limit('hits per page', 20, 1000),
  offset,
  sort: Type.Optional(oneOf(SORTS, `${SORTS.join(', ')} (default: relevance, or newest for a query without words)`)),
  facets: Type.Array(oneOf(FACETS, 'a facet'), { description: `facets to count (comma-separated; none for no facets; default: ${FACETS.join(',')})`, default: [...FACETS], 'x-list': true, 'x-none': true }),
  facetLimit: whole('values per facet (default 10)', 10, 1, 200),
  collapse: flag('fold near-duplicate hits on the page (syndicated copies) into the first of them'),
});

export const ArticlesParams = paramsObject({
  limit: limit('articles', 20),
  offset,
  order: oneOf(['date', 'id'] as const, 'date (newest first) or id (ingest order)', 'id'),
});

export const KwicParams = paramsObject({
  q: q('whose articles to read; its words are the term unless term is given'),
  term: Type.Optional(text('the word, "phrase" or prefix* to centre on', 500)),
  window: whole('words of context each side (default 7)', 7, 1, 50),
  sort: oneOf(KWIC_SORTS, `${KWIC_SORTS.join(', ')} (default position)`, 'position'),
  limit: limit('lines', 100, 20_000),
});

export const TrendsParams = paramsObject({
  q: q('of the articles to count'),
  interval: oneOf(INTERVALS, `${INTERVALS.join(', ')} (default month)`, 'month'),
  byOutlet: flag('one series per outlet'),
  outlets: whole('with byOutlet: how many outlets (default 10)', 10, 1, 100),
  by: Type.Optional(text('one series per value of an outlet attribute (newslens outlets --set), e.g. bias', 100)),
});

export const KeynessParams = paramsObject({
  q: q('of the target subcorpus'),
  reference: Type.Optional(text('the reference subcorpus (default: every article the target does not match)')),
  ngram: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1 for words, 2 for two-word phrases (default 1)', default: 1 }),
  limit: limit('terms each way', 30, 1000),
  minFreq: whole('minimum occurrences in the target (default 5)', 5, 1),
  keepStopwords: flag('count function words ("the", "in") as terms too'),
  by: Type.Optional(text('each value of an outlet attribute against the others (e.g. bias: left, center, right)', 100)),
});

export const CollocatesParams = paramsObject({
  q: q('whose articles to read; its words are the term unless term is given'),
  term: Type.Optional(text('the node word, "phrase" or prefix*', 500)),
  window: whole('words each side (default 5)', 5, 1, 20),
  minFreq: whole('minimum co-occurrences (default 3)', 3, 1),
  measure: oneOf(MEASURES, `${MEASURES.join(', ')} (default logdice)`, 'logdice'),
  limit: limit('collocates', 30, 1000),
  keepStopwords: flag('let function words be collocates too'),
});

export const NetworkParams = paramsObject({
  q: q('of the articles to read'),
  level: oneOf(['sentence', 'article'] as const, 'co-occurrence in the same sentence or article (default sentence)', 'sentence'),
  types: Type.Optional(listOf(ENTITY_TYPES, 'entity types to include, e.g. PER,ORG')),
  minWeight: whole('minimum shared sentences/articles for an edge (default 2)', 2, 1),
  maxNodes: whole('most connected entities kept (default 100)', 100, 1, 2000),
});

export const RelationsParams = paramsObject({
  q: q('of the articles to read'),
  quotes: flag('speaker → subject relations from quotes as well as events', true),
  minCount: whole('minimum events or quotes for an edge (default 1)', 1, 1),
  maxNodes: whole('actors in most relations kept (default 100)', 100, 1, 2000),
});

export const StoriesParams = paramsObject({
  q: q('of the articles to group'),
  threshold: Type.Optional(share('similarity to join a story, 0–1 (default 0.1)')),
  window: Type.Optional(positive('days a story stays open after its latest article (default 7)')),
  limit: limit('stories to show', 20, 1000),
  minSize: whole('hide smaller stories (default 1)', 1, 1),
});

export const CompareParams = paramsObject({
  q: q('of the coverage to compare'),
  outlets: Type.Optional(names('outlet names (default: the 5 with most matches), or with by, attribute values')),
  toneToward: Type.Optional(names("entities (names or aliases) to measure each outlet's tone toward")),
  terms: whole('distinctive terms per outlet (default 10)', 10, 0, 100),
  keepStopwords: flag('let function words be distinctive terms too'),
  by: Type.Optional(text('compare the values of an outlet attribute (e.g. bias) instead of outlets', 100)),
});

const entityRef = (description: string) => Type.Optional(Type.String({ description: `${description}: "#id", "Name (TYPE)", or a name or alias`, maxLength: 500 }));
const confidence = Type.Optional(share('only those at least this sure, 0–1'));

export const QuotesParams = paramsObject({
  q: q('of the articles whose quotes to list'),
  by: entityRef('only quotes by this entity'),
  about: entityRef('only quotes whose words name this entity'),
  kind: Type.Optional(listOf(QUOTE_KINDS, `${QUOTE_KINDS.join(', ')}`)),
  sort: oneOf(QUOTE_SORTS, `${QUOTE_SORTS.join(', ')} (default newest, by article date; prominence: most-named speakers first; repetition: words more outlets carry first)`, 'newest'),
  minConfidence: confidence,
  limit: limit('quotes', 50),
  offset,
});

export const EVENT_MOODS = ['asserted', 'negated', 'hypothetical', 'future'] as const satisfies readonly EventMood[];

export const EventsParams = paramsObject({
  q: q('of the articles whose events to list'),
  actor: entityRef('only events with this entity, or this CAMEO actor code or its start (RUSGOV, RUS, IGO), as source or target'),
  role: Type.Optional(oneOf(['source', 'target'] as const, 'with actor: source or target')),
  code: Type.Optional(Type.String({ description: 'a CAMEO code or root, e.g. 17 (coerce) or 173 (arrest)', pattern: '^[0-9]{2,4}$' })),
  mood: Type.Optional(listOf(EVENT_MOODS, `${EVENT_MOODS.join(', ')} (default: all)`)),
  sort: oneOf(EVENT_SORTS, `${EVENT_SORTS.join(', ')} (default newest, by article date; date: by when the sentence says it happened)`, 'newest'),
  minConfidence: confidence,
  limit: limit('events', 50),
  offset,
});

export const PhrasesParams = paramsObject({
  q: q('of the articles to read'),
  minArticles: whole('in at least this many articles (default 3)', 3, 1),
  minOutlets: whole('from at least this many outlets (default 2)', 2, 1),
  limit: limit('phrases', 30, 1000),
});

export const FramesParams = paramsObject({ q: q('of the articles to count frames in') });

export const EntitiesParams = paramsObject({
  type: Type.Optional(oneOf(ENTITY_TYPES, `only this type (${ENTITY_TYPES.join(', ')})`)),
  limit: limit('entities', 50, 100_000),
  offset,
});

export const SampleParams = paramsObject({
  q: q('to draw from'),
  n: limit('to draw', 50, 10_000),
  seed: whole("the draw's seed: the same seed gives the same sample (default 1)", 1),
});

export const SampleKindParam = paramsObject({ what: oneOf(SAMPLE_KINDS, SAMPLE_KINDS.join(', ')) });

export const EDIT_ACTIONS = ['rename', 'merge', 'split', 'retype'] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

export const EntityEditParams = paramsObject({
  action: oneOf(EDIT_ACTIONS, `${EDIT_ACTIONS.join(', ')}: a new canonical name, fold another entity (#id, name or alias) into this one, make an alias's mentions an entity of their own, or set the type`),
  value: Type.String({ description: 'the new name, the other entity, the alias, or the type', minLength: 1, maxLength: 500 }),
});

export const EditSeqParam = paramsObject({ seq: whole('the correction number (GET /api/entities/edits lists them)', undefined, 1) });

export const ExportParams = paramsObject({
  q: Type.Optional(text('only the articles this search query matches (default: every article)')),
  format: oneOf(EXPORT_FORMATS, `${EXPORT_FORMATS.join(', ')} (default jsonl)`, 'jsonl'),
});

export const ExportKindParam = paramsObject({ what: oneOf(EXPORT_KINDS, `${EXPORT_KINDS.join(', ')}`) });

/** Checks across parameters, which a schema cannot say. */
const CROSS_CHECKS = new Map<TObject, (p: Record<string, unknown>) => void>([
  [
    KeynessParams,
    (p) => {
      if (p.by !== undefined && p.reference !== undefined) throw new ParamError('by', 'and @reference cannot be given together');
    },
  ],
  [
    EventsParams,
    (p) => {
      if (p.role !== undefined && p.actor === undefined) throw new ParamError('role', 'needs @actor');
      const code = p.code as string | undefined;
      if (code && !CAMEO_ROOTS[code.slice(0, 2)]) throw new ParamError('code', `: no CAMEO root ${code.slice(0, 2)} (01–20)`);
    },
  ],
]);

// ── Where a function's options are named otherwise ─────────────────────

export function storiesOptions({ window, ...rest }: Omit<Static<typeof StoriesParams>, 'q'>): StoriesOptions {
  return { ...rest, ...(window !== undefined ? { windowDays: window } : {}) };
}

export function compareOptions({ outlets, ...rest }: Omit<Static<typeof CompareParams>, 'q'>): CompareOptions {
  return { ...rest, ...(outlets ? { only: outlets } : {}) };
}

export function quoteQuery({ q, kind, minConfidence, ...rest }: Static<typeof QuotesParams>): QuoteQuery {
  return { ...rest, query: q, ...(kind ? { kinds: kind } : {}), ...(minConfidence !== undefined ? { minConfidence } : {}) };
}

export function eventQuery({ q, mood, minConfidence, ...rest }: Static<typeof EventsParams>): EventQuery {
  return { ...rest, query: q, ...(mood ? { moods: [...mood] } : {}), ...(minConfidence !== undefined ? { minConfidence } : {}) };
}

// ── Parsing ──────────────────────────────────────────────────────────────

type Raw = Record<string, unknown>;

/**
 * The options a query runs with: `raw` converted, defaulted and checked against `schema`.
 * Keys the schema does not name are an error when `strict` (the API), and left out otherwise
 * (the CLI's own flags, such as --json, travel in the same object).
 */
export function parseParams<S extends TObject>(schema: S, raw: Raw, opts: { strict?: boolean } = {}): Static<S> {
  const props = schema.properties as Record<string, TSchema>;
  const out: Raw = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const prop = props[key];
    if (!prop) {
      if (opts.strict) throw new ParamError(key.slice(0, 60), `is not a parameter here (parameters: ${Object.keys(props).join(', ') || 'none'})`);
      continue;
    }
    out[key] = convert(key, prop, value);
  }
  const value = Value.Default(schema, out) as Raw;
  for (const key of (schema as { required?: string[] }).required ?? []) if (value[key] === undefined) throw new ParamError(key, 'is required');
  for (const [key, prop] of Object.entries(props)) {
    if (value[key] === undefined) continue;
    if (!Value.Check(prop, value[key])) throw new ParamError(key, expected(prop, raw[key] ?? value[key]));
  }
  CROSS_CHECKS.get(schema)?.(value);
  return value as Static<S>;
}

/** Text to the type the schema wants; anything that does not convert is left for the check to refuse. */
function convert(key: string, prop: TSchema, value: unknown): unknown {
  if (Array.isArray(value) && prop.type !== 'array') {
    if (value.length > 1) throw new ParamError(key, 'is given more than once');
    value = value[0];
  }
  if (typeof value !== 'string') return value;
  if (prop.type === 'integer' || prop.type === 'number' || prop.anyOf?.some((a: TSchema) => typeof a.const === 'number')) {
    return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  if (prop.type === 'boolean') return value === '' || value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
  if (prop.type === 'array') {
    if (prop['x-none'] && (value === 'none' || value === '')) return [];
    return value.split(',').map((x) => x.trim()).filter(Boolean);
  }
  return value;
}

/** What a parameter accepts, worded for an error message. */
function expected(prop: TSchema, got: unknown): string {
  const shown = typeof got === 'string' ? `"${got.length > 60 ? got.slice(0, 60) + '…' : got}"` : JSON.stringify(got);
  const range = (p: TSchema) => (p.maximum !== undefined && p.maximum < MAX ? ` from ${p.minimum ?? 0} to ${p.maximum}` : p.minimum ? ` of at least ${p.minimum}` : '');
  if (prop.type === 'integer') return `expects a whole number${range(prop)}; got ${shown}`;
  if (prop.type === 'number') return `expects a number${range(prop)}; got ${shown}`;
  if (prop.type === 'boolean') return `expects true or false; got ${shown}`;
  if (prop.anyOf) return `expects ${prop.anyOf.map((a: TSchema) => a.const).join(', ')}; got ${shown}`;
  if (prop.type === 'array') {
    if (prop.maxItems !== undefined && Array.isArray(got) && got.length > prop.maxItems) return `takes at most ${prop.maxItems} values`;
    const allowed = prop.items?.anyOf?.map((a: TSchema) => a.const) as string[] | undefined;
    const list = Array.isArray(got) ? got : String(got).split(',');
    const bad = allowed ? list.filter((x) => !allowed.includes(String(x).trim())) : [];
    return allowed ? `: unknown ${bad.map((b) => `"${b}"`).join(', ')} (one or more of ${allowed.join(', ')})` : `expects a comma-separated list; got ${shown}`;
  }
  if (prop.maxLength !== undefined && typeof got === 'string' && got.length > prop.maxLength) return `is longer than ${thousands(prop.maxLength)} characters`;
  if (prop.pattern) return `expects ${prop.description ?? prop.pattern}; got ${shown}`;
  return `is not valid: ${shown}`;
}

/** A parameter's name as a CLI flag: `minFreq` → `--min-freq`. */
export const flagName = (param: string) => `--${param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

