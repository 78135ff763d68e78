/**
 * Sections of an article's clean text: the body, photo captions, an editor's
 * note, interview speakers (a line naming a person and their role, then that
 * person's words), and what is not the article: bylines, a closing author
 * line, a contact e-mail, site boilerplate. Sections cover the text in order
 * and never overlap; consecutive paragraphs of one kind are one section.
 */
import type { Section, SectionKind } from '../model.js';

export interface Paragraph {
  start: number;
  end: number;
  text: string;
}

export interface Structure {
  sections: Section[];
  /** "The author is …" at the end, without its lead words. */
  authorNote?: string;
  contactEmail?: string;
}

export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n\n', start);
    if (end < 0) end = text.length;
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
    start = end + 2;
  }
  return out;
}

const CONTACT = /^(?:(?:e-?mail|contact)\s*:?\s*)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\.?$/i;
const AUTHOR_NOTE = /^(?:the|this) (?:author|writer|columnist)s? (?:is|are|was|were) (.+?)\.?$/i;
const BOILERPLATE: RegExp[] = [
  /^about (?:the )?authors?:?$/i,
  /^comments? (?:are|is) (?:closed|disabled)\.?$/i,
  /^(?:leave a (?:comment|reply)|\d+ comments?|no comments(?: yet)?\.?|post a comment|view comments?)$/i,
  /^(?:share|share this(?: article| story| post)?|share on \w+|tweet|print|e-?mail|whatsapp|facebook|twitter|linkedin|reddit|pinterest|telegram)(?:\s*[:|·•,/]\s*.*)?$/i,
  /^(?:related(?: articles| posts| stories| content)?|read more|read next|recommended(?: for you)?|more from .{1,40}|you may also like|most (?:read|popular)|trending now)\s*:?$/i,
  /^(?:all rights reserved|copyright\b|©).{0,120}$/i,
  /^(?:follow us|subscribe|sign up|join us|download our app)\b.{0,100}$/i,
  /^(?:advertisement|sponsored(?: content)?|ad)$/i,
  /^tags?\s*:.{0,200}$/i,
];
// A photo credit closes a caption: "(Photo: Xinhua)", "Photograph: A. Name/Agency",
// "[Name/Al Jazeera]", "(Name/Reuters)".
const CAPTION = /(?:\((?:photo|photograph|image|picture|file photo|video|pic)\b\s*(?:[:/]|by\b|courtesy\b)[^)]*\)|\bphoto(?:graph|grapher)?:\s*[^.]{2,80}|[([][^()[\]]{2,60}\/[^()[\]]{2,60}[)\]])\s*$/i;
const EDITORS_NOTE = /^editor[’']?s[’']?\s+note\s*[:.-]?\s*(.*)$/i;
const BYLINE = /^by\s+\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,6}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,4})*$/iu;
// "Dmitry Orlov, Managing Director of …": two to five capitalised name words, a comma, a role.
const NAME_PART = String.raw`\p{Lu}[\p{L}’'.-]*`;
const SPEAKER = new RegExp(String.raw`^(${NAME_PART}(?:\s+(?:${NAME_PART}|de|van|von|bin|al|el|da|di|du|la|le|ibn)){1,4}),\s+(.+)$`, 'u');
// Words that open subheads and sentences ("On Friday, …", "In Hawaii, …"), never a name.
const NOT_A_NAME = /^(?:on|in|at|with|beyond|for|from|the|a|an|as|after|before|by|when|while|if|but|and|or|so|yet|to|of|under|over|during|since|until|why|how|what|who|where|this|that|these|those|here|there|now|then|meanwhile|however|president|prime|minister|secretary)$/i;
const FUNCTION_WORD = /^(?:and|&|or|,)$/i;

/**
 * A line that introduces an interviewee: a name and a role that reads like
 * one (it has lower-case words other than "and", e.g. "professor at the …"),
 * with no closing punctuation. Subheads ("Free Speech In Hong Kong, Then And
 * Now") and bylines ("A, B and C") are not speakers.
 */
function speakerOf(p: string): { name: string; role: string } | undefined {
  if (p.length > 250 || /[.!?:;,]["”’]?$/.test(p) || p.includes('\n') || p === p.toUpperCase()) return undefined;
  const m = SPEAKER.exec(p);
  if (!m) return undefined;
  const name = m[1]!;
  const role = m[2]!.trim();
  if (NOT_A_NAME.test(name.split(/\s+/)[0]!) || /^by\s/i.test(p)) return undefined;
  const words = role.split(/\s+/);
  if (words.length < 2 || FUNCTION_WORD.test(words[0]!) || FUNCTION_WORD.test(words[words.length - 1]!)) return undefined;
  if (!words.some((w) => /^\p{Ll}/u.test(w) && !FUNCTION_WORD.test(w))) return undefined;
  if (/[|%$()[\]]|\d:\d|\.\s/.test(p) || words.length > 16) return undefined;
  return { name, role };
}

const isBoilerplate = (p: string) => p.length <= 200 && BOILERPLATE.some((re) => re.test(p));

/**
 * `furniture`: the starts of paragraphs known to be the outlet's site
 * furniture (src/clean/furniture.ts), made boilerplate whatever they say.
 */
export function structureText(text: string, furniture: ReadonlySet<number> = new Set()): Structure {
  const paras = paragraphsOf(text);
  const kinds: Array<{ kind: SectionKind; name?: string; role?: string }> = paras.map(() => ({ kind: 'body' }));
  const result: Structure = { sections: [] };

  // What closes the article and is not part of it, read from the end.
  let endBody = paras.length;
  while (endBody > 0) {
    const p = paras[endBody - 1]!.text;
    const contact = CONTACT.exec(p);
    const note = AUTHOR_NOTE.exec(p);
    if (contact && !result.contactEmail) {
      result.contactEmail = contact[1]!.toLowerCase();
      kinds[endBody - 1] = { kind: 'contact' };
    } else if (note && !result.authorNote && p.length < 400) {
      result.authorNote = note[1]!;
      kinds[endBody - 1] = { kind: 'author-note' };
    } else if (isBoilerplate(p)) {
      kinds[endBody - 1] = { kind: 'boilerplate' };
    } else break;
    endBody--;
  }

  let begin = 0;
  if (paras[0] && paras[0].text.length < 120 && BYLINE.test(paras[0].text)) {
    kinds[0] = { kind: 'byline' };
    begin = 1;
  }

  // Interview layout: two or more speaker lines, each followed by that person's words.
  const labels = new Map<number, { name: string; role: string }>();
  for (let i = begin; i + 1 < endBody; i++) {
    const who = speakerOf(paras[i]!.text);
    if (who && !speakerOf(paras[i + 1]!.text)) labels.set(i, who);
  }
  if (labels.size < 2) labels.clear();

  let speaker: { name: string; role: string } | undefined;
  for (let i = begin; i < endBody; i++) {
    const p = paras[i]!.text;
    if (furniture.has(paras[i]!.start)) {
      kinds[i] = { kind: 'boilerplate' };
      continue;
    }
    if (CAPTION.test(p)) {
      kinds[i] = { kind: 'caption' };
      continue;
    }
    const note = EDITORS_NOTE.exec(p);
    if (note) {
      kinds[i] = { kind: 'editors-note' };
      // A bare "Editor's Note:" heading owns the paragraph after it.
      if (!note[1] && i + 1 < endBody) kinds[++i] = { kind: 'editors-note' };
      continue;
    }
    const who = labels.get(i);
    if (who) {
      speaker = who;
      kinds[i] = { kind: 'speaker-label', ...who };
      continue;
    }
    if (speaker) kinds[i] = { kind: 'speaker', ...speaker };
  }

  // Consecutive paragraphs of one kind (and one speaker) make one section.
  for (let i = 0; i < paras.length; i++) {
    const k = kinds[i]!;
    const prev = result.sections[result.sections.length - 1];
    if (prev && prev.kind === k.kind && prev.name === k.name && k.kind !== 'speaker-label' && kinds[i - 1]?.kind === k.kind) {
      prev.end = paras[i]!.end;
      continue;
    }
    const s: Section = { kind: k.kind, start: paras[i]!.start, end: paras[i]!.end };
    if (k.name) s.name = k.name;
    if (k.role) s.role = k.role;
    result.sections.push(s);
  }
  return result;
}
