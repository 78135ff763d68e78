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
  /** Gold quotes not found, and found ones given the wrong speaker. */
  wrong: string[];
  /** Found quotes the gold does not list. */
  extra: string[];
}

export function scoreQuotes(gold: GoldQuote[], found: ShownQuote[]): QuoteScore {
  const used = new Set<number>();
  const wrong: string[] = [];
  let matched = 0;
  let speakerRight = 0;
  for (const want of gold) {
    const i = found.findIndex((q, k) => !used.has(k) && quoteMatch(want, q));
    if (i < 0) {
      wrong.push(`missed ${want.kind} ${want.text ?? want.opening ?? want.cue ?? list(want.speaker)[0]}`);
      continue;
    }
    used.add(i);
    matched++;
    const speaker = found[i]!.speaker;
    const names = list(want.speaker);
    if (names.length ? speaker !== undefined && names.includes(speaker) : speaker === undefined) speakerRight++;
    else wrong.push(`"${want.text ?? want.opening ?? want.cue}" attributed to ${speaker ?? 'no one'}, not ${names[0] ?? 'no one'}`);
  }
  const extra = found.filter((_, k) => !used.has(k)).map((q) => `${q.kind} "${q.text.slice(0, 40)}"`);
  return { gold: gold.length, found: found.length, matched, speakerRight, wrong, extra };
}

export interface EventScore {
  gold: number;
  found: number;
  matched: number;
  sourceGold: number;
  sourceRight: number;
  moodRight: number;
  /** Matched events whose gold records a full code, and those given that code. */
  codeGold: number;
  codeRight: number;
  /** Actor codes recorded by the gold (source and target sides of matched events), and those given. */
  actorCodeGold: number;
  actorCodeRight: number;
  missed: string[];
  extra: string[];
}

export function scoreEvents(gold: GoldEvent[], found: ShownEvent[]): EventScore {
  const used = new Set<number>();
  const s: EventScore = { gold: gold.length, found: found.length, matched: 0, sourceGold: 0, sourceRight: 0, moodRight: 0, codeGold: 0, codeRight: 0, actorCodeGold: 0, actorCodeRight: 0, missed: [], extra: [] };
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
    }
    if (e.mood === want.mood) s.moodRight++;
    if (want.code) {
      s.codeGold++;
      if (e.code === want.code) s.codeRight++;
    }
    for (const [wanted, given] of [[want.sourceCode, e.source?.code], [want.targetCode, e.target?.code]] as const) {
      if (wanted === undefined) continue;
      s.actorCodeGold++;
      if ((wanted ?? undefined) === given) s.actorCodeRight++;
    }
  }
  s.extra = found.filter((_, k) => !used.has(k)).map((e) => `${e.root} ${e.trigger}`);
  return s;
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
