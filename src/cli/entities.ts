/** `newslens entities` and `newslens entity NAME [--rename | --merge | --split]` */
import type { Command } from 'commander';
import type { Entity } from '../model.js';
import { correctEntity, listEdits, profileOrFail } from '../query/entity-edits.js';
import { reviewEntities } from '../query/entity-review.js';
import { delimitedTable, TABLE_FORMATS, type TableFormat } from '../query/tabular.js';
import { eventCells } from './knowledge.js';
import { EntitiesParams, ParamError } from '../query/params.js';
import { oneLine, paramsFrom, positiveInt, printJson, table, UsageError, withDbOption, withParams, withStore, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

const describe = (e: Entity) =>
  [e.type, e.role === 'country' ? `country ${e.country}` : e.role && e.country ? `${e.role} of ${e.country}` : e.country, e.parent ? `part of ${e.parent}` : undefined].filter(Boolean).join(', ');

export function registerEntities(program: Command): void {
  withParams(withDbOption(commandFor(program, 'entities')), EntitiesParams)
    .option('--format <format>', 'csv or tsv: the entity table with its aliases, for a spreadsheet (every entity unless --limit)')
    .option('--review', 'likely duplicates and suspicious aliases, each with the command that would correct it')
    .option('--edits', 'the corrections made, numbered (for --undo)')
    .option('--undo <n>', 'take back correction number n (see --edits)')
    .addHelpText('after', '\nAn entity is named by "#id", "Name (TYPE)", or a name or alias (the entity owning most mentions written so).')
    .action((f: GlobalOptions & { type?: string; limit?: string; offset?: string; format?: string; review?: boolean; edits?: boolean; undo?: string }) => {
      if ([f.review, f.edits, f.undo !== undefined, f.format !== undefined].filter(Boolean).length > 1) throw new UsageError('give one of --review, --edits, --undo, --format at a time');
      if (f.undo !== undefined) return undo(f);
      if (f.edits) return edits(f);
      if (f.review) return review(f);
      const format = f.format === undefined ? undefined : tableFormat(f.format);
      const p = paramsFrom(EntitiesParams, { ...f, ...(f.type ? { type: f.type.toUpperCase() } : {}) });
      // A table for a spreadsheet holds every entity unless --limit says otherwise.
      const limit = format && f.limit === undefined ? Number.MAX_SAFE_INTEGER : p.limit;
      const list = withStore(f, (s) => s.listEntities({ ...p, limit }));
      if (format) return void process.stdout.write(delimitedTable(ENTITY_COLUMNS, list.map(entityRow), format));
      if (f.json) return printJson({ entities: list });
      if (!list.length) return void process.stdout.write('No entities. Ingest with annotation on (the default), or run newslens reprocess --all.\n');
      process.stdout.write(
        table([
          ['ID', 'ENTITY', 'TYPE', 'ARTICLES', 'MENTIONS', 'ALSO CALLED'],
          ...list.map((e) => [String(e.id), oneLine(e.name, 40), describe(e), String(e.articles), String(e.mentions), oneLine(e.aliases.filter((a) => a.name !== e.name).map((a) => a.name).join(', '), 50)]),
        ]) + '\n',
      );
    });

  withDbOption(commandFor(program, 'entity'))
    .argument('<name>', 'its "#id", "Name (TYPE)", or a name or alias')
    .option('--rename <new>', 'give the entity a new canonical name')
    .option('--merge <other>', 'fold another entity (#id, name or alias) into this one')
    .option('--split <alias>', 'make the mentions under this alias an entity of their own')
    .option('--retype <type>', 'set its type (PER, ORG, LOC, GPE, NORP, MISC)')
    .addHelpText('after', '\nCorrections are stored apart from the annotations and applied again after every ingest and reprocess.\nnewslens entities --edits lists them; --undo N takes one back.')
    .action((name: string, f: GlobalOptions & { rename?: string; merge?: string; split?: string; retype?: string }) => {
      const actions = (['rename', 'merge', 'split', 'retype'] as const).filter((a) => f[a] !== undefined);
      if (actions.length > 1) throw new UsageError('give one of --rename, --merge, --split, --retype at a time');
      withStore(f, (s) => {
        if (actions.length) {
          const action = actions[0]!;
          let r;
          try {
            r = correctEntity(s, name, action, f[action]!);
          } catch (err) {
            if (err instanceof ParamError) throw new UsageError(err.describe(() => `--${action}`));
            throw err;
          }
          if (f.json) return printJson(r);
          for (const m of r.notApplied) process.stderr.write(`newslens: edit not applied: ${m}\n`);
          const now = r.entity;
          process.stdout.write(`${action} recorded; ${now ? `${now.name} (#${now.id}, ${describe(now)}): ${now.articles} articles, ${now.mentions} mentions` : 'entity rebuilt'}\n`);
          return;
        }
        const p = profileOrFail(s, name);
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

const ENTITY_COLUMNS = ['id', 'name', 'type', 'country', 'role', 'parent', 'articles', 'mentions', 'aliases'] as const;

const entityRow = (e: Entity) => ({ ...e, aliases: e.aliases.map((a) => `${a.name} (${a.count})`).join('; ') });

function tableFormat(v: string): TableFormat {
  if (!(TABLE_FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format ${v}: formats are ${TABLE_FORMATS.join(', ')}`);
  return v as TableFormat;
}

function edits(f: GlobalOptions): void {
  const list = withStore(f, listEdits);
  if (f.json) return printJson({ edits: list });
  if (!list.length) return void process.stdout.write('No corrections made.\n');
  process.stdout.write(table([['N', 'ACTION', 'ENTITY', 'VALUE', 'MADE'], ...list.map((e) => [String(e.seq), e.action, e.entity, e.other ?? e.value, e.at.slice(0, 19)])]) + '\n');
}

function undo(f: GlobalOptions & { undo?: string }): void {
  const seq = positiveInt('--undo', f.undo, 0);
  const done = withStore(f, (s) => s.undoEntityEdit(seq), { write: true });
  if (!done) throw new UsageError(`no correction number ${seq} (newslens entities --edits lists them)`);
  if (f.json) return printJson({ undone: seq });
  process.stdout.write(`correction ${seq} taken back; entities rebuilt\n`);
}

function review(f: GlobalOptions & { limit?: string }): void {
  const items = withStore(f, (s) => reviewEntities(s, positiveInt('--limit', f.limit, 50)));
  if (f.json) return printJson({ review: items });
  if (!items.length) return void process.stdout.write('Nothing to review.\n');
  const out: string[] = [];
  for (const i of items) {
    const who = `${i.entity.name} (#${i.entity.id}, ${i.entity.type}, ${i.entity.mentions} mentions)`;
    out.push(`${i.kind.padEnd(11)} ${who}${i.alias ? ` alias "${i.alias}" ×${i.mentions}` : ''}`);
    out.push(`            ${i.why}${i.others.length ? `: ${i.others.map((o) => `${o.name} (#${o.id}, ${o.mentions})`).join(', ')}` : ''}`);
    out.push(`            ${i.fix}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
