/** `newslens entities` and `newslens entity NAME [--rename | --merge | --split]` */
import type { Command } from 'commander';
import type { Entity } from '../model.js';
import { entityProfile } from '../query/entities.js';
import { eventCells } from './knowledge.js';
import { oneLine, positiveInt, printJson, table, UsageError, withDbOption, withStore, type GlobalOptions } from './common.js';

const describe = (e: Entity) =>
  [e.type, e.role === 'country' ? `country ${e.country}` : e.role && e.country ? `${e.role} of ${e.country}` : e.country, e.parent ? `part of ${e.parent}` : undefined].filter(Boolean).join(', ');

export function registerEntities(program: Command): void {
  withDbOption(program.command('entities'))
    .description('the corpus entities: one per actor, with aliases and counts')
    .option('--type <type>', 'only this type (PER, ORG, LOC, GPE, NORP, MISC)')
    .option('--limit <n>', 'how many (default 50)')
    .option('--offset <n>', 'skip this many first')
    .action((f: GlobalOptions & { type?: string; limit?: string; offset?: string }) => {
      const list = withStore(f, (s) => s.listEntities({ ...(f.type ? { type: f.type.toUpperCase() } : {}), limit: positiveInt('--limit', f.limit, 50), offset: positiveInt('--offset', f.offset, 0) }));
      if (f.json) return printJson({ entities: list });
      if (!list.length) return void process.stdout.write('No entities. Ingest with annotation on (the default), or run newslens reprocess --all.\n');
      process.stdout.write(
        table([
          ['ID', 'ENTITY', 'TYPE', 'ARTICLES', 'MENTIONS', 'ALSO CALLED'],
          ...list.map((e) => [String(e.id), oneLine(e.name, 40), describe(e), String(e.articles), String(e.mentions), oneLine(e.aliases.filter((a) => a.name !== e.name).map((a) => a.name).join(', '), 50)]),
        ]) + '\n',
      );
    });

  withDbOption(program.command('entity'))
    .description("one entity: aliases, coverage over time and by outlet, entities beside it, latest articles; or correct it")
    .argument('<name>', 'its name or any alias')
    .option('--rename <new>', 'give the entity a new canonical name')
    .option('--merge <other>', 'fold another entity (name or alias) into this one')
    .option('--split <alias>', 'make the mentions under this alias an entity of their own')
    .addHelpText('after', '\nCorrections are stored apart from the annotations and applied again after every ingest and reprocess.')
    .action((name: string, f: GlobalOptions & { rename?: string; merge?: string; split?: string }) => {
      const actions = (['rename', 'merge', 'split'] as const).filter((a) => f[a] !== undefined);
      if (actions.length > 1) throw new UsageError('give one of --rename, --merge, --split at a time');
      withStore(f, (s) => {
        if (!s.entitiesNamed(name).length) throw new UsageError(`no entity named "${name}" in ${s.path} (newslens entities lists them)`);
        if (actions.length) {
          const action = actions[0]!;
          const value = f[action]!.trim();
          if (!value) throw new UsageError(`--${action} needs a name`);
          if (action === 'merge' && !s.entitiesNamed(value).length) throw new UsageError(`no entity named "${value}" to merge`);
          const missed = s.editEntity({ action, target: name, value });
          const now = s.entitiesNamed(action === 'rename' ? value : name)[0];
          if (f.json) return printJson({ edit: { action, target: name, value }, entity: now ?? null, notApplied: missed });
          for (const m of missed) process.stderr.write(`newslens: edit not applied: ${m}\n`);
          process.stdout.write(`${action} recorded; ${now ? `${now.name} (${describe(now)}): ${now.articles} articles, ${now.mentions} mentions` : 'entity rebuilt'}\n`);
          return;
        }
        const p = entityProfile(s, name)!;
        if (f.json) return printJson(p);
        const e = p.entity;
        const out = [
          `${e.name}  (${describe(e)})`,
          `${e.articles} articles, ${e.mentions} mentions`,
          `also called: ${e.aliases.map((a) => `${a.name} ×${a.count}`).join(', ')}`,
        ];
        if (p.alsoNamed.length) out.push(`"${name}" may also mean: ${p.alsoNamed.map((o) => `${o.name} (${o.type})`).join(', ')}`);
        if (p.byMonth.length) out.push('', 'By month:', table(p.byMonth.map((m) => [`  ${m.value}`, String(m.count)])));
        if (p.byOutlet.length) out.push('', 'By outlet:', table(p.byOutlet.map((m) => [`  ${oneLine(m.value, 40)}`, String(m.count)])));
        if (p.alongside.length) out.push('', 'Named beside it:', table(p.alongside.map((m) => [`  ${oneLine(m.value, 40)}`, m.type ?? '', String(m.count)])));
        if (p.toneByOutlet.length) out.push('', 'Tone of the sentences about it, by outlet (per 100 words):', table(p.toneByOutlet.map((t) => [`  ${oneLine(t.outlet, 40)}`, String(t.tone), `${t.articles} articles`])));
        const quotes = (title: string, rows: typeof p.quotesBy) => rows.length && out.push('', title, ...rows.map((q) => `  #${q.article}  ${q.kind}  ${oneLine(q.speaker ?? '-', 24)}: ${oneLine(q.text, 80)}`));
        quotes('Quotes by it:', p.quotesBy);
        quotes('Quotes about it:', p.quotesAbout);
        const events = (title: string, rows: typeof p.eventsAsSource) => rows.length && out.push('', title, table(rows.map((e) => [`  #${e.article}`, ...eventCells(e).map((c, i) => (i === 2 ? e.trigger : c))])));
        events('Events it did:', p.eventsAsSource);
        events('Events done to it:', p.eventsAsTarget);
        out.push('', 'Latest articles:', ...p.latest.map((h) => `  #${h.id}  ${h.published?.slice(0, 10) ?? 'undated'}  ${oneLine(h.title, 80)}`));
        process.stdout.write(out.join('\n') + '\n');
      }, { write: actions.length > 0 });
    });
}
