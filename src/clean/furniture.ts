/**
 * Site furniture in supplied texts: what an outlet's pages repeat around
 * every article (video rails "JUST WATCHED … Replay More Videos … MUST
 * WATCH", photo galleries "Hide Caption 3 of 22 Photos:", newsletter boxes,
 * share prompts), learnt from its repetition across the outlet's articles,
 * not from a list of phrases. Two signs, each counted per outlet:
 *
 * - a paragraph written the same way (case aside) in at least
 *   REPEATED_IN articles with different titles, and, unless it is a short
 *   line, far more often than in other outlets' (which would make it shared
 *   wire copy): a newsletter box, a "follow us" line, a credit line;
 * - a marker: five words in a row that come back REPEATS times within one
 *   article (a rail or gallery repeats its template once per item) in at least REPEATED_IN
 *   of the outlet's articles and in a share of them at least SPECIFIC times
 *   the share of other outlets' articles that use it at all (so a phrase of
 *   ordinary news, "secretary of state mike pompeo", is no marker).
 *
 * A paragraph with either sign is furniture: src/clean/article.ts marks it
 * a `boilerplate` section, which annotation and the word statistics skip.
 * One outlet alone gives markers no contrast: then only repeated
 * paragraphs count.
 */
import { createHash } from 'node:crypto';
import { paragraphsOf } from '../structure/sections.js';

/** Articles of one outlet a sign must be seen in. */
const REPEATED_IN = 5;
/** …and this share of the outlet's articles. */
const OUTLET_SHARE = 0.02;
/** How much more often than elsewhere an outlet's pages must repeat a marker. */
const SPECIFIC = 10;
/** Other outlets' articles needed before a contrast means anything. */
const CONTRAST_ARTICLES = 50;
const N = 5;
/** A repeated line this short is furniture even where other outlets print it too. */
const SHORT_LINE = 120;
/** Times a marker must come back within one article for that article to count. */
const REPEATS = 3;

export interface OutletFurniture {
  /** Hashes of paragraphs repeated across the outlet's articles. */
  paragraphs: string[];
  /** Five-word markers, words folded and digits as "#", joined by spaces. */
  markers: string[];
}

/** Per outlet; stored in the workspace and used when articles are built. */
export type FurnitureModel = Record<string, OutletFurniture>;

// Digits count here: a paragraph differing only in a number is more likely prose than a box.
const paragraphHash = (p: string) => createHash('sha1').update(p.toLowerCase().replace(/\s+/g, ' ').trim()).digest('base64').slice(0, 16);
/**
 * Words folded to lower case, a run of digits as "#". Words are what lies
 * between spaces, digits and punctuation (a plain character class: the
 * Unicode letter class costs twice the time, and furniture is matched only
 * against itself).
 */
const WORDS = /[^\s\x21-\x40\x5b-\x60\x7b-\x7e\u2010-\u206f]+|\d+/g;
const wordsOf = (s: string) => (s.toLowerCase().match(WORDS) ?? []).map((w) => (w.charCodeAt(0) < 58 ? '#' : w));

const gramAt = (w: string[], i: number) => `${w[i]} ${w[i + 1]} ${w[i + 2]} ${w[i + 3]} ${w[i + 4]}`;

function gramsOf(text: string): string[] {
  const w = wordsOf(text);
  const out: string[] = [];
  for (let i = 0; i + N <= w.length; i++) out.push(gramAt(w, i));
  return out;
}

/**
 * Five-word runs that come back within the text at least REPEATS times. A
 * rail or gallery repeats its template once per item, many times a page;
 * prose repeats a phrase ("U.S. President Donald Trump") once or twice.
 */
function repeatedGrams(text: string): Set<string> {
  const w = wordsOf(text);
  // A run can come back REPEATS times only if each of its words does: count words first, and
  // build only those runs (prose repeats few words that often).
  const words = new Map<string, number>();
  for (const x of w) words.set(x, (words.get(x) ?? 0) + 1);
  const often = w.map((x) => words.get(x)! >= REPEATS);
  const seen = new Map<string, number>();
  const again = new Set<string>();
  for (let i = 0; i + N <= w.length; i++) {
    if (!(often[i] && often[i + 1] && often[i + 2] && often[i + 3] && often[i + 4])) continue;
    const g = gramAt(w, i);
    const n = (seen.get(g) ?? 0) + 1;
    seen.set(g, n);
    if (n >= REPEATS) again.add(g);
  }
  return again;
}

interface OutletCounts {
  articles: number;
  /** Per paragraph hash: the titles of the articles with it, and its length. */
  paragraphs: Map<string, { titles: Set<string>; chars: number }>;
  /** Articles repeating each five-word run REPEATS times. */
  grams: Map<string, number>;
}

type Source = () => Iterable<{ outlet?: string | undefined; title: string; text: string }>;

/**
 * Learns each outlet's furniture from its articles. Reads them twice: once
 * to count, once to see how often other outlets' articles use each candidate
 * marker at all (a phrase of ordinary news, "secretary of state mike
 * pompeo", is in other outlets' articles too; a rail's template is in none).
 */
export function learnFurniture(articles: Source): FurnitureModel {
  const by = new Map<string, OutletCounts>();
  /** Articles of any outlet with each paragraph. */
  const paragraphArticles = new Map<string, number>();
  let total = 0;
  for (const a of articles()) {
    if (!a.outlet) continue;
    total++;
    let c = by.get(a.outlet);
    if (!c) by.set(a.outlet, (c = { articles: 0, paragraphs: new Map(), grams: new Map() }));
    c.articles++;
    const title = a.title.toLowerCase();
    const seen = new Set<string>();
    for (const p of paragraphsOf(a.text)) {
      const h = paragraphHash(p.text);
      (c.paragraphs.get(h) ?? c.paragraphs.set(h, { titles: new Set(), chars: p.text.length }).get(h)!).titles.add(title);
      if (!seen.has(h)) paragraphArticles.set(h, (paragraphArticles.get(h) ?? 0) + 1);
      seen.add(h);
    }
    for (const g of repeatedGrams(a.text)) c.grams.set(g, (c.grams.get(g) ?? 0) + 1);
  }
  const need = (c: OutletCounts) => Math.max(REPEATED_IN, OUTLET_SHARE * c.articles);
  // Candidate markers, and in how many articles of each outlet they occur at all.
  const candidates = new Map<string, Map<string, number>>();
  for (const [outlet, c] of by) {
    if (total - c.articles < CONTRAST_ARTICLES) continue;
    for (const [g, n] of c.grams) if (n >= need(c)) candidates.set(g, candidates.get(g) ?? new Map()).get(g)!.set(outlet, 0);
  }
  if (candidates.size) {
    const firstWords = new Set([...candidates.keys()].map((g) => g.slice(0, g.indexOf(' '))));
    for (const a of articles()) {
      if (!a.outlet) continue;
      const w = wordsOf(a.text);
      const here = new Set<string>();
      for (let i = 0; i + N <= w.length; i++) if (firstWords.has(w[i]!)) here.add(gramAt(w, i));
      for (const g of here) {
        const per = candidates.get(g);
        if (per) per.set(a.outlet, (per.get(a.outlet) ?? 0) + 1);
      }
    }
  }
  const model: FurnitureModel = {};
  for (const [outlet, c] of by) {
    // A long paragraph other outlets print as well is shared copy (a wire story), not this site's
    // furniture; a short line many sites print ("The Associated Press contributed to this report.") is.
    const others = total - c.articles;
    const shared = (h: string, n: number) => others >= CONTRAST_ARTICLES && n / c.articles < (SPECIFIC * ((paragraphArticles.get(h) ?? 0) - n)) / others;
    const paragraphs = [...c.paragraphs].filter(([h, p]) => p.titles.size >= need(c) && (p.chars <= SHORT_LINE || !shared(h, p.titles.size))).map(([h]) => h);
    const markers: string[] = [];
    for (const [g, per] of candidates) {
      const n = c.grams.get(g) ?? 0;
      if (n < need(c)) continue;
      let elsewhere = 0;
      for (const [o, k] of per) if (o !== outlet) elsewhere += k;
      if (n / c.articles >= SPECIFIC * (elsewhere / (total - c.articles))) markers.push(g);
    }
    if (paragraphs.length || markers.length) model[outlet] = { paragraphs: paragraphs.sort(), markers: markers.sort() };
  }
  // A site's template is furniture wherever it turns up: its pages republished under another
  // outlet name, too few there to learn from ("Guest Writer", "CNN - Editorial").
  const everywhere = [...new Set(Object.values(model).flatMap((f) => f.markers))].sort();
  if (everywhere.length) model[ANY_OUTLET] = { paragraphs: [], markers: everywhere };
  return model;
}

/** The key of the markers that hold for every outlet. */
const ANY_OUTLET = '*';

/** What counts as furniture in an outlet's articles: its own, and every outlet's markers. */
export function furnitureOf(model: FurnitureModel | undefined, outlet: string | undefined): OutletFurniture | undefined {
  const own = outlet === undefined ? undefined : model?.[outlet];
  const any = model?.[ANY_OUTLET];
  if (!any) return own;
  return { paragraphs: own?.paragraphs ?? [], markers: [...new Set([...(own?.markers ?? []), ...any.markers])] };
}

/** The paragraphs of a text that are its outlet's furniture, as [start, end) offsets. */
export function furnitureSpans(text: string, f: OutletFurniture | undefined): Array<[number, number]> {
  if (!f || (!f.paragraphs.length && !f.markers.length)) return [];
  const paragraphs = new Set(f.paragraphs);
  const markers = new Set(f.markers);
  const out: Array<[number, number]> = [];
  for (const p of paragraphsOf(text)) {
    if (paragraphs.has(paragraphHash(p.text)) || gramsOf(p.text).some((g) => markers.has(g))) out.push([p.start, p.end]);
  }
  return out;
}
