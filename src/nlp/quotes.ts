/**
 * Who said what. Four kinds of statements, each with its speaker:
 * - direct: a quotation with a speech verb beside it (`“…,” he said`,
 *   `X said: “…”`), or one that goes on quoting the last speaker (a new
 *   paragraph opening with it, or its own sentence after that speaker's quote);
 * - partial: a few quoted words inside a sentence whose speech verb names the
 *   speaker ("Biden … warned Russia of “devastating” consequences");
 * - indirect: reported speech without quotation marks ("X said that …",
 *   "X hinted at …", "according to X, …");
 * - segment: what an interview piece's speaker sections say.
 * Quoted words with no speech verb to attribute them to are kept as
 * `phrase` (scare quotes: "color revolutions"), with no speaker.
 * Speakers are resolved by src/nlp/actors (pronouns, titles, noun phrases).
 */
import type { Quote } from '../model.js';
import { Actors, isWordToken, TITLES, type Actor } from './actors.js';
import { firstTokenFrom, lemmaAt, type Doc } from './doc.js';
import { VERB_LEAD } from './lemma.js';
import { splitKey } from '../link/resolve.js';

/** Verbs that report what someone said: the clause after them is indirect speech. */
const REPORTING = new Set(
  'say tell add state report note explain argue insist claim stress emphasize emphasise hint warn urge ask reply respond write announce declare predict speculate suggest confirm deny admit acknowledge assert allege reiterate concede complain caution recall remark observe comment tweet believe estimate assure remind inform promise vow pledge threaten demand accuse contend lament assess reveal indicate conclude disclose maintain testify'.split(' '),
);
/** Reporting verbs that also name other acts ("declared a state of emergency", "member states"): speech only before "that" or a colon. */
const NEEDS_THAT = new Set('add state report note claim declare announce believe estimate comment remark recall promise vow pledge threaten demand observe confirm allege respond reply assess reveal indicate conclude disclose maintain'.split(' '));
/** Verbs that attribute quoted words in their sentence, without reporting a clause. */
const ATTRIBUTING = new Set('call describe dub label term brand condemn denounce criticize criticise deprecate deplore oppose blame praise welcome reject dismiss slam decry'.split(' '));
/** Before a participle, these make it passive ("were informed", "been told"). */
const PASSIVE_AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s"]);
/** Words right after a speech verb that open the reported clause. */
const OPENERS = new Set(['that', 'at', 'about', 'of', ':', ',', 'to']);
/** Before a verb's base form, these show it is a verb ("would say", "they warn"). */
const BASE_LEAD = new Set([...VERB_LEAD, 'often']);
/** Articles that may open a speaker's name ("said a Pentagon statement", "…, the Pentagon said"). */
const ARTICLES = new Set(['the', 'a', 'an']);
/** A quotation this long (in words) is a direct quote even inside a sentence. */
const LONG_WORDS = 15;

interface Cue {
  t: number;
  lemma: string;
  speaker?: Actor;
  /** For a verb that also names other acts: where the clause it reports without "that" begins (reportsClause), or -1. */
  clause?: number;
  /** The verb attributes a quotation that closes before it (`“…,” he said on CNN`): what follows it is not reported speech. */
  attributes?: boolean;
}


/** Speech verbs outside quotation marks, in text order. */
function findCues(d: Doc): Cue[] {
  const cues: Cue[] = [];
  for (let t = 0; t < d.lower.length; t++) {
    const w = d.lower[t]!;
    if (d.quotedBy[t]! >= 0 || d.mentionAt[t]! >= 0 || w.length < 3) continue;
    const lemma = lemmaAt(d, t);
    if (!REPORTING.has(lemma) && !ATTRIBUTING.has(lemma)) continue;
    // A base form is often a noun ("a claim", "the call"): only after a word that makes it a verb.
    // After a party tag or a name it is one when it introduces speech ("Sherrod Brown (D-Ohio) write, “…”").
    const afterName = d.lower[t - 1] === ')' || (t > 0 && d.mentionAt[t - 1]! >= 0 && d.mentions[d.mentionAt[t - 1]!]!.type === 'PER');
    if (lemma === w && w !== 'say' && !BASE_LEAD.has(d.lower[t - 1] ?? '') && !(afterName && introducesSpeech(d, t))) continue;
    // "were informed of", "was told to": a passive's subject heard it, and said nothing.
    if (PASSIVE_AUX.has(d.lower[t - 1] ?? '') && lemma !== w && !w.endsWith('ing') && !w.endsWith('s')) continue;
    // Verbs that also name other acts speak only before "that", a colon or a quotation, or after one;
    // or before a clause of their own, unless the sentence already reports speech: then the verb is
    // inside what was reported ("Kerry said the FBI claimed they were not aware").
    const clause = NEEDS_THAT.has(lemma) ? reportsClause(d, t) : undefined;
    if (clause !== undefined && !introducesSpeech(d, t) && (clause < 0 || (!coordinated(d, t) && cues.some((c) => d.sentenceOf[c.t] === d.sentenceOf[t])))) continue;
    // Verbs that only attribute ("described as", "condemned") matter where there are quoted words.
    if (!REPORTING.has(lemma) && !d.quotations.some(([a]) => d.sentenceOf[a] === d.sentenceOf[t])) continue;
    cues.push(clause === undefined ? { t, lemma } : { t, lemma, clause });
  }
  return cues;
}

/**
 * A speech verb that goes on from its subject's previous one in the sentence: after "and" or "but"
 * ("acknowledged …, but pledged …"), or a participle after a comma ("…, adding that …",
 * "…, insisting …"). It opens a statement of its own; the one before ends where it begins.
 */
function coordinated(d: Doc, t: number): boolean {
  const prev = d.lower[t - 1] ?? '';
  return prev === 'and' || prev === 'but' || (prev === ',' && d.lower[t]!.endsWith('ing'));
}

/** What follows the verb at t is reported speech: "that", a colon, a quotation, or a clause of its own. */
function reportsAfter(d: Doc, t: number): boolean {
  const next = d.lower[t + 1] ?? '';
  return next === 'that' || next === ':' || d.quotedBy[t + 1]! >= 0 || clauseAfter(d, t) >= 0;
}

function introducesSpeech(d: Doc, t: number): boolean {
  const next = d.lower[t + 1] ?? '';
  return next === 'that' || next === ':' || d.quotedBy[t + 1]! >= 0 || (next === ',' && d.quotedBy[t + 2]! >= 0) || followsQuotation(d, t);
}

/** Pronouns that can be a speech verb's subject. */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it']);
/** Finite verbs that show a clause of its own after the speech verb ("notes the economy is weak"). */
const FINITE = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'did', 'does', 'do', "'s", "'re"]);
/** Words of time that may stand between a speech verb and its "that" ("announced Thursday that …"). */
const WHEN = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'last', 'this', 'next', 'week', 'month', 'year', 'earlier', 'later', 'on']);

/**
 * "Merkel notes the economy is weak", "he stated the talks had failed", "announced Thursday that
 * …": reported speech after a verb that also names other acts, without "that" right after it.
 * The verb, inflected, follows its subject (a name or a pronoun), and a clause with a subject and
 * a finite verb of its own follows it, so "stated its position", "added the amendment", "member
 * states are", "pledged to act", "claimed the attack that was …" and "the wall Trump promised
 * last year is …" are not speech. Returns where the reported clause begins, or -1.
 */
function reportsClause(d: Doc, t: number): number {
  if (lemmaAt(d, t) === d.lower[t]) return -1;
  const prev = t - 1;
  const named = prev >= 0 && d.mentionAt[prev]! >= 0 && d.mentionTokens[d.mentionAt[prev]!]![1] === t;
  if (!named && !SUBJECT_PRONOUNS.has(d.lower[prev] ?? '') && d.lower[prev] !== 'and' && d.lower[prev] !== 'but') return -1;
  return clauseAfter(d, t);
}

/** Where a clause with a finite verb of its own begins after the verb at t (perhaps after "Thursday that"), or -1. */
function clauseAfter(d: Doc, t: number): number {
  const s = d.sentences[d.sentenceOf[t]!]!;
  let from = t + 1;
  // "announced Thursday that …": the clause begins after "that".
  for (let k = t + 1; k < Math.min(s.last, t + 4) && WHEN.has(d.lower[k]!); k++) if (d.lower[k + 1] === 'that') from = k + 2;
  if (from === t + 1 && WHEN.has(d.lower[from]!)) return -1;
  if (d.lower[from] === 'to') return -1;
  for (let k = from + 1; k < Math.min(s.last, from + 9); k++) {
    const w = d.lower[k]!;
    // "'s" after a name is mostly a possessive ("on Crimea's template"); after a pronoun it is "is" or "has".
    const possessive = w === "'s" && !SUBJECT_PRONOUNS.has(d.lower[k - 1]!) && d.lower[k - 1] !== 'that' && d.lower[k - 1] !== 'there';
    if (FINITE.has(w) && d.lower[k - 1] !== 'to' && !possessive) return from;
    if (w === 'that' || w === 'which' || w === 'who' || w === ',' || w === ';' || w === ':' || w === '.' || d.quotedBy[k]! >= 0) return -1;
  }
  return -1;
}

/** `“…,” it added`, `“…,” Mr. Dunch said`: a quotation closes just before the verb, with at most its subject between. */
function followsQuotation(d: Doc, t: number): boolean {
  for (let k = t - 1; k >= Math.max(0, t - 4); k--) {
    if (d.quotedBy[k]! >= 0) return true;
    const w = d.lower[k]!;
    if (w === ',') return d.quotedBy[k - 1]! >= 0;
    if (!isWordToken(w) && w !== '.') return false;
  }
  return false;
}

function speakerFields(a: Actor | undefined): Pick<Quote, 'speaker' | 'speakerIds' | 'speakerStart' | 'speakerEnd'> {
  if (!a) return {};
  const q: Pick<Quote, 'speaker' | 'speakerIds' | 'speakerStart' | 'speakerEnd'> = { speaker: a.name, speakerStart: a.start, speakerEnd: a.end };
  if (a.ids.length) q.speakerIds = a.ids;
  return q;
}

export function findQuotes(d: Doc, actors = new Actors(d)): Quote[] {
  const quotes: Quote[] = [];
  const cues = findCues(d);
  // Speakers, in order: a verb after "and" takes the subject of the sentence's previous speech verb.
  const lastInSentence = new Map<number, Actor>();
  let last: Cue | undefined;
  for (const c of cues) {
    const si = d.sentenceOf[c.t]!;
    c.speaker = quotedAs(d, actors, c.t) ?? inverted(d, actors, c.t) ?? actors.subjectOf(c.t, () => lastInSentence.get(si) ?? actors.sentenceSubject(si));
    if (c.speaker && last?.speaker && continuesSpeaker(d, actors, c.speaker, last)) c.speaker = { ...last.speaker, start: c.speaker.start, end: c.speaker.end };
    if (c.speaker) {
      lastInSentence.set(si, c.speaker);
      last = c;
    }
  }
  segments(d, quotes);
  quotations(d, cues, quotes);
  indirect(d, actors, cues, quotes);
  tweets(d, actors, quotes);
  // A few quoted words inside reported speech are part of that one statement ("Putin said the
  // West had “crossed a red line”" is one quote, not two), so they do not count twice.
  // (Scare quotes inside a statement stay: they are a phrase the statement uses, not another statement.)
  const statements = quotes.filter((q) => q.kind === 'indirect' || q.kind === 'direct');
  const inside = (q: Quote) => q.kind === 'partial' && statements.some((o) => o !== q && o.start <= q.start && q.end <= o.end);
  const kept = quotes.filter((q) => !inside(q)).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const q of kept) q.confidence = quoteConfidence(q);
  return kept;
}

/**
 * An embedded tweet as extracted pages keep it: its words, then "— Name (@handle) Month D, YYYY"
 * (the embed's signature, often after "pic.twitter.com/…"). The words are the author's own, a
 * direct quote with the signature's name as speaker; the signature is nobody's words, so a quote
 * found across it (reported speech running on into the next tweet) is dropped.
 */
const TWEET_SIGNATURE = /(?:\s*pic\.twitter\.com\/\w+)?\s*[—–]\s*([^\n()—–]{2,80}?)\s*\(@(\w{1,15})\)\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}/g;

function tweets(d: Doc, actors: Actors, quotes: Quote[]): void {
  const found: Quote[] = [];
  const signatures: Array<[number, number]> = [];
  // The signature's "(@handle)" first: the pattern itself is slow to fail over a whole article.
  if (!d.text.includes('(@')) return;
  for (const m of d.text.matchAll(TWEET_SIGNATURE)) {
    const sigStart = m.index;
    const sigEnd = m.index + m[0].length;
    signatures.push([sigStart, sigEnd]);
    // The tweet's words: back to the start of its line, or to the signature of the tweet before.
    let start = d.text.lastIndexOf('\n', sigStart - 1) + 1;
    const before = signatures.at(-2);
    if (before && before[1] > start) start = before[1];
    while (start < sigStart && /\s/.test(d.text[start]!)) start++;
    const end = sigStart;
    if (!/[\p{L}\p{N}]/u.test(d.text.slice(start, end))) continue;
    const nameStart = sigStart + m[0].indexOf(m[1]!);
    const nameEnd = nameStart + m[1]!.length;
    // The entity named in the signature ("Vice President Mike Pence": Mike Pence), else the name as written.
    const mi = d.mentions.findIndex((x) => x.start >= nameStart && x.end <= nameEnd && (x.type === 'PER' || x.type === 'ORG'));
    const speaker = mi >= 0 ? actors.actorAt(mi) : { name: m[1]!.trim(), ids: [], start: nameStart, end: nameEnd };
    found.push({ start, end, kind: 'direct', cue: 'tweeted', ...speakerFields(speaker) });
  }
  if (!signatures.length) return;
  const crosses = (q: Quote) => signatures.some(([a, b]) => q.start < b && a < q.end) || found.some((f) => q.start < f.end && f.start < q.end);
  const kept = quotes.filter((q) => !crosses(q));
  quotes.splice(0, quotes.length, ...kept, ...found);
}

/**
 * How sure a quote is, 0–1, from what was found: who spoke (a named entity,
 * a phrase, nobody) and how the words were marked (quotation marks and a
 * speech verb, an interview's own section, reported speech, scare quotes).
 */
export function quoteConfidence(q: Pick<Quote, 'kind' | 'speakerIds' | 'speaker' | 'cue'>): number {
  const base = { segment: 0.9, direct: 0.8, partial: 0.6, indirect: 0.55, phrase: 0.2 }[q.kind];
  const who = q.speakerIds?.length ? 0.1 : q.speaker ? 0 : -0.2;
  const cue = q.cue ? 0.05 : 0;
  return +Math.max(0.05, Math.min(0.95, base + who + cue)).toFixed(2);
}

/**
 * "…, the official said. “…,” he added": a pronoun or a title ("the president") as a speech verb's
 * subject goes on with the speaker of the sentence before, when that speaker can be so called
 * (for a title: named with it), rather than with the last person named or the sentence's subject.
 */
function continuesSpeaker(d: Doc, actors: Actors, speaker: Actor, last: Cue): boolean {
  const words = d.text.slice(speaker.start, speaker.end).toLowerCase().split(/\s+/);
  const si = d.sentenceOf[firstTokenFrom(d, speaker.start)]!;
  const lastSentence = d.sentenceOf[last.t]!;
  // The sentence before in the narration (quoted sentences between are the last speaker's words).
  let between = false;
  for (let i = lastSentence + 1; i < si; i++) {
    const b = d.sentences[i]!;
    for (let k = b.first; k < b.last; k++) if (d.quotedBy[k]! < 0 && isWordToken(d.lower[k]!)) between = true;
  }
  if (between || lastSentence >= si || si - lastSentence > 8 || last.speaker!.name === speaker.name) return false;
  // Only a subject that opens its sentence (after any quoted words): "… when she said" refers within its sentence.
  const s = d.sentences[si]!;
  for (let k = s.first; k < firstTokenFrom(d, speaker.start); k++) if (d.quotedBy[k]! < 0 && isWordToken(d.lower[k]!) && !(k === s.first && ['but', 'and', 'so'].includes(d.lower[k]!))) return false;
  if (words.length === 1 && ['he', 'she', 'it'].includes(words[0]!)) {
    const key = last.speaker!.ids[0] ?? '';
    return words[0] === 'it' ? !key.startsWith('PER|') && last.speaker!.ids.length > 0 : key.startsWith('PER|') || !last.speaker!.ids.length;
  }
  const title = words.length === 2 && words[0] === 'the' ? words[1]! : '';
  return TITLES.has(title) && last.speaker!.ids.some((key) => key.startsWith('PER|') && actors.hasTitle(key, title, last.t + 1));
}

/** "Syrian state TV quoted an unnamed Syrian military official as saying that …": the one quoted. */
function quotedAs(d: Doc, actors: Actors, t: number): Actor | undefined {
  if (d.lower[t - 1] !== 'as' || !d.lower[t]!.endsWith('ing')) return undefined;
  for (let k = t - 2; k >= Math.max(0, t - 9); k--) if (d.lower[k] === 'quoted' || d.lower[k] === 'quoting') return actors.phraseAfter(k, t - 2 - k) ?? actors.firstAfter(k, t - 1 - k);
  return undefined;
}

/** `“…,” said X`, `…, said X`: the speaker is named after the verb when the verb follows a quotation or a comma. */
function inverted(d: Doc, actors: Actors, t: number): Actor | undefined {
  const prev = d.lower[t - 1] ?? '';
  // "…, saying the United States is ready": a participle's subject is the clause's, never after it.
  if (d.lower[t]!.endsWith('ing')) return undefined;
  // After a quotation, or after the comma that ends reported words ("…, said Brian Dunch").
  if (d.quotedBy[t - 1]! < 0 && prev !== ',') return undefined;
  const next = t + 1;
  // "said Sergei Lavrov", "said he", "said the minister", "said a Pentagon statement".
  const pronoun = d.lower[next] === 'he' || d.lower[next] === 'she';
  // "…, said he could not fault Bush": a pronoun followed by its verb opens the reported clause.
  if (pronoun && isWordToken(d.lower[next + 1] ?? '.')) return undefined;
  if (d.mentionAt[next]! >= 0 || pronoun || ARTICLES.has(d.lower[next] ?? '')) {
    // "said the people briefed on the discussions": a phrase for people, when it names no one.
    const named = pronoun ? actors.lastPerson(next) : actors.firstAfter(t, 5);
    return ARTICLES.has(d.lower[next] ?? '') ? (actors.phraseAfter(t, 4) ?? named) : named;
  }
  return undefined;
}

function segments(d: Doc, quotes: Quote[]): void {
  for (const s of d.sections) {
    if (s.kind !== 'speaker' || !s.name) continue;
    // The speaker's entity: a mention of the name in the speaker's label (or anywhere).
    const m = d.mentions.find((x) => x.type === 'PER' && d.text.slice(x.start, x.end) === s.name);
    const q: Quote = { start: s.start, end: s.end, kind: 'segment', speaker: m?.entityId ? splitKey(m.entityId).name : s.name };
    if (m) Object.assign(q, { speakerIds: [m.entityId ?? `PER|${s.name}`], speakerStart: m.start, speakerEnd: m.end });
    quotes.push(q);
  }
}

/** Quotation marks: direct and partial quotes, or phrases with no speaker. */
function quotations(d: Doc, cues: Cue[], quotes: Quote[]): void {
  let previous: { paragraphEnd: number; speaker: Actor; cue: string } | undefined;
  d.quotations.forEach(([a, b], qi) => {
    const words = countWords(d, a, b);
    if (!words) return;
    // The marks' first and last tokens (a mark may be two: ``, '').
    let open = a - 1;
    while (open > 0 && d.quotedBy[open - 1]! === qi) open--;
    let close = b < d.lower.length && d.quotedBy[b]! === qi ? b : b - 1;
    while (close + 1 < d.lower.length && d.quotedBy[close + 1]! === qi) close++;
    const sFirst = d.sentences[d.sentenceOf[Math.max(open, 0)]!]!;
    const sLast = d.sentences[d.sentenceOf[Math.min(close, d.lower.length - 1)]!]!;
    // The nearest speech verb with a speaker before the quotation in its sentence, else after it in the closing sentence.
    let cue: Cue | undefined;
    for (const c of cues) {
      if (c.t >= sFirst.first && c.t < open && c.speaker) cue = c;
      if (c.t > close && c.t < sLast.last && c.speaker && !cue) {
        cue = c;
        break;
      }
    }
    // `Rear Adm. Charlie Brown said:` closing a paragraph, and the quotation opening the next.
    if (!cue && d.lower[open - 1] === ':') cue = cues.find((c) => c.t === open - 2 && c.speaker);
    // `“…?” Gallagher's attorney Timothy Parlatore said`, `“….” DHS spokesman Marsha Catron told the
    // Post.`: the quotation closes its sentence, and the attribution opens the next one, in the same paragraph.
    cue ??= cues.find(
      (c) =>
        c.speaker && c.t > close && c.t <= close + 7 && d.sentences[d.sentenceOf[c.t]!]!.first === close + 1 && /[?!.]\s*$/.test(d.text.slice(d.tokens[a]!.start, d.tokens[close]!.start)) && !d.text.slice(d.tokens[close]!.end, d.tokens[c.t]!.start).includes('\n'),
    );
    if (cue && cue.t > close) cue.attributes = true;
    const start = d.tokens[a]!.start;
    const end = d.tokens[b - 1]!.end;
    const inner = d.text.slice(start, end);
    // A quotation that opens its sentence, or follows "X said:", is a direct quote; one that is part
    // of the sentence's own grammar ("warned of “devastating” consequences") is a partial quote.
    const before = d.lower[open - 1] ?? '';
    const opensSentence = open <= sFirst.first || ((before === ':' || before === ',') && /^\p{Lu}/u.test(inner));
    // "“Pro-regime forces” had launched …": quoted words with no closing punctuation that the
    // sentence goes on from are a name in its grammar, not a statement.
    const after = d.lower[close + 1] ?? '';
    const goesOn = !/[,.!?…:;]$/.test(inner) && isWordToken(after) && !cues.some((c) => c.t > close && c.t <= close + 4);
    // "on CNN's “State of the Union”": quoted words after a possessive are a name.
    const named = before === "'s" || before === '’s';
    const clause = (opensSentence && !goesOn) || words >= LONG_WORDS;
    let speaker = cue?.speaker;
    let cueWord = cue ? d.lower[cue.t] : undefined;
    // A paragraph that opens with a quotation and names no speaker goes on quoting the last one;
    // so does a quotation making its own sentence after that speaker's quote in the same paragraph.
    const paragraphStart = open <= 0 || d.text.slice(d.tokens[open - 1]!.end, d.tokens[open]!.start).includes('\n');
    const samePara = previous !== undefined && previous.paragraphEnd >= start && opensSentence && open <= sFirst.first;
    if (!speaker && clause && previous && ((paragraphStart && previous.paragraphEnd <= start) || samePara)) {
      speaker = previous.speaker;
      cueWord = previous.cue;
    }
    if (named) {
      quotes.push({ start, end, kind: 'phrase' });
      return;
    }
    const q: Quote = { start, end, kind: speaker ? (clause ? 'direct' : 'partial') : clause ? 'direct' : 'phrase', ...speakerFields(speaker) };
    if (speaker && cueWord) q.cue = cueWord;
    quotes.push(q);
    if (speaker && clause) previous = { paragraphEnd: paragraphEndAfter(d, end), speaker, cue: cueWord ?? '' };
  });
}

function countWords(d: Doc, a: number, b: number): number {
  let n = 0;
  for (let t = a; t < b; t++) if (isWordToken(d.lower[t]!)) n++;
  return n;
}

const paragraphEndAfter = (d: Doc, pos: number) => {
  const i = d.text.indexOf('\n', pos);
  return i < 0 ? d.text.length : i;
};

/** Reported speech: the clause after a reporting verb that has a speaker, and "according to X". */
function indirect(d: Doc, actors: Actors, cues: Cue[], quotes: Quote[]): void {
  let coveredTo = -1;
  let coveredBy = '';
  /** Speech verbs inside what another speaker reported ("the teen said a U.S. official asked him …"): part of that statement. */
  const reported = new Set<Cue>();
  for (const c of cues) {
    if (!c.speaker || !REPORTING.has(c.lemma) || (c.attributes && d.lower[c.t + 1] !== 'that') || reported.has(c)) continue;
    // `…, said X` and `…, the Pentagon said.`: the words before the comma; after a quotation they are the quotation's.
    const s = d.sentences[d.sentenceOf[c.t]!]!;
    const inverted = c.t > 0 && c.speaker.start > d.tokens[c.t - 1]!.start;
    const closing = c.speaker.end <= d.tokens[c.t]!.start && (c.t + 1 >= s.last || /^[.!?]$/.test(d.lower[c.t + 1]!));
    if (inverted || closing) {
      const words = clauseBefore(d, c);
      if (words) quotes.push({ start: d.tokens[words[0]]!.start, end: d.tokens[words[1] - 1]!.end, kind: 'indirect', cue: d.lower[c.t]!, ...speakerFields(c.speaker) });
      continue;
    }
    let k = c.t + 1;
    // "Says Sergei Lavrov: …": what is said starts after the speaker.
    while (k < s.last && d.tokens[k]!.start < c.speaker.end && c.speaker.start > d.tokens[c.t]!.start) k++;
    if (NEEDS_THAT.has(c.lemma) && d.lower[k] !== 'that' && d.lower[k] !== ':') {
      if ((c.clause ?? -1) < 0) continue;
      k = c.clause!;
    }
    while (k < s.last && (OPENERS.has(d.lower[k]!) || d.lower[k] === 'against') && d.lower[k] !== 'to') k++;
    // The clause ends where another speaker's words begin ("…, Borrell also promised …").
    let last = s.last;
    for (const o of cues) {
      if (o.t > k && o.t < last && o.speaker?.name === c.speaker.name && REPORTING.has(o.lemma) && coordinated(d, o.t) && reportsAfter(d, o.t)) {
        last = o.t - 1;
        break;
      }
      if (o.t > c.t && o.t < last && o.speaker && o.speaker.name !== c.speaker.name) {
        // The first token after k where the other speaker is named (tokens are in text order).
        const from = firstTokenFrom(d, o.speaker.start);
        // The other speaker opens the reported clause: their words are what this speaker reports.
        if (from >= k && from <= k + 4 && !d.lower.slice(k, from).includes(',')) {
          reported.add(o);
          continue;
        }
        let cut = from < 0 ? -1 : Math.max(from, k + 1);
        if (cut < 0 || cut >= d.tokens.length || cut > o.t) cut = o.t;
        if (cut > k) last = cut;
        break;
      }
    }
    while (last > k && !isWordToken(d.lower[last - 1]!) && d.quotedBy[last - 1]! < 0) last--;
    // Stop where the sentence turns to another speaker's words.
    const start = d.tokens[k]?.start ?? 0;
    if (countWords(d, k, last) < 3 || (c.t < coveredTo && coveredBy === c.speaker.name)) continue;
    // `X said: “…”` is a direct quote, already taken.
    const qi = d.quotedBy[k]!;
    if (qi >= 0 && d.quotedBy[last - 1] === qi) continue;
    const end = d.tokens[last - 1]!.end;
    quotes.push({ start, end, kind: 'indirect', cue: d.lower[c.t]!, ...speakerFields(c.speaker) });
    coveredTo = last;
    coveredBy = c.speaker.name;
  }
  accordingTo(d, actors, quotes);
}

/**
 * The reported words before a speech verb that closes its sentence: from the
 * sentence's start to the comma before the verb and its speaker ("Supply
 * chains will not fray overnight, said Brian Dunch", "…, the Pentagon
 * said."); none when they hold a quotation.
 */
function clauseBefore(d: Doc, c: Cue): [number, number] | undefined {
  const s = d.sentences[d.sentenceOf[c.t]!]!;
  // Back over the speaker when it stands before the verb ("the Pentagon said").
  const lo = Math.min(c.speaker!.start, d.tokens[c.t]!.start);
  let comma = c.t - 1;
  while (comma > s.first && d.lower[comma] !== ',' && (d.tokens[comma]!.start >= lo || ARTICLES.has(d.lower[comma]!))) comma--;
  if (d.lower[comma] !== ',' || d.tokens[comma]!.start > c.speaker!.start) return undefined;
  for (let k = s.first; k < comma; k++) if (d.quotedBy[k]! >= 0 || (d.lower[k] === ':' && k > s.first)) return undefined;
  return countWords(d, s.first, comma) >= 3 ? [s.first, comma] : undefined;
}

/** "According to X, …" and "…, according to X." */
function accordingTo(d: Doc, actors: Actors, quotes: Quote[]): void {
  for (let t = 0; t + 1 < d.lower.length; t++) {
    if (d.lower[t] !== 'according' || d.lower[t + 1] !== 'to' || d.quotedBy[t]! >= 0) continue;
    // A name, else the phrase that follows: a person, a body or a document ("a senior official", "a published report").
    const speaker = actors.firstAfter(t + 1, 3) ?? actors.phraseAfter(t + 1, 6, true);
    if (!speaker) continue;
    const s = d.sentences[d.sentenceOf[t]!]!;
    let a = s.first;
    let b = s.last;
    if (t === s.first) {
      // "According to X, …": the words after the first comma.
      while (a < s.last && d.lower[a] !== ',') a++;
      a++;
    } else b = t;
    while (b > a && !isWordToken(d.lower[b - 1]!)) b--;
    // `“…,” Ajjawi wrote, according to the Crimson`: the words are a quotation, already taken.
    if (countWords(d, a, b) < 3 || d.quotedBy[a]! >= 0) continue;
    quotes.push({ start: d.tokens[a]!.start, end: d.tokens[b - 1]!.end, kind: 'indirect', cue: 'according to', ...speakerFields(speaker) });
  }
}
