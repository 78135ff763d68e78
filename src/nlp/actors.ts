/**
 * Who does or says something in a sentence, without a parser: the subject
 * of a verb is found by walking back from it over auxiliaries and adverbs
 * to a named entity, a pronoun, a title ("the minister"), or a noun phrase
 * ("European media"). Pronouns and titles resolve to the last person (or,
 * for "it", the last organisation or place) named before; "both countries"
 * to the last two countries named. Shared by quotes (speakers) and events
 * (source and target actors). Rules rather than a dependency parser: no
 * maintained JavaScript parser reaches news English at the speed ingest
 * needs, and these few patterns cover how news attributes speech and acts.
 */
import type { Mention } from '../model.js';
import { capitalOf, countryNamed, demonymOf } from '../link/countries.js';
import { splitKey } from '../link/resolve.js';
import { firstTokenFrom, lemmaAt, spanText, type Doc } from './doc.js';

export interface Actor {
  /** The canonical name, or the noun phrase as written ("European media"). */
  name: string;
  /** Entity keys (`TYPE|Name`); empty for a noun phrase, two for "both countries". */
  ids: string[];
  /** Where the words naming it are in the text (a pronoun's own span). */
  start: number;
  end: number;
}

/** Words that may stand between a subject and its verb. */
const BETWEEN = new Set(
  "also has have had is was were are be been being will would could can may might shall should must did does do 's 've 'd 'll n't not never reportedly repeatedly once again later earlier then previously recently already publicly today yesterday further similarly however separately firmly strongly explicitly openly quickly just still even subsequently immediately allegedly apparently officially formally jointly".split(
    ' ',
  ),
);
const RELATIVE = new Set(['who', 'which', 'that']);
/** Verbs whose subject is also the subject of the infinitive after them ("wants to visit"). */
const CONTROL = new Set('want wants need needs hope hopes plan plans try tries seek seeks decide decides agree agrees refuse refuses fail fails continue continues begin begins start starts appear appears seem seems intend intends have has ought used going'.split(' '));
const COORD = new Set(['and', 'but', 'or']);
/** Words before a gerund that make its subject the main clause's ("when saying", "by predicting"). */
const GERUND_LEAD = new Set(['by', 'when', 'while', 'after', 'before', 'in', 'without']);
const DETERMINERS = new Set(['the', 'a', 'an', 'some', 'many', 'several', 'both', 'two', 'its', 'their', 'his', 'her', 'other', 'these', 'those', 'this', 'most', 'all', 'few', 'any', 'each', 'every', 'no', 'another']);
const STOP = new Set(
  "the a an of to in on at for by with from and or but as that this these those it its their his her they he she we i you there here which who whom whose what when where than then so such into about over after before under amid among against between within without through during since until via per like despite toward towards upon".split(' '),
);
/** Nouns that name a person by office: "the minister said" is the last person named with it. */
export const TITLES = new Set(
  'president minister premier chancellor spokesman spokeswoman spokesperson secretary ambassador envoy chief leader official diplomat governor mayor general commander senator lawmaker director chairman chairwoman head king queen prince emperor pope professor analyst expert adviser advisor prosecutor judge'.split(' '),
);
/** How titles are written before a name ("Sen. Rand Paul", "Rear Adm. Charlie Brown"). */
const TITLE_ABBREVIATIONS: Record<string, string[]> = { senator: ['sen.', 'senators', 'sens.'], general: ['gen.'], governor: ['gov.'], secretary: ['sec.'], president: ['pres.'], spokesman: ['spokesperson'], spokeswoman: ['spokesperson'], spokesperson: ['spokesman', 'spokeswoman'] };
/** Nouns that, after "the", stand for the organisation named last ("the agency said", "the paper reported"). */
const ORG_ANAPHORS = new Set('agency paper newspaper company firm ministry department committee organization organisation broadcaster daily channel website network university institute bank'.split(' '));
/** Nouns for a person, which after "the" stand for the person talked about ("the teen said"). */
const PERSON_NOUNS = new Set('teen teenager student man woman boy girl suspect victim witness lawyer attorney activist'.split(' '));
/** Pronouns that are subjects. */
const SUBJECT_WORDS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'who', 'which']);
/** A party's member, singular ("the Kentucky Republican"). */
const PARTY_MEMBERS = new Set(['republican', 'democrat', 'conservative', 'liberal', 'socialist', 'tory']);
/** Prepositions whose object does not govern a participle after it. */
const OBJECT_PREPOSITIONS = new Set(['with', 'to', 'at', 'from', 'against', 'before', 'for', 'of', 'on']);
/** Words that may open a sentence before its pronoun subject ("But he noted …"). */
const LEADING = new Set(['but', 'and', 'so', 'yet', 'then', 'still', 'also', 'however', 'meanwhile', 'later']);
/** Heads of phrases that stand for a state or an organisation ("the Kazakh government"). */
const ACTOR_NOUNS = new Set(
  'government authorities officials forces troops military police army ministry leadership leaders media diplomats servicemen side delegation lawmakers parliament administration navy officers regime state embassy security services warplanes jets aircraft helicopters drones warships bombers artillery'.split(' '),
);
/** Plural nouns for people who act: protesters, jihadists, militants, residents … */
const PEOPLE = /^(?:\w+(?:ers|ists|ants|(?<!m)ents|ians|ors)|people|rebels|troops|soldiers|police|civilians|youths|students|workers|protesters|insurgents|militias?|fighters|gunmen|forces|allies|partners|neighbou?rs|members|aides|groups?|coalition|alliance|organi[sz]ations?|agencies|governments|islamists|analysts|experts|critics|democrats|republicans|conservatives|liberals|sources|witnesses)$/;
const PLURAL_COUNTRIES = new Set(['countries', 'nations', 'states', 'sides', 'governments', 'capitals', 'powers']);
/** Words that open a sentence with a phrase before its subject ("On Thursday, he …"). */
/** Texts that say something, sources of what is reported ("according to a published report"). */
const SOURCE_NOUNS = new Set('report reports statement statements document documents records filing filings letter memo memos study survey poll polls analysis data estimates figures account accounts website site transcript complaint indictment lawsuit footage video'.split(' '));
/** Words that end a time phrase opening a sentence ("This past summer,"). */
const TIME_WORDS = new Set('week weekend month year summer winter spring fall autumn morning afternoon evening night day decade'.split(' '));
const INTRO = new Set('on in at after before during following earlier later meanwhile however also yesterday today now still but and so then since while when as although though despite amid according'.split(' '));

const isWord = (w: string) => /^[\p{L}][\p{L}'’-]*$/u.test(w);
/** A token holding a letter or digit (not punctuation or a quotation mark). */
export const isWordToken = (w: string) => /[\p{L}\p{N}]/u.test(w);
const isCapital = (d: Doc, t: number) => /^\p{Lu}/u.test(d.text[d.tokens[t]!.start] ?? '');

function mentionName(d: Doc, m: Mention): string {
  return m.entityId ? splitKey(m.entityId).name : d.text.slice(m.start, m.end);
}
const keyOf = (d: Doc, m: Mention) => m.entityId ?? `${m.type}|${d.text.slice(m.start, m.end)}`;

export function actorOfMention(d: Doc, i: number): Actor {
  const m = d.mentions[i]!;
  return { name: mentionName(d, m), ids: [keyOf(d, m)], start: m.start, end: m.end };
}

/** Does this token look like an inflected verb ("doubted", "says") rather than a noun? */
function looksVerb(d: Doc, k: number): boolean {
  const w = d.lower[k]!;
  return BETWEEN.has(w) || (lemmaAt(d, k) !== w && /(?:ed|s|ing)$/.test(w) && !/(?:ss|ics)$/.test(w));
}

export class Actors {
  constructor(private readonly d: Doc) {}

  actorAt(mention: number): Actor {
    return actorOfMention(this.d, mention);
  }

  /** The last mention before token `t` that passes `ok`. */
  private lastMention(t: number, ok: (m: Mention, i: number) => boolean): number {
    const d = this.d;
    for (let k = t - 1; k >= 0; k--) {
      // Names inside quoted words are not what the narration's pronouns refer to.
      if (d.quotedBy[k]! >= 0) continue;
      const i = d.mentionAt[k]!;
      if (i >= 0 && d.mentionTokens[i]![0] === k && ok(d.mentions[i]!, i)) return i;
    }
    return -1;
  }

  /**
   * They: the subject of one of the two sentences before when it is plural ("Gallagher's lawyers
   * say … They filed …"): several named actors, or a phrase headed by a word for a group of people
   * or states. Undefined when neither is.
   */
  lastPlural(t: number): Actor | undefined {
    const d = this.d;
    const si = d.sentenceOf[t]!;
    for (let j = si - 1; j >= Math.max(0, si - 2); j--) {
      if (d.lower[d.sentences[j]!.first] === 'they') continue;
      // The sentence's subject, or the first phrase it opens with that is headed by a word for people ("Gallagher's lawyers say").
      const s = d.sentences[j]!;
      let a = this.sentenceSubject(j);
      for (let k = s.first; !a && k < Math.min(s.last, s.first + 6); k++) {
        const w = d.lower[k]!;
        if (d.mentionAt[k]! < 0 && w.endsWith('s') && (PEOPLE.test(w) || ACTOR_NOUNS.has(w))) a = this.endingAt(k, s.first);
        else if (d.mentionAt[k]! < 0 && isWord(w) && !DETERMINERS.has(w) && !isCapital(d, k)) break;
      }
      if (!a) continue;
      const head = d.text.slice(a.start, a.end).toLowerCase().split(/\s+/).pop() ?? '';
      if (a.ids.length >= 2 || (head.endsWith('s') && (PEOPLE.test(head) || PLURAL_COUNTRIES.has(head) || ACTOR_NOUNS.has(head)))) return a;
    }
    return undefined;
  }

  /**
   * He, she: the last person named, but for a pronoun that is its sentence's subject: the person
   * who was the subject of the sentence before ("Nixon flew to Ottawa to meet Trudeau. He said …"
   * is Nixon: a subject goes on being talked about). A title ("the minister"): the last person
   * named with it, else the last person.
   */
  lastPerson(t: number, title?: string): Actor | undefined {
    const d = this.d;
    const person = (m: Mention) => m.type === 'PER';
    let i = -1;
    if (!title) i = this.previousSubject(t);
    if (title) {
      i = this.lastMention(t, (m) => person(m) && this.titled(m, title));
      // "the spokesperson said" after "a spokesperson for Harvard": the phrase that introduced them.
      if (i < 0) {
        const introduced = this.introducedAs(t, title);
        if (introduced) return introduced;
      }
    }
    if (i < 0) i = this.lastMention(t, person);
    return i >= 0 ? this.resolved(i, t) : undefined;
  }

  /**
   * Whether a person's mention carries the title: among the few words right before the name
   * ("U.S. Defense Secretary Ash Carter", "Sen. Rand Paul") or in the apposition right after it
   * (", the Syrian foreign minister,"). Not anywhere near it: "President Obama isn't easy to
   * follow up San Juan Hill" gives no title to "Juan Hill".
   */
  private titled(m: Mention, title: string): boolean {
    const d = this.d;
    const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);
    // Back from the name to a clause's edge, over abbreviations ("Sen.", "Rear Adm.", "U.S.").
    const before: string[] = [];
    for (const w of words(d.text.slice(Math.max(0, m.start - 50), m.start)).reverse()) {
      if (before.length === 4 || /[,;:!?"“”()]$/.test(w) || (w.endsWith('.') && !/^(?:[a-z]{1,3}|(?:[a-z]\.)+[a-z]?)\.$/.test(w))) break;
      before.push(w);
    }
    const after = /^,\s*((?:the|a|an)\s[^,.;:\n]{1,60})/i.exec(d.text.slice(m.end, m.end + 70))?.[1];
    const names = [title, ...(TITLE_ABBREVIATIONS[title] ?? [])];
    return [...before, ...(after ? words(after) : [])].some((w) => names.includes(w));
  }

  /** Whether any mention of the entity `key` before token `t` carries the title. */
  hasTitle(key: string, title: string, t: number): boolean {
    return this.lastMention(t, (m) => keyOf(this.d, m) === key && this.titled(m, title)) >= 0;
  }

  /** The phrase that brought someone in with this title ("a senior administration official"), as an actor placed at `t`; for an official of a named body, that body's entity. */
  private introducedAs(t: number, title: string): Actor | undefined {
    const d = this.d;
    for (let k = t - 1; k >= 1; k--) {
      if (d.lower[k] !== title || d.quotedBy[k]! >= 0) continue;
      let first = k;
      while (first > k - 4 && first > 0 && !['a', 'an'].includes(d.lower[first - 1]!) && isWord(d.lower[first - 1]!) && !STOP.has(d.lower[first - 1]!)) first--;
      if (!['a', 'an'].includes(d.lower[first - 1] ?? '')) continue;
      // "a spokesperson for Harvard": the body they speak for.
      let end = k;
      const body = ['for', 'of', 'at'].includes(d.lower[k + 1] ?? '') ? d.mentionAt[k + 2]! : -1;
      if (body >= 0 && d.mentions[body]!.type === 'ORG') end = d.mentionTokens[body]![1] - 1;
      return { name: spanText(d, first, end + 1), ids: body >= 0 && d.mentions[body]!.type === 'ORG' ? [keyOf(d, d.mentions[body]!)] : [], start: d.tokens[t]!.start, end: d.tokens[t]!.end };
    }
    return undefined;
  }

  /** For a pronoun that opens its sentence (after any quoted words), the person mention that is the subject of the sentence before; else -1. */
  private previousSubject(t: number): number {
    const d = this.d;
    const si = d.sentenceOf[t]!;
    const s = d.sentences[si]!;
    for (let k = s.first; k < t; k++) if (d.quotedBy[k]! < 0 && isWordToken(d.lower[k]!) && !(k === s.first && LEADING.has(d.lower[k]!))) return -1;
    // The sentence before in the narration: quoted sentences in between are the speaker's own words.
    let before = si - 1;
    const quotedOnly = (i: number) => {
      const b = d.sentences[i]!;
      for (let k = b.first; k < b.last; k++) if (d.quotedBy[k]! < 0 && isWordToken(d.lower[k]!)) return false;
      return true;
    };
    while (before > 0 && before > si - 8 && quotedOnly(before)) before--;
    if (before < 0 || d.sentences[before]!.last <= 0 || quotedOnly(before)) return -1;
    const subject = this.sentenceSubject(before);
    if (!subject) return -1;
    const k = firstTokenFrom(d, subject.start);
    const mi = k >= 0 && d.tokens[k]!.start === subject.start ? d.mentionAt[k]! : -1;
    return mi >= 0 && d.mentions[mi]!.type === 'PER' && d.mentionTokens[mi]![0] === k ? mi : -1;
  }

  /** A pronoun's actor keeps the entity but is placed where the pronoun is. */
  private resolved(i: number, t: number): Actor {
    const a = actorOfMention(this.d, i);
    return { ...a, start: this.d.tokens[t]!.start, end: this.d.tokens[t]!.end };
  }

  /** "both countries", "the two sides": the last two countries named. */
  private lastCountries(t: number): Actor | undefined {
    const d = this.d;
    const found: Actor[] = [];
    for (let k = t - 1; k >= 0 && found.length < 2; k--) {
      const i = d.mentionAt[k]!;
      if (i < 0 || d.mentionTokens[i]![0] !== k) continue;
      const m = d.mentions[i]!;
      if (m.type === 'PER' || m.type === 'ORG') continue;
      // "Russia-China partnership" names two countries in one mention, the later first.
      for (const part of d.text.slice(m.start, m.end).split(/[-–]/).reverse()) {
        const c = countryNamed(part);
        const key = `LOC|${c?.name}`;
        if (c && found.length < 2 && !found.some((f) => f.ids[0] === key)) found.push({ name: c.name, ids: [key], start: m.start, end: m.end });
      }
    }
    if (found.length < 2) return undefined;
    found.reverse();
    return { name: found.map((f) => f.name).join(' and '), ids: found.map((f) => f.ids[0]!), start: d.tokens[t]!.start, end: d.tokens[t]!.end };
  }

  /**
   * The actor whose words end at token `t` (inclusive): a mention, a pronoun,
   * a title, or a noun phrase read backwards.
   */
  private endingAt(t: number, lo: number): Actor | undefined {
    const d = this.d;
    const w = d.lower[t]!;
    const mi = d.mentionAt[t]!;
    // "the Kentucky Republican said": a party's member stands for the person talked about.
    if (mi >= 0 && PARTY_MEMBERS.has(w) && d.mentions[mi]!.type === 'MISC') {
      let p = d.mentionTokens[mi]![0] - 1;
      if (p >= lo && d.mentionAt[p]! >= 0) p = d.mentionTokens[d.mentionAt[p]!]![0] - 1;
      if (d.lower[p] === 'the') return this.lastPerson(p + 1);
    }
    if (mi >= 0) return actorOfMention(d, mi);
    if (w === 'he' || w === 'she') return this.lastPerson(t);
    if (w === 'they') return this.lastPlural(t);
    if (w === 'it') {
      const i = this.lastMention(t, (m) => m.type !== 'PER' && m.type !== 'MISC');
      return i >= 0 ? this.resolved(i, t) : undefined;
    }
    if (!isWord(w) || STOP.has(w)) return undefined;
    // A noun phrase: back over modifiers to a determiner or the clause start.
    let first = t;
    while (first - 1 >= lo && first > t - 4) {
      const p = d.lower[first - 1]!;
      if (!isWord(p) || STOP.has(p) || DETERMINERS.has(p) || BETWEEN.has(p) || (d.mentionAt[first - 1]! < 0 && looksVerb(d, first - 1))) break;
      first--;
    }
    // "Kazakhstan's allies": the possessor belongs to the phrase's name.
    if (first - 2 >= lo && (d.lower[first - 1] === "'s" || d.lower[first - 1] === '’s') && d.mentionAt[first - 2]! >= 0) {
      const owner = d.mentionTokens[d.mentionAt[first - 2]!]![0];
      return { name: spanText(d, owner, t + 1), ids: [], start: d.tokens[owner]!.start, end: d.tokens[t]!.end };
    }
    const det = first - 1 >= lo ? d.lower[first - 1]! : '';
    if (ORG_ANAPHORS.has(w) && det === 'the' && first === t) {
      const i = this.lastMention(first - 1, (m) => m.type === 'ORG');
      if (i >= 0) return { ...actorOfMention(d, i), start: d.tokens[first - 1]!.start, end: d.tokens[t]!.end };
    }
    // "the minister": the person named with that title; "an unnamed Syrian military official" brings in someone new.
    if ((TITLES.has(w) && det !== 'a' && det !== 'an' && (det === 'the' || first < t)) || (PERSON_NOUNS.has(w) && det === 'the')) {
      const p = this.lastPerson(first, w);
      if (p) return { ...p, start: d.tokens[first]!.start, end: d.tokens[t]!.end };
    }
    if (PLURAL_COUNTRIES.has(w) && (det === 'both' || (det === 'two' && d.lower[first - 2] === 'the'))) return this.lastCountries(first - 1);
    // A lone capitalised word opening the sentence may be a name the tagger missed, but not a word for people ("Voters said").
    if (isCapital(d, t) && first === t && d.mentionAt[t]! < 0 && t === d.sentences[d.sentenceOf[t]!]!.first && !PEOPLE.test(w) && !ACTOR_NOUNS.has(w)) return undefined;
    const name = spanText(d, first, t + 1);
    // "the Kazakh government", "Russian officials": the state named inside the phrase.
    const ids: string[] = [];
    if (ACTOR_NOUNS.has(w)) {
      for (let k = first; k < t; k++) {
        const mi = d.mentionAt[k]!;
        if (mi >= 0 && d.mentionTokens[mi]![0] === k) ids.push(keyOf(d, d.mentions[mi]!));
      }
    }
    return { name, ids, start: d.tokens[first]!.start, end: d.tokens[t]!.end };
  }

  /**
   * The subject of the verb at token `v`: back over auxiliaries and adverbs
   * (and a date such as "on Thursday"); through "who"/"which" to what they
   * refer to; a verb after "and" or a gerund after "by"/"when" takes the
   * clause's subject (`clause`).
   */
  subjectOf(v: number, clause: () => Actor | undefined): Actor | undefined {
    const d = this.d;
    const s = d.sentences[d.sentenceOf[v]!]!;
    let k = v - 1;
    const inDate = (t: number) => d.figures.some((f) => f.kind === 'date' && f.start <= d.tokens[t]!.start && d.tokens[t]!.end <= f.end);
    // "-ly" is an adverb ("quickly said"), not a noun after a determiner or a place or people used as one ("the influential US daily wrote").
    const adverb = (w: string) => {
      if (w.length <= 4 || !w.endsWith('ly') || d.mentionAt[k]! >= 0) return false;
      const before = d.mentionAt[k - 1]!;
      return !DETERMINERS.has(d.lower[k - 1] ?? '') && !(before >= 0 && d.mentions[before]!.type !== 'PER' && d.mentions[before]!.type !== 'ORG');
    };
    const skip = () => {
      while (k >= s.first && (BETWEEN.has(d.lower[k]!) || adverb(d.lower[k]!) || inDate(k) || (d.lower[k] === 'on' && k + 1 < v && inDate(k + 1)))) k--;
    };
    skip();
    // "Sherrod Brown (D-Ohio) write": back over a parenthesis to the name it follows.
    if (d.lower[k] === ')') {
      const open = d.lower.lastIndexOf('(', k);
      if (open >= s.first && k - open <= 8) {
        k = open - 1;
        skip();
      }
    }
    if (k < s.first) return clause();
    const w = d.lower[k]!;
    // "decided to deploy": the subject of "decided"; "prompted the government to seek": the
    // government; "demonstrated peacefully to protest": the clause's subject.
    if (w === 'to' && k - 1 >= s.first) {
      const p = d.lower[k - 1]!;
      if (d.mentionAt[k - 1]! < 0 && (CONTROL.has(p) || (p.endsWith('ed') && looksVerb(d, k - 1)))) return this.subjectOf(k - 1, clause);
      if (adverb(p) || !isWord(p)) return clause();
      return this.endingAt(k - 1, s.first);
    }
    if (w === 'i' || w === 'we') return undefined;
    // "Russia began launching airstrikes", "continued shelling": the subject of the verb before.
    if (d.lower[v]!.endsWith('ing') && d.mentionAt[k]! < 0 && CONTROL.has(lemmaAt(d, k)) && w !== lemmaAt(d, k)) return this.subjectOf(k, clause);
    // A gerund after a noun ("in the future providing"), or after a name that is a preposition's
    // object ("filed a complaint with the Navy Inspector General claiming"): the clause's subject.
    if (d.lower[v]!.endsWith('ing') && d.mentionAt[k]! < 0 && !['he', 'she', 'it', 'who', 'which'].includes(w)) return clause();
    if (d.lower[v]!.endsWith('ing') && d.mentionAt[k]! >= 0) {
      let p = d.mentionTokens[d.mentionAt[k]!]![0] - 1;
      if (d.lower[p] === 'the') p--;
      if (OBJECT_PREPOSITIONS.has(d.lower[p] ?? '')) return clause();
    }
    if (RELATIVE.has(w)) {
      let j = k - 1;
      if (j >= s.first && d.lower[j] === ',') j--;
      return j >= s.first ? this.endingAt(j, s.first) : undefined;
    }
    // "Crapo blocked a bill in the Senate and suggested …": the subject of the verb before "and".
    if (COORD.has(w) && !d.lower[v]!.endsWith('ing')) {
      for (let j = k - 1; j >= Math.max(s.first, k - 15); j--) {
        const p = d.lower[j]!;
        if (p === ',' || p === ';' || d.quotedBy[j]! >= 0) break;
        // A finite verb right after its subject, an auxiliary or a party tag ("countries have deprecated", "Crapo (R-Idaho) blocked").
        const q = d.lower[j - 1] ?? '';
        const finite = BETWEEN.has(q) || q === ')' || SUBJECT_WORDS.has(q) || (d.mentionAt[j - 1]! >= 0 && d.mentions[d.mentionAt[j - 1]!]!.type !== 'MISC');
        if (d.mentionAt[j]! < 0 && !BETWEEN.has(p) && looksVerb(d, j) && !p.endsWith('ing') && finite) return this.subjectOf(j, clause) ?? clause();
      }
    }
    if (COORD.has(w) || (GERUND_LEAD.has(w) && d.lower[v]!.endsWith('ing'))) return clause();
    const mi = d.mentionAt[k]!;
    // "Mark Krikorian of the Center for Immigration Studies told": the person, not the body.
    if (mi >= 0 && d.mentions[mi]!.type !== 'PER') {
      let p = d.mentionTokens[mi]![0] - 1;
      if (d.lower[p] === 'the') p--;
      const owner = ['of', 'at', 'from'].includes(d.lower[p] ?? '') && p - 1 >= s.first ? d.mentionAt[p - 1]! : -1;
      if (owner >= 0 && d.mentions[owner]!.type === 'PER') return actorOfMention(d, owner);
    }
    // "workers in West Kazakhstan demonstrated": the workers, not the place.
    if (mi >= 0 && d.mentions[mi]!.type === 'LOC') {
      const p = d.mentionTokens[mi]![0] - 1;
      if (p - 1 >= s.first && (d.lower[p] === 'in' || d.lower[p] === 'from') && d.mentionAt[p - 1]! < 0 && isWord(d.lower[p - 1]!) && !STOP.has(d.lower[p - 1]!)) {
        const w0 = p - 1;
        return this.endingAt(w0, s.first) ?? { name: spanText(d, w0, w0 + 1), ids: [], start: d.tokens[w0]!.start, end: d.tokens[w0]!.end };
      }
    }
    // "Troy Kirkpatrick, a BD spokesman, said": the name before an apposition.
    if (w === ',') return this.beforeApposition(k, s.first);
    // A name with its possessive ("Tokayev's request") is not a subject of a verb.
    if (w === "'s" || w === '’s') return undefined;
    return this.endingAt(k, s.first);
  }

  /**
   * Whether an actor can do something: a person, organisation, country or
   * capital (a government), a people ("Russian"), or a phrase headed by a
   * word for people or an institution ("the jihadists", "the Kazakh
   * government"). Not a city ("Benghazi attack" happened there), a law or
   * a thing ("a blast killed …", "the ability to strike").
   */
  canAct(a: Actor): boolean {
    const d = this.d;
    const head = d.text.slice(a.start, a.end).toLowerCase().split(/\s+/).pop() ?? '';
    const person = (w: string) => ACTOR_NOUNS.has(w) || TITLES.has(w) || PLURAL_COUNTRIES.has(w) || PEOPLE.test(w);
    // "Obama's comments came": a thing of the actor's, not the actor ("Trump's lawyer" is one).
    if (/[’']s\s+\S+$/.test(d.text.slice(a.start, a.end)) && !person(head)) return false;
    if (a.ids.length) {
      return a.ids.some((key) => {
        const { type, name } = splitKey(key);
        if (type === 'PER' || type === 'ORG') return true;
        // A people ("Russian"), or a group named as one ("Republicans", "Democrats").
        if (type === 'MISC') return demonymOf(name) !== undefined || PEOPLE.test(name.toLowerCase().split(/\s+/).pop() ?? '');
        return countryNamed(name) !== undefined || capitalOf(name) !== undefined || countryNamed(name.split(/[-–]/)[0]!) !== undefined;
      });
    }
    return person(head) || ['he', 'she', 'they', 'it'].includes(head);
  }

  /** The named actor before an apposition that ends with the comma at `k` (", a BD spokesman,"), or named last in it (", Trump's lawyer, John Dowd, resigned"). */
  private beforeApposition(k: number, first: number): Actor | undefined {
    const d = this.d;
    const last = d.mentionAt[k - 1]!;
    if (last >= 0 && d.mentions[last]!.type === 'PER') return actorOfMention(d, last);
    for (let j = k - 1; j > first && j >= k - 24; j--) {
      if (d.quotedBy[j]! >= 0) return undefined;
      if (d.lower[j] !== ',') continue;
      const opener = d.lower[j + 1]!;
      const mi = d.mentionAt[j - 1]!;
      // ", a BD spokesman,", ", Trump's lawyer,", ", citing officials familiar with the plan,".
      const participle = opener.endsWith('ing') && lemmaAt(d, j + 1) !== opener;
      if (mi < 0 || !(DETERMINERS.has(opener) || TITLES.has(opener) || participle || d.mentionAt[j + 1]! >= 0)) return undefined;
      return actorOfMention(d, mi);
    }
    return undefined;
  }

  /** The sentence's own subject: the first actor after any opening phrase ("On Thursday, …"). */
  sentenceSubject(si: number): Actor | undefined {
    const d = this.d;
    const s = d.sentences[si]!;
    let from = s.first;
    const first = d.lower[from] ?? '';
    // "This past summer, …", "Last week, …": a time that opens the sentence, with its comma.
    let dated = d.figures.some((f) => f.kind === 'date' && f.start === s.start);
    for (let k = from; k < Math.min(s.last, from + 5) && !dated && d.lower[k] !== ','; k++) dated = TIME_WORDS.has(d.lower[k]!) && d.lower[k + 1] === ',';
    if (d.mentionAt[from]! < 0 && (INTRO.has(first) || dated || (first.endsWith('ing') && lemmaAt(d, from) !== first))) {
      for (let k = from; k < Math.min(s.last, from + 30); k++) {
        if (d.lower[k] === ',' && d.quotedBy[k]! < 0) {
          from = k + 1;
          break;
        }
      }
    }
    for (let k = from; k < Math.min(s.last, from + 6); k++) {
      if (d.quotedBy[k]! >= 0) continue;
      const mi = d.mentionAt[k]!;
      if (mi >= 0) {
        const [, end] = d.mentionTokens[mi]!;
        // "The EU's foreign policy chief Josep Borrell": the possessor is not the subject.
        if (d.lower[end] === "'s" || d.lower[end] === '’s') {
          from = end + 1;
          k = end;
          continue;
        }
        // "European media", "Russian officials": the phrase is the actor, not the adjective.
        const more = end < s.last && isWord(d.lower[end]!) && !STOP.has(d.lower[end]!) && !looksVerb(d, end);
        if (d.mentions[mi]!.type === 'MISC' && more) {
          return { name: spanText(d, k, end + 1), ids: [], start: d.tokens[k]!.start, end: d.tokens[end]!.end };
        }
        // "a group of Centcom analysts", "members of the Duma": the people of the name lead the phrase.
        const of = d.lower[k - 1] === 'the' ? k - 2 : k - 1;
        const group = of - 1 >= from && d.lower[of] === 'of' && (PEOPLE.test(d.lower[of - 1]!) || ACTOR_NOUNS.has(d.lower[of - 1]!));
        if (group) {
          const last = more ? end : end - 1;
          return { name: spanText(d, from, last + 1), ids: [], start: d.tokens[from]!.start, end: d.tokens[last]!.end };
        }
        return actorOfMention(d, mi);
      }
      const w = d.lower[k]!;
      if (w === 'he' || w === 'she' || w === 'it' || w === 'they') return this.endingAt(k, from);
      // "foreign policy chief Josep Borrell": the title belongs to the name after it.
      if (TITLES.has(w) && d.mentionAt[k + 1]! >= 0) continue;
      if (PLURAL_COUNTRIES.has(w) || TITLES.has(w)) return this.endingAt(k, from);
      if (looksVerb(d, k)) break;
    }
    return undefined;
  }

  /**
   * The noun phrase that opens after token `t` ("by Western governments",
   * "by the jihadists"), read to its head, within `limit` tokens; undefined
   * when no word for an actor heads it (or, with `sources`, for a text that
   * says something: "according to a published report").
   */
  phraseAfter(t: number, limit: number, sources = false): Actor | undefined {
    const d = this.d;
    const s = d.sentences[d.sentenceOf[t]!]!;
    let k = t + 1;
    while (k < s.last && DETERMINERS.has(d.lower[k]!)) k++;
    const opens = k;
    let head = -1;
    for (; k < Math.min(s.last, t + 1 + limit); k++) {
      const w = d.lower[k]!;
      // A participle right after the determiner is an adjective ("a published report", "the armed forces").
      const adjective = k === opens && k > t + 1 && w.endsWith('ed') && isWord(d.lower[k + 1] ?? '') && !STOP.has(d.lower[k + 1]!);
      if (!isWord(w) || STOP.has(w) || (d.mentionAt[k]! < 0 && !adjective && looksVerb(d, k))) break;
      head = k;
    }
    if (head < 0) return undefined;
    const a = this.endingAt(head, t + 1);
    if (!a) return undefined;
    return this.canAct(a) || (sources && SOURCE_NOUNS.has(d.lower[head]!)) ? a : undefined;
  }

  /** The first named actor after token `t` within `limit` tokens of the same sentence, not crossing `stop` words. */
  firstAfter(t: number, limit: number, stop: ReadonlySet<string> = NO_STOP): Actor | undefined {
    const d = this.d;
    const s = d.sentences[d.sentenceOf[t]!]!;
    for (let k = t + 1; k < Math.min(s.last, t + 1 + limit); k++) {
      if (stop.has(d.lower[k]!)) return undefined;
      const mi = d.mentionAt[k]!;
      if (mi >= 0 && d.mentions[mi]!.type !== 'MISC') return actorOfMention(d, mi);
      const w = d.lower[k]!;
      if (w === 'it' || w === 'him' || w === 'her') {
        const i = w === 'it' ? this.lastMention(k, (m) => m.type !== 'PER' && m.type !== 'MISC') : this.lastMention(k, (m) => m.type === 'PER');
        return i >= 0 ? this.resolved(i, k) : undefined;
      }
    }
    return undefined;
  }
}
const NO_STOP: ReadonlySet<string> = new Set();
