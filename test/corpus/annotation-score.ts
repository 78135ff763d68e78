/**
 * Scoring an article's quotes, events, canonical names, entities and
 * figures (as `newslens show --json` gives them) against a gold annotation.
 * Shared by the seeds (test/corpus/gold/seeds.json) and the kept-aside set
 * (test/corpus/gold/kept-aside.json).
 */

/** One name, or every acceptable name. */
type Names = string | string[];

export interface GoldFigure {
  text: string;
  kind: string;
  value: number | string;
  max?: number | string;
  unit?: string;
  item?: string;
  qualifier?: string;
}
export interface GoldQuote {
  kind: string;
  /** The words said, whole (quotations)… */
  text?: string;
  /** …or their first few words. */
  opening?: string;
  /** The speech verb (indirect speech) and a piece of what was said. */
  cue?: string;
  context?: string;
  speaker?: Names;
}
export interface GoldEvent {
  trigger: string;
  context: string;
  root: string;
  /** The full CAMEO code (three or four digits), where the set records it. */
  code?: string;
  source: string[] | null;
  /** Every acceptable name of whom it was done to, where the set records it (null: the sentence names none). */
  target?: string[] | null;
  /** CAMEO actor codes of the source and target, where the set records them (docs/annotation-guideline.md). */
  sourceCode?: string | null;
  targetCode?: string | null;
  mood: string;
}
export interface GoldArticle {
  entities: Array<[string, string]>;
  figures: GoldFigure[];
  quotes: GoldQuote[];
  events: GoldEvent[];
  canonical: Record<string, Names>;
}

export interface ShownQuote {
  kind: string;
  text: string;
  cue?: string;
  speaker?: string;
}
export interface ShownEvent {
  root: string;
  code: string;
  trigger: string;
  sentence: string;
  mood: string;
  source?: { name: string; code?: string };
  target?: { name: string; code?: string };
}
export interface Shown {
  mentions: Array<{ type: string; text: string; entityId?: string }>;
  figures: Array<GoldFigure & { value: number | string | null }>;
  quotes: ShownQuote[];
  events: ShownEvent[];
}

const list = (n: Names | undefined): string[] => (n === undefined ? [] : Array.isArray(n) ? n : [n]);
/** Curly and straight apostrophes alike; no quotation marks or spaces at the ends. */
const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/^[\s"“”']+|[\s"“”']+$/g, '');

/** The system's quote that answers a gold one: same kind and words (quotations), verb (indirect) or speaker (segments). */
export function quoteMatch(g: GoldQuote, q: ShownQuote): boolean {
  if (g.kind !== q.kind) return false;
  if (g.kind === 'segment') return list(g.speaker).includes(q.speaker ?? '');
  if (g.kind === 'indirect') return q.cue === g.cue && (!g.context || norm(q.text).includes(norm(g.context)));
  if (g.opening !== undefined) return norm(q.text).startsWith(norm(g.opening));
  return q.text.trim() === g.text;
}

export interface QuoteScore {
  gold: number;
  found: number;
  matched: number;
  speakerRight: number;
  /** The same counts per kind (direct, partial, indirect, segment, phrase). */
  byKind: Record<string, { gold: number; found: number; matched: number; speakerRight: number }>;
  /** Gold quotes not found, and found ones given the wrong speaker. */
  wrong: string[];
  /** Found quotes the gold does not list. */
  extra: string[];
}

export function scoreQuotes(gold: GoldQuote[], found: ShownQuote[]): QuoteScore {
  const used = new Set<number>();
  const wrong: string[] = [];
  const byKind: QuoteScore['byKind'] = {};
  const kind = (k: string) => (byKind[k] ??= { gold: 0, found: 0, matched: 0, speakerRight: 0 });
  for (const q of found) kind(q.kind).found++;
  for (const want of gold) {
    const b = kind(want.kind);
    b.gold++;
    const i = found.findIndex((q, k) => !used.has(k) && quoteMatch(want, q));
    if (i < 0) {
      wrong.push(`missed ${want.kind} ${want.text ?? want.opening ?? want.cue ?? list(want.speaker)[0]}${want.context ? ` (${want.context})` : ''}`);
      continue;
    }
    used.add(i);
    b.matched++;
    const speaker = found[i]!.speaker;
    const names = list(want.speaker);
    if (names.length ? speaker !== undefined && names.includes(speaker) : speaker === undefined) b.speakerRight++;
    else wrong.push(`"${want.text ?? want.opening ?? want.cue}" attributed to ${speaker ?? 'no one'}, not ${names[0] ?? 'no one'}`);
  }
  const extra = found.filter((_, k) => !used.has(k)).map((q) => `${q.kind} "${q.text.slice(0, 40)}"`);
  const total = (f: 'matched' | 'speakerRight') => Object.values(byKind).reduce((n, b) => n + b[f], 0);
  return { gold: gold.length, found: found.length, matched: total('matched'), speakerRight: total('speakerRight'), byKind, wrong, extra };
}

export interface EventScore {
  gold: number;
  found: number;
  matched: number;
  sourceGold: number;
  sourceRight: number;
  /** Matched events whose gold names a target, and those given one of its names. */
  targetGold: number;
  targetRight: number;
  moodRight: number;
  /** Gold events that record a full code. */
  codedGold: number;
  /** Matched events whose gold records a full code, and those given that code. */
  codeGold: number;
  codeRight: number;
  /** Actor codes recorded by the gold (source and target sides of matched events), and those given. */
  actorCodeGold: number;
  actorCodeRight: number;
  /** The same for the source side and the target side alone. */
  sourceCodeGold: number;
  sourceCodeRight: number;
  targetCodeGold: number;
  targetCodeRight: number;
  missed: string[];
  extra: string[];
  /** Matched events given the wrong source. */
  wrongSource: string[];
}

export function scoreEvents(gold: GoldEvent[], found: ShownEvent[]): EventScore {
  const used = new Set<number>();
  const s: EventScore = {
    ...{ gold: gold.length, found: found.length, matched: 0, sourceGold: 0, sourceRight: 0, targetGold: 0, targetRight: 0, moodRight: 0, codedGold: gold.filter((g) => g.code).length, codeGold: 0, codeRight: 0 },
    ...{ actorCodeGold: 0, actorCodeRight: 0, sourceCodeGold: 0, sourceCodeRight: 0, targetCodeGold: 0, targetCodeRight: 0, missed: [], extra: [], wrongSource: [] },
  };
  for (const want of gold) {
    const i = found.findIndex((e, k) => !used.has(k) && e.trigger === want.trigger && norm(e.sentence).includes(norm(want.context)) && e.root === want.root);
    if (i < 0) {
      s.missed.push(`${want.root} ${want.trigger} (${want.context})`);
      continue;
    }
    used.add(i);
    s.matched++;
    const e = found[i]!;
    if (want.source) {
      s.sourceGold++;
      if (e.source && want.source.includes(e.source.name)) s.sourceRight++;
      else s.wrongSource.push(`${want.trigger}: ${e.source?.name ?? 'no one'}, not ${want.source[0]}`);
    }
    if (want.target) {
      s.targetGold++;
      if (e.target && want.target.includes(e.target.name)) s.targetRight++;
    }
    if (e.mood === want.mood) s.moodRight++;
    if (want.code) {
      s.codeGold++;
      if (e.code === want.code) s.codeRight++;
    }
    for (const [side, wanted, given] of [['source', want.sourceCode, e.source?.code], ['target', want.targetCode, e.target?.code]] as const) {
      if (wanted === undefined) continue;
      const right = (wanted ?? undefined) === given ? 1 : 0;
      s.actorCodeGold++;
      s.actorCodeRight += right;
      s[`${side}CodeGold`]++;
      s[`${side}CodeRight`] += right;
    }
  }
  s.extra = found.filter((_, k) => !used.has(k)).map((e) => `${e.root} ${e.trigger} (${around(e.sentence, e.trigger)})`);
  return s;
}

/** A few words either side of a trigger, so a list of events not in the gold can be read. */
function around(sentence: string, trigger: string): string {
  const at = Math.max(0, sentence.indexOf(trigger));
  return sentence.slice(Math.max(0, at - 40), at + trigger.length + 40).replace(/\s+/g, ' ').trim();
}

/** Surface forms whose every mention is linked to the gold entity (the name part of its key). */
export function scoreCanonical(gold: Record<string, Names>, mentions: Shown['mentions']): { gold: number; right: number; wrong: string[] } {
  const wrong: string[] = [];
  let right = 0;
  for (const [surface, names] of Object.entries(gold)) {
    const ms = mentions.filter((m) => m.text === surface);
    if (ms.length && ms.every((m) => list(names).includes(m.entityId?.slice(m.entityId.indexOf('|') + 1) ?? ''))) right++;
    else wrong.push(`${surface} → ${ms.map((m) => m.entityId).join(', ') || 'not found'}`);
  }
  return { gold: Object.keys(gold).length, right, wrong };
}

/** Gold names found with their type (recall; the gold lists PER, ORG and LOC). */
export function scoreEntities(gold: Array<[string, string]>, mentions: Shown['mentions']): { byType: Record<string, { gold: number; found: number }>; missed: string[] } {
  const found = new Set(mentions.map((m) => `${m.type}\t${m.text}`));
  const byType: Record<string, { gold: number; found: number }> = {};
  const missed: string[] = [];
  for (const [t, n] of gold) {
    const b = (byType[t] ??= { gold: 0, found: 0 });
    b.gold++;
    if (found.has(`${t}\t${n}`)) b.found++;
    else missed.push(`${n} (${t})`);
  }
  return { byType, missed };
}

/**
 * Gold figures found with the same kind and normalised value (and max,
 * unit, qualifier, item where the gold gives them); the span may be a little
 * wider or narrower ("Thursday" within "Thursday evening").
 */
export function scoreFigures(gold: GoldFigure[], found: Shown['figures']): { gold: number; matched: number; missed: string[] } {
  const used = new Set<number>();
  const missed: string[] = [];
  for (const g of gold) {
    const i = found.findIndex((f, k) => {
      if (used.has(k) || f.kind !== g.kind || !(f.text.includes(g.text) || g.text.includes(f.text))) return false;
      const { text: _, ...want } = g;
      return Object.entries(want).every(([key, v]) => (f as unknown as Record<string, unknown>)[key] === v);
    });
    if (i < 0) missed.push(`${g.text} (${g.kind} ${g.value}${g.max !== undefined ? `–${g.max}` : ''})`);
    else used.add(i);
  }
  return { gold: gold.length, matched: gold.length - missed.length, missed };
}

export const ratio = (a: number, b: number) => (b ? +(a / b).toFixed(3) : 1);

/** Counts that add up over articles. */
type Counts<T> = { [K in keyof T as T[K] extends number ? K : never]: number };
function add<T extends object>(scores: T[]): Counts<T> {
  const sum: Record<string, number> = {};
  for (const s of scores) for (const [k, v] of Object.entries(s)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
  return sum as Counts<T>;
}
const share = (a: number, b: number) => (b ? ratio(a, b) : null);

/**
 * One set's figures, as bench/RESULTS.md records them: events by root (an
 * event matches on trigger, sentence and root) and by full code, source and
 * target by name and by code, mood; quotes overall and per kind, and speaker
 * accuracy (of the quotes found). A figure whose gold records nothing is null.
 */
export function setFigures(events: EventScore[], quotes: QuoteScore[]) {
  const e = add(events);
  const q = add(quotes);
  const kinds: Record<string, { gold: number; found: number; matched: number; speakerRight: number }> = {};
  for (const s of quotes) for (const [k, b] of Object.entries(s.byKind)) for (const [f, v] of Object.entries(b) as Array<[keyof typeof b, number]>) ((kinds[k] ??= { gold: 0, found: 0, matched: 0, speakerRight: 0 })[f] += v);
  return {
    events: {
      gold: e.gold,
      found: e.found,
      precision: share(e.matched, e.found),
      recall: share(e.matched, e.gold),
      // By full code: of the events found, and of the gold events that record one, those with the gold's code.
      codePrecision: e.codedGold ? share(e.codeRight, e.found) : null,
      codeRecall: share(e.codeRight, e.codedGold),
      // Of the events matched by root whose gold records a full code, those given it.
      fullCodeAccuracy: share(e.codeRight, e.codeGold),
      sourceAccuracy: share(e.sourceRight, e.sourceGold),
      targetAccuracy: share(e.targetRight, e.targetGold),
      sourceCodeAccuracy: share(e.sourceCodeRight, e.sourceCodeGold),
      targetCodeAccuracy: share(e.targetCodeRight, e.targetCodeGold),
      moodAccuracy: share(e.moodRight, e.matched),
    },
    quotes: quotes.length
      ? {
          gold: q.gold,
          found: q.found,
          precision: share(q.matched, q.found),
          recall: share(q.matched, q.gold),
          speakerAccuracy: share(q.speakerRight, q.matched),
          byKind: Object.fromEntries(Object.entries(kinds).map(([k, b]) => [k, { gold: b.gold, found: b.found, precision: share(b.matched, b.found), recall: share(b.matched, b.gold), speakerAccuracy: share(b.speakerRight, b.matched) }])),
        }
      : null,
  };
}
