/**
 * An article's outlet and date where its record does not give them but the
 * text says so itself (never over a stated value; the caller marks what it
 * uses as inferred):
 *
 * - outlet: the publisher naming itself in an editor's note ("The Global
 *   Times interviewed experts …"), or a wire dateline opening the text
 *   ("LONDON (Reuters) —");
 * - date: a full date (day, month, year) in a photo caption ("… in
 *   Nur-Sultan, Kazakhstan, January 6, 2022."), which news captions give as
 *   the day the picture was taken: the story's day.
 */
import type { Section } from '../model.js';
import { normalizeDate } from './dates.js';

/** A name of one to four capitalised words ("Global Times", "New York Times"). */
const NAME = "((?:[A-Z][\\w&'’.-]*\\s){0,3}[A-Z][\\w&'’-]*)";
/** The publisher speaking of its own reporting in an editor's note. */
const SELF = new RegExp(`\\b[Tt]he ${NAME} (?:interviewed|spoke (?:to|with)|talked (?:to|with)|asked|invited|reached out to|has learned|learned|obtained)\\b`);
/** "LONDON (Reuters) -", "BEIJING, Jan. 5 (Xinhua) --" at the very start. */
const DATELINE = /^[A-Z][A-Z .'’-]{1,30}(?:,[^()\n]{1,20})?\s\(([A-Z][\w .&-]{1,30})\)\s*(?:-{1,2}|—|–)/;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?';
const FULL_DATE = new RegExp(`\\b(?:(?:${MONTHS}) \\d{1,2}, \\d{4}|\\d{1,2} (?:${MONTHS}) \\d{4})\\b`, 'g');

export interface Inferred {
  value: string;
  /** What it was read from, for `show` and the API. */
  from: string;
}

const within = (text: string, sections: Section[], kind: Section['kind']) => sections.filter((s) => s.kind === kind).map((s) => text.slice(s.start, s.end));

export function inferOutlet(text: string, sections: Section[]): Inferred | undefined {
  for (const note of within(text, sections, 'editors-note')) {
    const m = SELF.exec(note);
    if (m) return { value: m[1]!, from: "the editor's note" };
  }
  const d = DATELINE.exec(text);
  if (d) return { value: d[1]!.trim(), from: 'the dateline' };
  return undefined;
}

export function inferPublished(text: string, sections: Section[]): Inferred | undefined {
  for (const caption of within(text, sections, 'caption')) {
    for (const m of caption.matchAll(FULL_DATE)) {
      const day = normalizeDate(m[0].replace(/\.(?=\s)/, ''));
      if (day) return { value: day.slice(0, 10), from: 'a photo caption' };
    }
  }
  return undefined;
}
