/**
 * The clean and structure stages for one article: raw reader output in, a
 * clean, structured Article out. A plain function of its input, so ingest and
 * reprocess produce the same result from the same raw record.
 */
import { createHash } from 'node:crypto';
import { furnitureOf, furnitureSpans, type FurnitureModel, type OutletFurniture } from './furniture.js';
import type { Article, Author, RawArticle, RawBlock, Section } from '../model.js';
import { structureText, type Structure } from '../structure/sections.js';
import { normalizeDate } from './dates.js';
import { inferOutlet, inferPublished } from './infer.js';
import { detectLanguage, normalizeLanguage } from './language.js';
import { repairMojibake } from './mojibake.js';
import { normalizeLine, normalizeText } from './normalize.js';

/** Values scrapers put where they found nothing. */
const PLACEHOLDER = /^(?:(?:author )?details not found|not (?:found|available)|n\/?a|none|null|undefined|unknown|-+|\?+)$/i;

/** A cleaned one-line value, or undefined when empty or a placeholder. */
export function cleanValue(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const v = normalizeLine(repairMojibake(s));
  return v && !PLACEHOLDER.test(v) ? v : undefined;
}

function cleanAuthors(authors: Author[] | undefined): Author[] {
  const out: Author[] = [];
  for (const a of authors ?? []) {
    const name = cleanValue(a.name);
    if (!name) continue;
    const c: Author = { name };
    const title = cleanValue(a.title);
    const description = cleanValue(a.description);
    if (title) c.title = title;
    if (description) c.description = description;
    out.push(c);
  }
  return out;
}

export function contentHash(a: Pick<Article, 'outlet' | 'url' | 'title' | 'text'>): string {
  return createHash('sha256')
    .update(`${a.outlet ?? ''}\u0000${a.url ?? ''}\u0000${a.title}\u0000${a.text}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * `furniture`: what each outlet's pages repeat around its articles, learnt
 * from the workspace (src/clean/furniture.ts); its paragraphs become
 * boilerplate in supplied texts. (Pages we extract ourselves come as typed
 * blocks, their furniture already left out by the extractor.)
 */
export function buildArticle(raw: RawArticle, furniture?: FurnitureModel): Article {
  const warnings = [...(raw.warnings ?? [])];
  const meta: Record<string, string> = {};
  const { text, structure } = raw.blocks ? fromBlocks(raw.blocks) : fromText(raw.text, furnitureOf(furniture, cleanValue(raw.outlet)));
  const authors = cleanAuthors(raw.authors);

  if (structure.authorNote) {
    meta.authorNote = structure.authorNote;
    const first = authors[0];
    if (first && !first.description) first.description = structure.authorNote;
  }
  let outlet = cleanValue(raw.outlet);
  if (structure.contactEmail) meta.contactEmail = structure.contactEmail;
  if (!outlet) {
    // What the text says of itself: its editor's note or dateline; else the contact address's domain.
    const said = inferOutlet(text, structure.sections);
    if (said) [outlet, meta.outletFrom] = [said.value, said.from];
    else if (structure.contactEmail) [outlet, meta.outletFrom] = [structure.contactEmail.split('@')[1]!, 'contact e-mail'];
  }

  let published: string | undefined;
  const rawDate = cleanValue(raw.published);
  if (rawDate) {
    published = normalizeDate(rawDate);
    if (!published) {
      warnings.push(`unrecognised date "${rawDate}"`);
      meta.publishedRaw = rawDate;
    }
  }

  if (!published && !rawDate) {
    const said = inferPublished(text, structure.sections);
    if (said) [published, meta.publishedFrom] = [said.value, said.from];
  }

  const modified = cleanValue(raw.modified);
  if (modified) meta.modified = normalizeDate(modified) ?? modified;

  const language = (raw.language && normalizeLanguage(raw.language)) || detectLanguage(text);
  const categories = [...new Set((raw.categories ?? []).map(cleanValue).filter((c): c is string => !!c))];
  const title = cleanValue(raw.title) ?? '';
  const url = raw.url?.trim() || undefined;

  const article: Article = {
    hash: contentHash({ outlet, url, title, text }),
    source: raw.ref.source,
    format: raw.ref.format,
    title,
    authors,
    categories,
    text,
    sections: structure.sections,
    mentions: [],
    figures: [],
    quotes: [],
    events: [],
    entityTones: [],
    frames: [],
    meta,
    warnings,
  };
  if (furniture) article.furnitureSeen = true;
  if (raw.ref.locator) article.locator = raw.ref.locator;
  if (raw.externalId) article.externalId = raw.externalId;
  if (outlet) article.outlet = outlet;
  if (url) article.url = url;
  if (published) article.published = published;
  if (language) article.language = language;
  return article;
}

function fromText(raw: string, furniture: OutletFurniture | undefined): { text: string; structure: Structure } {
  const text = normalizeText(repairMojibake(raw));
  return { text, structure: structureText(text, new Set(furnitureSpans(text, furniture).map(([start]) => start))) };
}

/**
 * Text and sections from typed blocks: each block is cleaned on its own and
 * becomes a paragraph; consecutive blocks of one kind make one section.
 */
function fromBlocks(blocks: RawBlock[]): { text: string; structure: Structure } {
  const parts: string[] = [];
  const sections: Section[] = [];
  let at = 0;
  for (const b of blocks) {
    const t = normalizeText(repairMojibake(b.text)).replace(/\n{2,}/g, '\n');
    if (!t) continue;
    if (parts.length) at += 2;
    const last = sections[sections.length - 1];
    if (last && last.kind === b.kind) last.end = at + t.length;
    else sections.push({ kind: b.kind, start: at, end: at + t.length });
    parts.push(t);
    at += t.length;
  }
  return { text: parts.join('\n\n'), structure: { sections } };
}
