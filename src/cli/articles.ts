/** `newslens articles` and `newslens show ID` */
import type { Command } from 'commander';
import type { Article } from '../model.js';
import { articleRecord } from '../query/export.js';
import { ArticlesParams } from '../query/params.js';
import { oneLine, openStore, paramsFrom, printJson, table, UsageError, withDbOption, withParams, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';
import { describeFigure } from './tag.js';
import { eventCells } from './knowledge.js';
import { annotatesLanguage } from '../nlp/annotate.js';

function renderArticle(a: Article): string {
  const out: string[] = [`#${a.id} ${a.title || '(untitled)'}`];
  const facts: Array<[string, string | undefined]> = [
    ['Published', a.published && (a.meta.publishedFrom ? `${a.published} (inferred from ${a.meta.publishedFrom})` : a.published)],
    ['Outlet', a.outlet && (a.meta.outletFrom ? `${a.outlet} (inferred from ${a.meta.outletFrom})` : a.outlet)],
    ['URL', a.url],
    ['Language', a.language],
    ['Categories', a.categories.join(', ') || undefined],
    ['Source', `${a.source}${a.locator ? ` (${a.locator})` : ''} [${a.format}]`],
    ['Hash', a.hash],
  ];
  for (const [k, v] of facts) if (v) out.push(`${k}: ${v}`);
  for (const au of a.authors) out.push(`Author: ${au.name}${au.title ? `, ${au.title}` : ''}${au.description ? ` — ${au.description}` : ''}`);
  for (const [k, v] of Object.entries(a.meta)) if (k !== 'outletFrom' && k !== 'publishedFrom') out.push(`${k}: ${v}`);
  for (const w of a.warnings) out.push(`Warning: ${w}`);
  if (!annotatesLanguage(a.language)) out.push(`Not annotated: in ${a.language}; the annotators (names, quotes, events, tone) read English`);
  out.push('', 'Sections:');
  out.push(
    table(
      a.sections.map((s) => [
        s.kind,
        `${s.start}-${s.end}`,
        s.name ? `${s.name} (${s.role ?? ''})` : oneLine(a.text.slice(s.start, s.end), 70),
      ]),
    ).replace(/^/gm, '  '),
  );
  if (a.mentions.length) {
    // Each distinct name once, with how often it occurs.
    const seen = new Map<string, number>();
    for (const m of a.mentions) {
      const k = `${m.type}\t${a.text.slice(m.start, m.end)}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    out.push('', `Entities (${a.mentions.length} mentions):`, table([...seen].map(([k, n]) => [...k.split('\t'), n > 1 ? `×${n}` : ''])).replace(/^/gm, '  '));
  }
  if (a.figures.length) out.push('', 'Figures:', table(a.figures.map((f) => [f.kind, oneLine(a.text.slice(f.start, f.end), 40), describeFigure(f)])).replace(/^/gm, '  '));
  if (a.quotes.length) {
    out.push('', 'Quotes:', table(a.quotes.map((q) => [q.kind, oneLine(q.speaker ?? '(no speaker)', 30), q.cue ?? '', oneLine(a.text.slice(q.start, q.end), 70)])).replace(/^/gm, '  '));
  }
  if (a.events.length) {
    out.push('', 'Events:', table(a.events.map((e) => eventCells(e, a.text))).replace(/^/gm, '  '));
  }
  if (a.tone) out.push('', `Tone: ${a.tone.tone} (positive ${a.tone.positive}, negative ${a.tone.negative}, per 100 words)`);
  if (a.frames.length) out.push(`Frames: ${a.frames.map((f) => `${f.frame} ×${f.count}`).join(', ')}`);
  out.push('', a.text);
  return out.join('\n') + '\n';
}

export function registerArticles(program: Command): void {
  withParams(withDbOption(commandFor(program, 'articles')), ArticlesParams)
    .action((flags: GlobalOptions) => {
      const { order, ...page } = paramsFrom(ArticlesParams, flags);
      const store = openStore(flags);
      try {
        const rows = store.listArticles({ ...page, order: order === 'date' ? 'published' : 'id' });
        if (flags.json) return printJson({ total: store.countArticles(), articles: rows });
        if (!rows.length) return void process.stdout.write('No articles. Add some with: newslens ingest PATH\n');
        process.stdout.write(
          table([['ID', 'PUBLISHED', 'OUTLET', 'LANG', 'TITLE'], ...rows.map((r) => [String(r.id), r.published?.slice(0, 10) ?? '-', oneLine(r.outlet ?? '-', 24), annotatesLanguage(r.language) ? (r.language ?? '-') : `${r.language} (not annotated)`, oneLine(r.title || '(untitled)', 80)])]) +
            `\n${rows.length} of ${store.countArticles()} articles\n`,
        );
      } finally {
        store.close();
      }
    });

  withDbOption(commandFor(program, 'show'))
    .argument('<id>', 'article id, external id, or a prefix of its hash (8+ hex digits)')
    .action((id: string, flags: GlobalOptions) => {
      const store = openStore(flags);
      try {
        const a = store.getArticle(id);
        if (!a) throw new UsageError(`no article "${id}" in ${store.path}`);
        if (flags.json) printJson({ ...articleRecord(a), warnings: a.warnings });
        else process.stdout.write(renderArticle(a));
      } finally {
        store.close();
      }
    });
}
