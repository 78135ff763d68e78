/**
 * Sentence-level events in the CAMEO scheme: a trigger (a verb, or an event
 * noun such as "request" or "buildup") from src/nlp/cameo.ts, its source
 * actor (the verb's subject, or the noun's possessor: "Tokayev's request"),
 * its target (the first actor after the trigger in its clause), the place
 * ("in Almaty"), the date (a date in the sentence, else the article's), a
 * Goldstein intensity, a confidence, and whether it is reported as fact:
 * negated ("did not attack"), hypothetical ("should it attack", "may
 * cooperate") or future ("will provide") events are marked, not asserted.
 * Words inside quotation marks are the speaker's, not the narrative's, and
 * are not coded.
 */
import type { Event, EventActor, EventMood } from '../model.js';
import { Actors, type Actor } from './actors.js';
import { goldsteinOf, NOUN_CODES, PHRASE_CODES, rootOf, VERB_CODES } from './cameo.js';
import type { Doc } from './doc.js';
import { VERB_LEAD, verbLemma } from './lemma.js';

const NEGATION = new Set(['not', "n't", 'never', 'no', 'without', 'refused', 'refuses', 'failed', 'fails', 'declined', 'nor']);
const HYPOTHETICAL = new Set(['if', 'unless', 'whether', 'may', 'might', 'could', 'would', 'should', 'can', 'willing', 'ready', 'able', 'possible', 'possibly', 'likely', 'want', 'wants', 'hope', 'hopes', 'need', 'needs']);
const FUTURE = new Set(['will', "'ll", 'shall', 'scheduled', 'planned', 'plans', 'plan', 'going', 'expected', 'set', 'due', 'intends', 'tomorrow']);
/** Words before a base form that make it a verb. */
const BASE_LEAD = new Set([...VERB_LEAD, "'ll", 'can', 'cannot', 'it', 'he', 'she']);
/** Before a plural event noun, these make it a verb ("Russia attacks", "they protest"). */
const SUBJECT_LEAD = new Set([...BASE_LEAD, 'who', 'which', 'that', 'people', 'workers', 'protesters']);
const NOUN_NEGATION = new Set(['no', 'without', 'not', 'never']);
const INTENT = /^(?:offer|propos|plan|willing|ready|want|intend|prepared|pledg|vow|promis|threat|aim|seek|sought|hope|wish|urge|call|abilit|capab|power|right)/;
/** Words in the sentence before a trigger that make it reported speculation, not fact. */
const SPECULATION = new Set(['alleged', 'allegedly', 'speculated', 'speculation', 'predicting', 'predicted', 'rumoured', 'rumored', 'possible', 'potential']);
/** A target is looked for up to these words (a new clause begins). */
const CLAUSE_END = new Set([';', ':', '.', 'that', 'which', 'who', 'while', 'whereas', 'but', 'because', 'since', 'although', '(', '—', '–']);
const PLACE_LEAD = new Set(['in', 'at', 'near', 'across', 'throughout', 'outside', 'inside']);
const TARGET_LEAD = new Set(['to', 'with', 'against', 'on', 'from', 'for', 'of', 'over', 'into', 'in']);

interface Trigger {
  t: number;
  code: string;
  noun: boolean;
  lemma: string;
}

function phraseCode(d: Doc, t: number, lemma: string, end: number): string | undefined {
  for (const [verb, object, code] of PHRASE_CODES) {
    if (verb !== lemma) continue;
    for (let k = t + 1; k < Math.min(end, t + 9); k++) if (object.test(d.lower[k]!)) return code;
  }
  // "strike Iran": a named target makes a strike military force, not a walkout.
  if (lemma === 'strike') {
    for (let k = t + 1; k < Math.min(end, t + 3); k++) {
      const mi = d.mentionAt[k]!;
      if (mi >= 0 && d.mentions[mi]!.type !== 'PER' && d.mentions[mi]!.type !== 'MISC') return '190';
    }
  }
  return undefined;
}

/** Verbs whose -s form is as often a plural noun ("carrying out orders"): a verb only after a subject. */
const NOUN_LIKE = new Set(['order', 'demand', 'request', 'appeal', 'offer', 'threaten', 'visit', 'aid', 'march', 'rally', 'strike', 'ban', 'release', 'probe']);

function findTriggers(d: Doc): Trigger[] {
  const out: Trigger[] = [];
  for (let t = 0; t < d.lower.length; t++) {
    const w = d.lower[t]!;
    if (d.quotedBy[t]! >= 0 || d.mentionAt[t]! >= 0 || w.length < 3 || !/^[a-z-]+$/.test(w)) continue;
    const s = d.sentences[d.sentenceOf[t]!];
    if (!s) continue;
    // "newly released images": a participle describing a noun, no act.
    if (d.lower[t - 1] === 'newly') continue;
    const lemma = verbLemma(w);
    const prev = d.lower[t - 1] ?? '';
    const inflected = lemma !== w;
    // A verb: an inflected form ("warned"), or a base form after a word that makes it one.
    const asVerb = inflected || BASE_LEAD.has(prev);
    const phrase = asVerb ? phraseCode(d, t, lemma, s.last) : undefined;
    if (phrase === '') continue;
    const verb = asVerb ? phrase ?? VERB_CODES[lemma] : undefined;
    // "protests", "attacks": plural nouns the lemmatizer takes for verbs; they are verbs only after a subject.
    const subjectBefore = SUBJECT_LEAD.has(prev) || (d.mentionAt[t - 1]! >= 0 && d.mentions[d.mentionAt[t - 1]!]!.type !== 'MISC');
    if (inflected && w.endsWith('s') && NOUN_LIKE.has(lemma) && !subjectBefore && NOUN_CODES[w] === undefined) continue;
    const nounFirst = NOUN_CODES[w] !== undefined && (!asVerb || (w.endsWith('s') && !subjectBefore) || (!inflected && !BASE_LEAD.has(prev)));
    // "a demonstration of solidarity" is no protest.
    if (nounFirst && w.startsWith('demonstration') && d.lower[t + 1] === 'of') continue;
    if (nounFirst) out.push({ t, code: NOUN_CODES[w]!, noun: true, lemma: w });
    else if (verb) out.push({ t, code: verb, noun: false, lemma });
  }
  return out;
}

/**
 * Negation is read just before the trigger ("did not attack", "no
 * protests"); modality and tense over the clause before it ("may
 * cooperate", "will provide", "should it attack"); speculation anywhere
 * before it in the sentence ("alleged … buildup").
 */
function mood(d: Doc, t: number, first: number, noun: boolean): EventMood {
  for (let k = t - 1; k >= Math.max(first, t - 3); k--) {
    const w = d.lower[k]!;
    if (noun ? NOUN_NEGATION.has(w) : NEGATION.has(w) && w !== 'no') return 'negated';
  }
  // "offered to stabilize", "a proposition to assist": intended, not done.
  if (d.lower[t - 1] === 'to' && INTENT.test(d.lower[t - 2] ?? '')) return 'hypothetical';
  // "talks scheduled for January 10".
  if (noun && FUTURE.has(d.lower[t + 1] ?? '')) return 'future';
  let m: EventMood = 'asserted';
  for (let k = t - 1; k >= Math.max(first, t - 6); k--) {
    const w = d.lower[k]!;
    if (w === ';' || (w === ',' && k < t - 2)) break;
    if (HYPOTHETICAL.has(w)) m = 'hypothetical';
    else if (FUTURE.has(w) && m === 'asserted') m = 'future';
  }
  if (m !== 'asserted') return m;
  for (let k = first; k < t; k++) if (SPECULATION.has(d.lower[k]!)) return 'hypothetical';
  return m;
}

function toActor(a: Actor | undefined): EventActor | undefined {
  if (!a) return undefined;
  return a.ids.length ? { name: a.name, ids: a.ids } : { name: a.name };
}

/** The actor owning an event noun: "Tokayev's request", "Russian troops buildup", "protests by workers". */
function nounSource(d: Doc, actors: Actors, t: number, first: number): Actor | undefined {
  // Back over the noun's modifiers only ("Tokayev's official request", "Russian troops buildup").
  for (let k = t - 1; k >= Math.max(first, t - 4); k--) {
    const w = d.lower[k]!;
    if (w === "'s" || w === '’s') {
      const mi = d.mentionAt[k - 1]!;
      if (mi >= 0) return actors.actorAt(mi);
    }
    const mi = d.mentionAt[k]!;
    if (mi >= 0 && d.mentionTokens[mi]![1] === k + 1) return actors.actorAt(mi);
    if (mi < 0 && (!/^[a-z-]+$/.test(w) || MODIFIER_STOP.has(w) || (verbLemma(w) !== w && !w.endsWith('s')))) break;
  }
  // "an assault on … by Moscow", "protests by workers"; "the resignation of the vice president".
  if (OF_ACTOR.has(d.lower[t]!) && d.lower[t + 1] === 'of') {
    // "of the interim vice president, Mohamed ElBaradei": the name may follow its title.
    const a = actors.firstAfter(t + 1, 8, CLAUSE_END);
    if (a) return a;
  }
  for (let k = t + 1; k < Math.min(d.sentences[d.sentenceOf[t]!]!.last, t + 9); k++) {
    if (CLAUSE_END.has(d.lower[k]!) || d.lower[k] === ',') break;
    if (d.lower[k] === 'by') return actors.firstAfter(k, 4, CLAUSE_END);
  }
  // "X was on a trip to …", "X made a request": the sentence's subject.
  for (let k = t - 1; k >= Math.max(first, t - 4); k--) if (HOLDS.has(d.lower[k]!)) return actors.sentenceSubject(d.sentenceOf[t]!);
  return undefined;
}
/** Event nouns whose actor follows "of": "the resignation of X", "protests of workers". */
const OF_ACTOR = new Set(['resignation', 'withdrawal', 'protest', 'protests', 'demonstration', 'demonstrations', 'visit', 'strike', 'strikes']);
const MODIFIER_STOP = new Set(['the', 'a', 'an', 'is', 'was', 'are', 'were', 'be', 'not', 'no', 'of', 'on', 'in', 'to', 'and', 'or', 'by', 'for', 'with', 'at', 'this', 'that', 'these', 'those']);
const HOLDS = new Set(['was', 'were', 'made', 'paid', 'held', 'staged', 'launched', 'carried', 'conducted', 'began', 'led', 'started']);

export function findEvents(d: Doc, published: string | undefined, actors = new Actors(d)): Event[] {
  const events: Event[] = [];
  const lastSubject = new Map<number, Actor>();
  for (const tr of findTriggers(d)) {
    const si = d.sentenceOf[tr.t]!;
    const s = d.sentences[si]!;
    const found = tr.noun ? nounSource(d, actors, tr.t, s.first) : actors.subjectOf(tr.t, () => lastSubject.get(si) ?? actors.sentenceSubject(si));
    if (found && !tr.noun) lastSubject.set(si, found);
    const source = found && actors.canAct(found) ? found : undefined;
    let target: Actor | undefined;
    if (tr.noun) {
      for (let k = tr.t + 1; k < Math.min(s.last, tr.t + 8) && !target; k++) {
        if (CLAUSE_END.has(d.lower[k]!)) break;
        if (TARGET_LEAD.has(d.lower[k]!)) target = actors.firstAfter(k, 4, CLAUSE_END);
      }
    } else target = actors.firstAfter(tr.t, 8, CLAUSE_END);
    if (target && source && target.ids.join() === source.ids.join() && target.name === source.name) target = undefined;
    // An act with no actor that can act is still an act when something was named ("talks scheduled
    // for …"), or when the noun refers to one the story told of ("The crackdown followed …").
    if (!found && !target && !(tr.noun && ['the', 'this', 'that'].includes(d.lower[tr.t - 1]!))) continue;
    const place = placeOf(d, actors, s.first, s.last, target);
    const date = nearestDate(d, s.start, s.end, d.tokens[tr.t]!.start);
    const e: Event = {
      code: tr.code,
      root: rootOf(tr.code),
      triggerStart: d.tokens[tr.t]!.start,
      triggerEnd: d.tokens[tr.t]!.end,
      sentenceStart: s.start,
      sentenceEnd: s.end,
      goldstein: goldsteinOf(tr.code),
      confidence: +Math.min(0.95, 0.35 + (source?.ids.length ? 0.25 : source ? 0.1 : 0) + (target?.ids.length ? 0.2 : 0) + (tr.noun ? 0 : 0.15)).toFixed(2),
      mood: mood(d, tr.t, s.first, tr.noun),
    };
    const src = toActor(source);
    const tgt = toActor(target);
    if (src) e.source = src;
    if (tgt) e.target = tgt;
    if (place) e.place = place;
    const day = date ?? published?.slice(0, 10);
    if (day) e.date = day;
    events.push(e);
  }
  return events;
}

/** "in Almaty", "at the border": a place named after a place word in the sentence, not the target itself. */
function placeOf(d: Doc, actors: Actors, first: number, last: number, target: Actor | undefined): EventActor | undefined {
  for (let k = first; k < last; k++) {
    const mi = d.mentionAt[k]!;
    if (mi < 0 || d.mentionTokens[mi]![0] !== k) continue;
    const m = d.mentions[mi]!;
    if (m.type !== 'LOC' && m.type !== 'GPE') continue;
    let p = k - 1;
    if (d.lower[p] === 'the') p--;
    if (!PLACE_LEAD.has(d.lower[p] ?? '')) continue;
    const a = actors.actorAt(mi);
    if (target && a.ids[0] === target.ids[0]) continue;
    return toActor(a);
  }
  return undefined;
}

/** Words before a date that make it a bound or a background, not when the act happened ("since 1961"). */
const NOT_WHEN = new Set(['since', 'until', 'till', 'before', 'after', 'from', 'through', 'by', 'than', 'of']);
/** Tokens that end the trigger's clause: a date beyond one is another clause's. */
const CLAUSE_BREAKS = new Set([';', '(', ')', '—', '–', '--', ':', 'which', 'who', 'whom', 'when', 'while', 'where', 'because', 'although']);
/** Words that open a sentence with its time ("On Monday, …"). */
const OPENERS = new Set(['on', 'in', 'at', 'during', 'early', 'late', 'last', 'this']);
/** A date further from the trigger than this many tokens is not its time expression. */
const DATE_REACH = 10;

/**
 * The date of the act: a time expression in the trigger's own clause, near
 * it, that says when ("on Monday", "January 6, 2022"), not a bound or a
 * background ("since 1961", "the 1939 invasion" in a clause of its own);
 * the nearest such, preferring one before the trigger. Else undefined (the
 * article's date is used).
 */
function nearestDate(d: Doc, start: number, end: number, at: number): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const tokenAt = (offset: number) => d.tokens.findIndex((t) => t.start >= offset);
  const trigger = tokenAt(at);
  const opens = tokenAt(start);
  for (const f of d.figures) {
    if (f.kind !== 'date' || typeof f.value !== 'string' || f.start < start || f.end > end) continue;
    const first = tokenAt(f.start);
    let last = first;
    while (last + 1 < d.tokens.length && d.tokens[last + 1]!.end <= f.end) last++;
    if (NOT_WHEN.has(d.lower[first - 1] ?? '')) continue;
    const [from, to] = last < trigger ? [last + 1, trigger] : [trigger + 1, first];
    if (to - from > DATE_REACH) continue;
    // A date that opens the sentence ("On Monday,", "In 2015,") is followed by its own comma.
    const opening = first === opens || (first - opens <= 2 && OPENERS.has(d.lower[first - 1] ?? ''));
    let broken = false;
    for (let k = from; k < to && !broken; k++) {
      const w = d.lower[k]!;
      if (w === ',' && !(opening && k === last + 1 && last < trigger)) broken = true;
      if (CLAUSE_BREAKS.has(w)) broken = true;
    }
    if (broken) continue;
    const distance = f.end <= at ? at - f.end : (f.start - at) * 2;
    if (distance < bestDistance) [best, bestDistance] = [f.value, distance];
  }
  return best;
}
