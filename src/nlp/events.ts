/**
 * Sentence-level events in the CAMEO scheme: a trigger (a verb coded by
 * CAMEO's verb dictionary, verb-patterns.ts, or by our lexicon in cameo.ts,
 * or an event noun such as "request" or "buildup"), its source actor (the
 * verb's subject, a passive's agent, or the noun's possessor: "Tokayev's
 * request"), its target (the first actor after the trigger in its clause, a
 * passive's subject), each with its CAMEO actor code (actor-codes.ts), the place
 * ("in Almaty"), the date (a date in the sentence, else the article's), a
 * Goldstein intensity, a confidence, and whether it is reported as fact:
 * negated ("did not attack"), hypothetical ("should it attack", "may
 * cooperate") or future ("will provide") events are marked, not asserted.
 * Words inside quotation marks are the speaker's, not the narrative's, and
 * are not coded.
 */
import type { Event, EventActor, EventMood, Quote } from '../model.js';
import { Actors, type Actor } from './actors.js';
import { goldsteinOf, NOUN_CODES, PHRASE_CODES, rootOf, VERB_CODES } from './cameo.js';
import { firstTokenFrom, lemmaAt, type Doc } from './doc.js';
import { VERB_LEAD } from './lemma.js';
import { isVerbBase, verbCode } from './verb-patterns.js';
import { actorCode } from './actor-codes.js';

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
  /** The code runs from the verb's object to its subject ("X appeared in court": someone charged X). */
  reversed?: boolean;
  /** Coded by the verb dictionary alone: by one of its patterns, or by the verb's default code. */
  by?: 'pattern' | 'default';
}

/**
 * Speech verbs that only report (a quote's cue, not an act): the verb
 * dictionary's statement block codes them 010, but "said" alone is no event
 * in our guideline, and what they report is coded as its own act.
 */
const NEUTRAL_SPEECH = new Set('say tell write add report quote cite mention describe refer explain state tweet reply respond answer'.split(' '));
/** Tokens that end a clause for the verb dictionary's patterns (its words are looked for inside the verb's clause). */
const PATTERN_BREAKS = new Set([';', ':', '.', '(', ')', '—', '–', 'but', 'while', 'whereas', 'because', 'although', 'though', 'since']);

/** Words after a verb that open another clause, whose words are not its objects ("ruled that …", "said the US was …"). */
const NEXT_CLAUSE = new Set('that which who whom whose if whether when where is are was were has have had will would can could should must may might shall does did'.split(' '));

/**
 * The verb's clause as the dictionary's patterns read it: [first token, one
 * past the last]: back to a comma or a clause break, forward to the next
 * clause ("that …", an auxiliary, "to" and a verb: "ordered X to search").
 */
function clauseOf(d: Doc, t: number, first: number, last: number): [number, number] {
  let from = t;
  while (from > first && from > t - 10 && !PATTERN_BREAKS.has(d.lower[from - 1]!) && d.lower[from - 1] !== ',') from--;
  let to = t + 1;
  const opens = (k: number) => {
    const w = d.lower[k]!;
    if (PATTERN_BREAKS.has(w) || NEXT_CLAUSE.has(w) || d.quotedBy[k]! >= 0) return true;
    const next = d.lower[k + 1] ?? '';
    return w === 'to' && d.mentionAt[k + 1]! < 0 && isVerbBase(next);
  };
  while (to < last && to < t + 14 && !opens(to)) to++;
  return [from, to];
}

function phraseCode(d: Doc, t: number, lemma: string, end: number): string | undefined {
  for (const [verb, object, code] of PHRASE_CODES) {
    if (verb !== lemma) continue;
    for (let k = t + 1; k < Math.min(end, t + 9); k++) if (object.test(d.lower[k]!)) return code;
  }
  // "launched the terror attack", "began launching airstrikes", "carried out raids": the noun names
  // the act and is its trigger; the verb only says it was carried out.
  if (LIGHT_VERBS.has(lemma)) {
    for (let k = t + 1; k < Math.min(end, t + 6); k++) if (nounCode(d, k, d.lower[k]!) !== undefined) return '';
  }
  // "strike Iran", "without striking them": a named or pronoun target makes a strike military force, not a walkout.
  if (lemma === 'strike') {
    if (['them', 'it', 'him', 'her'].includes(d.lower[t + 1] ?? '')) return '190';
    for (let k = t + 1; k < Math.min(end, t + 3); k++) {
      const mi = d.mentionAt[k]!;
      if (mi >= 0 && d.mentions[mi]!.type !== 'PER' && d.mentions[mi]!.type !== 'MISC') return '190';
    }
  }
  return undefined;
}

/** Verbs that say an act named by the noun after them was carried out ("launched an attack"). */
const LIGHT_VERBS = new Set(['launch', 'conduct', 'stage', 'mount', 'carry', 'unleash', 'begin', 'start', 'continue', 'resume', 'intensify']);

/** Verbs whose -s form is as often a plural noun ("carrying out orders"): a verb only after a subject. */
const NOUN_LIKE = new Set(['order', 'demand', 'request', 'appeal', 'offer', 'threaten', 'visit', 'aid', 'march', 'rally', 'strike', 'ban', 'release', 'probe']);

const ARTICLES = new Set(['a', 'an', 'the']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re", 'am']);
const NOUN_LEAD = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'these', 'those', 'this', 'that', 'such', 'of', 'newly', 'well', 'heavily', 'fully']);

/**
 * A verb's code: our phrase rules came first (phraseCode); then our verb
 * codes, which a dictionary pattern refines within their root ("request
 * extradition" 0213 for our 020) or cancels ("killed in an accident");
 * then the dictionary's patterns and defaults. The dictionary holds nouns
 * and participles as verbs ("allies", "armed", "according"), which a parse
 * would tell apart: without one, its -s forms need a subject before them,
 * its -ing forms a "be" before them, and no -ed form after a determiner is
 * a verb ("the affected areas").
 */
function dictionaryCode(d: Doc, t: number, lemma: string, subjectBefore: boolean): { code: string; reversed?: boolean; by?: 'pattern' | 'default' } | undefined {
  const ours = VERB_CODES[lemma];
  const w = d.lower[t]!;
  // A speech verb that only reports is no event, whatever follows it (reported acts are coded apart: reportedActs).
  if (!ours && NEUTRAL_SPEECH.has(lemma)) return undefined;
  if (!ours) {
    // A form a parse would call a noun or an adjective: not read as a verb at all (cheap tests first).
    const prev = d.lower[t - 1] ?? '';
    if (w.endsWith('s') && lemma !== w && !subjectBefore) return undefined;
    if (w.endsWith('ing') && !BE.has(prev)) return undefined;
    if (w.endsWith('ed') && NOUN_LEAD.has(prev)) return undefined;
  } else if (w.endsWith('ed') && ARTICLES.has(d.lower[t - 1] ?? '')) {
    // "a wounded militant": an adjective, whoever codes the verb.
    return undefined;
  }
  const s = d.sentences[d.sentenceOf[t]!]!;
  const dict = verbCode(d.lower, t, () => clauseOf(d, t, s.first, s.last), lemma);
  if (ours) return dict?.byPattern && (dict.code === '---' || rootOf(dict.code) === rootOf(ours)) ? { code: dict.code } : { code: ours };
  if (!dict) return undefined;
  return { code: dict.code, reversed: dict.reversed, by: dict.byPattern ? 'pattern' : 'default' };
}

/** The event nouns as a map: looked up for every word of every article (a map is faster than a record's keys here). */
const NOUNS = new Map(Object.entries(NOUN_CODES));

/** Words before "attack(s)" that say what kind of attack it was. */
const ATTACK_KINDS = new Map([...['terror', 'terrorist', 'jihadist'].map((w) => [w, '180'] as const), ...['suicide', 'bomb', 'car'].map((w) => [w, '183'] as const), ...['hack', 'cyber', 'hacking'].map((w) => [w, '170'] as const), ['chemical', '2041']]);
/** Words before "strike(s)" that make it a use of arms, not a walkout. */
const ARMED_STRIKES = new Map([...['missile', 'air', 'drone', 'aerial', 'rocket'].map((w) => [w, '195'] as const), ...['military', 'retaliatory', 'preemptive', 'pre-emptive'].map((w) => [w, '190'] as const)]);

/** An event noun's code, read with the word before it ("terror attacks", "missile strikes") and after it ("strikes on"). */
function nounCode(d: Doc, t: number, w: string): string | undefined {
  // "the use of chemical weapons": the weapons say which use.
  if (w === 'use' && d.lower[t + 1] === 'of') return ['chemical', 'sarin', 'chlorine', 'nerve'].includes(d.lower[t + 2] ?? '') ? '2041' : d.lower[t + 2] === 'nuclear' ? '2042' : undefined;
  const code = NOUNS.get(w);
  if (code === undefined) return undefined;
  const prev = d.lower[t - 1] ?? '';
  // "chemical weapons attack": the kind may stand two words back.
  if (w.startsWith('attack')) return ATTACK_KINDS.get(prev) ?? (prev === 'weapons' ? ATTACK_KINDS.get(d.lower[t - 2] ?? '') : undefined) ?? code;
  if (w.startsWith('strike')) return ARMED_STRIKES.get(prev) ?? (d.lower[t + 1] === 'on' || d.lower[t + 1] === 'against' ? '190' : code);
  return code;
}

function findTriggers(d: Doc): Trigger[] {
  const out: Trigger[] = [];
  for (let t = 0; t < d.lower.length; t++) {
    const w = d.lower[t]!;
    if (d.quotedBy[t]! >= 0 || d.mentionAt[t]! >= 0 || w.length < 3 || !/^[a-z-]+$/.test(w)) continue;
    const s = d.sentences[d.sentenceOf[t]!];
    if (!s) continue;
    // "newly released images": a participle describing a noun, no act.
    if (d.lower[t - 1] === 'newly') continue;
    // "declined to comment" is one act, coded at "declined".
    if (w === 'comment' && d.lower[t - 1] === 'to' && /^(?:declin|refus)/.test(d.lower[t - 2] ?? '')) continue;
    const lemma = lemmaAt(d, t);
    const prev = d.lower[t - 1] ?? '';
    const inflected = lemma !== w;
    // A verb: an inflected form ("warned"), or a base form after a word that makes it one.
    // …but an -s form after a possessive or an article is a plural noun ("Obama's comments", "the talks").
    const asVerb = (inflected && !(w.endsWith('s') && (NOUN_LEAD.has(prev) || prev === "'s" || prev === '’s') && prev !== 'that')) || BASE_LEAD.has(prev);
    const phrase = asVerb ? phraseCode(d, t, lemma, s.last) : undefined;
    if (phrase === '') continue;
    // "protests", "attacks": plural nouns the lemmatizer takes for verbs; they are verbs only after a subject.
    const subjectBefore = SUBJECT_LEAD.has(prev) || (d.mentionAt[t - 1]! >= 0 && d.mentions[d.mentionAt[t - 1]!]!.type !== 'MISC');
    const coded = asVerb && phrase === undefined ? dictionaryCode(d, t, lemma, subjectBefore) : undefined;
    if (coded?.code === '---') continue;
    const verb = phrase ?? coded?.code;
    const noun = nounCode(d, t, w);
    if (inflected && w.endsWith('s') && NOUN_LIKE.has(lemma) && !subjectBefore && noun === undefined) continue;
    const nounFirst = noun !== undefined && (!asVerb || (w.endsWith('s') && !subjectBefore) || (!inflected && !BASE_LEAD.has(prev)));
    // "a demonstration of solidarity" is no protest.
    if (nounFirst && w.startsWith('demonstration') && d.lower[t + 1] === 'of') continue;
    // "imposed sanctions", "launched an attack": the verb before already coded the act its object names.
    const before = out.at(-1);
    const coveredByVerb = nounFirst && before !== undefined && !before.noun && t - before.t <= 4 && rootOf(before.code) === rootOf(noun) && d.sentenceOf[before.t] === d.sentenceOf[t];
    if (coveredByVerb) continue;
    if (nounFirst) out.push({ t, code: noun, noun: true, lemma: w });
    else if (verb) out.push({ t, code: verb, noun: false, lemma, ...(coded?.reversed ? { reversed: true } : {}), ...(coded?.by ? { by: coded.by } : {}) });
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

const TITLE_BREAKS = new Set([',', ';', ':', '(', ')', '"', '“', '”']);
/** The words just before a name in its sentence, where a title stands ("Kazakh President" Tokayev). */
function titleBefore(d: Doc, start: number, sentenceStart: number): string {
  const before = d.text.slice(Math.max(sentenceStart, start - 60), start);
  // Back to the first break: a comma or other punctuation ends the title (a scan: a regex anchored
  // at the end retries from every position).
  let cut = before.length;
  while (cut > 0 && !TITLE_BREAKS.has(before[cut - 1]!)) cut--;
  return before.slice(cut).split(/\s+/).filter(Boolean).slice(-4).join(' ');
}

/** An event actor with its CAMEO code (src/nlp/actor-codes.ts), when one can be given. */
function codedActor(d: Doc, a: Actor | undefined, day: string | undefined, sentenceStart: number, placeCountry?: string): EventActor | undefined {
  const out = toActor(a);
  if (!out || !a) return out;
  const code = actorCode(out, day, titlesOf(d, a, sentenceStart), placeCountry);
  if (code) out.code = code;
  return out;
}

/**
 * The titles the article gives a person: before this mention, then before
 * its earlier mentions ("President Trump" once, "Trump" after), so a person
 * the dictionaries do not list, or list as out of office, is coded by the
 * article's own words.
 */
function titlesOf(d: Doc, a: Actor, sentenceStart: number): string {
  const here = titleBefore(d, a.start, sentenceStart);
  const key = a.ids.length === 1 && a.ids[0]!.startsWith('PER|') ? a.ids[0] : undefined;
  if (!key) return here;
  const titles = [here];
  for (const m of d.mentions) {
    if (m.start >= a.start || titles.length > 6) break;
    if (m.entityId !== key) continue;
    const t = firstTokenFrom(d, m.start);
    titles.push(titleBefore(d, m.start, t >= 0 ? (d.sentences[d.sentenceOf[t]!]?.start ?? 0) : 0));
  }
  return titles.filter(Boolean).join(' | ');
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
    if (mi < 0 && (!/^[a-z-]+$/.test(w) || MODIFIER_STOP.has(w) || (lemmaAt(d, k) !== w && !w.endsWith('s')))) break;
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
  // "Russia began launching airstrikes", "the couple who launched the terror attack": the subject of the verb that carried it out.
  for (let k = t - 1; k >= Math.max(first, t - 4); k--) {
    if (LIGHT_VERBS.has(lemmaAt(d, k)) && d.mentionAt[k]! < 0) return actors.subjectOf(k, () => actors.sentenceSubject(d.sentenceOf[t]!));
  }
  // "X was on a trip to …", "X made a request": the sentence's subject.
  for (let k = t - 1; k >= Math.max(first, t - 4); k--) if (HOLDS.has(d.lower[k]!)) return actors.sentenceSubject(d.sentenceOf[t]!);
  return undefined;
}
const PASSIVE_BE = new Set(['was', 'were', 'been', 'being', 'be', 'is', 'are', 'get', 'got', 'gets', 'getting']);
const PASSIVE_BETWEEN = new Set(['not', "n't", 'never', 'also', 'reportedly', 'allegedly', 'later', 'then', 'already', 'all', 'both']);

/** A past participle after a form of "be" or "get" ("had been killed", "was not arrested"). */
function isPassive(d: Doc, t: number, first: number): boolean {
  const w = d.lower[t]!;
  if (w.endsWith('ing') || w.endsWith('s') || lemmaAt(d, t) === w) return false;
  for (let k = t - 1; k >= Math.max(first, t - 4); k--) {
    const p = d.lower[k]!;
    if (PASSIVE_BE.has(p)) return true;
    if (!PASSIVE_BETWEEN.has(p) && !(p.length > 4 && p.endsWith('ly'))) return false;
  }
  return false;
}

/** Words that may stand between a verb and the head of its object ("gave the Chinese leader", "helps its ally"). */
const OBJECT_LEAD = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those', 'both', 'all', 'some', 'several', 'two', 'three', "'s", '’s']);

/** Whether an actor opens the verb's object: at most three words after the verb, each a determiner or a capitalised word (part of the name). */
function isObject(d: Doc, verb: number, a: Actor): boolean {
  for (let k = verb + 1; k < Math.min(d.tokens.length, verb + 5); k++) {
    if (d.tokens[k]!.start >= a.start) return d.tokens[k]!.start === a.start || d.tokens[k]!.start < a.end;
    const w = d.lower[k]!;
    if (!OBJECT_LEAD.has(w) && !/^\p{Lu}/u.test(d.text[d.tokens[k]!.start] ?? '')) return false;
  }
  return false;
}

/** A passive verb's agent: the actor after "by" in its clause ("was criticized by Western governments"). */
function agentOf(d: Doc, actors: Actors, t: number, last: number): Actor | undefined {
  for (let k = t + 1; k < Math.min(last, t + 8); k++) {
    if (CLAUSE_END.has(d.lower[k]!)) return undefined;
    if (d.lower[k] === 'by') return actors.firstAfter(k, 5, CLAUSE_END) ?? actors.phraseAfter(k, 5);
  }
  return undefined;
}

/** Event nouns whose actor follows "of": "the resignation of X", "protests of workers". */
const OF_ACTOR = new Set(['resignation', 'withdrawal', 'protest', 'protests', 'demonstration', 'demonstrations', 'visit', 'strike', 'strikes']);
const MODIFIER_STOP = new Set(['the', 'a', 'an', 'is', 'was', 'are', 'were', 'be', 'not', 'no', 'of', 'on', 'in', 'to', 'and', 'or', 'by', 'for', 'with', 'at', 'this', 'that', 'these', 'those']);
const HOLDS = new Set(['was', 'were', 'made', 'paid', 'held', 'staged', 'launched', 'carried', 'conducted', 'began', 'led', 'started']);

export function findEvents(d: Doc, published: string | undefined, actors = new Actors(d)): Event[] {
  const events: Event[] = [];
  const lastSubject = new Map<number, Actor>();
  /** Noun events already coded ("19 attack"), with the ids of their actors. */
  const toldOf = new Map<string, string>();
  for (const tr of findTriggers(d)) {
    const si = d.sentenceOf[tr.t]!;
    const s = d.sentences[si]!;
    const passive = !tr.noun && isPassive(d, tr.t, s.first);
    // The target: a passive's subject (below), else the first actor after the verb, or after a preposition that follows the noun.
    let target: Actor | undefined;
    if (tr.noun) {
      for (let k = tr.t + 1; k < Math.min(s.last, tr.t + 8) && !target; k++) {
        if (CLAUSE_END.has(d.lower[k]!)) break;
        if (TARGET_LEAD.has(d.lower[k]!)) target = actors.firstAfter(k, 4, CLAUSE_END);
      }
    } else if (!passive) target = actors.firstAfter(tr.t, 8, CLAUSE_END);
    // A verb only the dictionary codes by default needs its object for a target (below), as a parse would
    // give it: the actor right after the verb ("helps Egypt", "invited South Korean officials"), not one
    // further on ("sees potential for … McConnell", "led the charge against Libya"). None: no event.
    if (tr.by === 'default' && !passive && !(target && isObject(d, tr.t, target))) continue;
    const subject = tr.noun ? nounSource(d, actors, tr.t, s.first) : actors.subjectOf(tr.t, () => lastSubject.get(si) ?? actors.sentenceSubject(si));
    // The clause's subject, for a verb coordinated later ("doubted … and warned"); an infinitive's ("to call") is not it.
    if (subject && !tr.noun && d.lower[tr.t - 1] !== 'to') lastSubject.set(si, subject);
    // "235 civilians had been killed by the police": the subject suffered the act, the agent after "by" did it.
    const found = passive ? agentOf(d, actors, tr.t, s.last) : subject;
    const source = found && actors.canAct(found) ? found : undefined;
    if (passive) target = subject;
    if (target && source && target.ids.join() === source.ids.join() && target.name === source.name) target = undefined;
    // An act with no actor that can act is still an act when something was named ("talks scheduled
    // for …"), or when the noun refers to one the story told of ("The crackdown followed …").
    if (!found && !target && !(tr.noun && ['the', 'this', 'that'].includes(d.lower[tr.t - 1]!))) continue;
    // A verb only the dictionary codes is an event between two actors, as the open coders code it: a
    // source that can act and a target (its default code), or at least one of them (one of its patterns).
    if (tr.by === 'default' && !(source && target)) continue;
    if (tr.by === 'pattern' && !source && !target) continue;
    // "the attack" again, after "the Benghazi attack": the same act told of once more, unless new actors say it is another.
    if (tr.noun) {
      const stem = tr.lemma.replace(/s$/, '');
      const who = `${source?.ids.join() ?? ''}>${target?.ids.join() ?? ''}`;
      const told = toldOf.get(`${rootOf(tr.code)} ${stem}`);
      if (told !== undefined && (who === '>' || who === told)) continue;
      toldOf.set(`${rootOf(tr.code)} ${stem}`, who);
    }
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
    const day = date ?? published?.slice(0, 10);
    if (place) {
      const code = actorCode(place, day);
      if (code) place.code = code.slice(0, 3);
    }
    const src = codedActor(d, tr.reversed ? target : source, day, s.start, place?.code);
    const tgt = codedActor(d, tr.reversed ? source : target, day, s.start, place?.code);
    // …and, as the open coders code only actors their dictionaries know, two actors with codes.
    if (tr.by === 'default' && !(src?.code && tgt?.code)) continue;
    if (src) e.source = src;
    if (tgt) e.target = tgt;
    if (place) e.place = place;
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
  const tokenAt = (offset: number) => firstTokenFrom(d, offset);
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

/** Roots whose acts, when a speaker reports another actor did them, are that speaker's accusation (codebook: 112). */
const ACCUSABLE = new Set(['17', '18', '19', '20']);

/**
 * Reported speech as the CAMEO codebook codes it: "the US said Iraq had
 * attacked it" is the US accusing Iraq (112, "accuse of crime, including
 * human rights abuses"), and a speaker who says it did the act itself
 * claims it (015). The reported act stays an event of its own; the
 * statement is added, its trigger the speech verb, found before the
 * reported words in the quote's sentence.
 */
export function reportedActs(d: Doc, quotes: readonly Quote[], events: readonly Event[], actors = new Actors(d)): Event[] {
  const out: Event[] = [];
  const said = new Set<string>();
  for (const q of quotes) {
    if (q.kind !== 'indirect' || !q.speaker || !q.cue) continue;
    // Where the speaker is named; one not placed in the text has no title before it.
    const at0 = q.speakerStart ?? q.start;
    const who: Actor = { name: q.speaker, ids: q.speakerIds ?? [], start: at0, end: q.speakerEnd ?? at0 };
    // A speaker that cannot act ("a natural gas field", a tagger's slip) accuses no one.
    if (!actors.canAct(who)) continue;
    for (const e of events) {
      if (!ACCUSABLE.has(e.root) || !e.source || e.mood === 'negated' || e.triggerStart < q.start || e.triggerStart >= q.end) continue;
      const self = q.speakerIds?.length ? e.source.ids?.some((id) => q.speakerIds!.includes(id)) : e.source.name === q.speaker;
      const at = d.text.lastIndexOf(q.cue, q.start);
      if (at < e.sentenceStart) continue;
      const key = `${at}|${e.source.name}`;
      if (said.has(key)) continue;
      said.add(key);
      const cameo = self ? '015' : '112';
      // Coded as every event actor is.
      const speaker = codedActor(d, who, e.date, e.sentenceStart)!;
      // A monitor or a reporter passing the news on ("the Observatory said", "news reports said":
      // no actor code, or the media's) is where the news comes from, not an accuser.
      if (!self && (!speaker.code || speaker.code.endsWith('MED'))) continue;
      out.push({
        code: cameo,
        root: rootOf(cameo),
        source: speaker,
        ...(self ? {} : { target: e.source }),
        triggerStart: at,
        triggerEnd: at + q.cue.length,
        sentenceStart: e.sentenceStart,
        sentenceEnd: e.sentenceEnd,
        ...(e.date ? { date: e.date } : {}),
        goldstein: goldsteinOf(cameo),
        confidence: +Math.min(0.9, e.confidence).toFixed(2),
        mood: 'asserted',
      });
    }
  }
  return out;
}
