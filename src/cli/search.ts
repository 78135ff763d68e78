/** `newslens search QUERY` */
import type { Command } from 'commander';
import { SearchParams } from '../query/params.js';
import { search } from '../query/search.js';
import { highlight, num, oneLine, paramsFrom, printJson, table, withDbOption, withParams, withStore, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

export const QUERY_HELP = `
Query language:
  word  "exact phrase"  prefix*        terms (all must match)
  a OR b   a AND b   NOT a   -a   ( )   boolean logic
  title: text: outlet: author: category: lang:   limit a term to one field
  entity:"CSTO"                        articles mentioning an entity
  event:protest  event:173             articles reporting an event of a CAMEO root or code
  frame:security                       articles counted for a frame (newslens frames --set)
  after:2022-01-01 before:2022-02      date range (after inclusive, before exclusive)
An empty query ("") matches every article.`;

export function registerSearch(program: Command): void {
  withParams(withDbOption(commandFor(program, 'search')), SearchParams)
    .argument('<query>', 'what to look for (see below)')
    .addHelpText('after', QUERY_HELP)
    .action((query: string, flags: GlobalOptions) => {
      const { q, ...opts } = paramsFrom(SearchParams, flags, query);
      const res = withStore(flags, (store) => search(store, q, opts));
      if (flags.json) return printJson(res);
      const out: string[] = [`${num(res.total)} articles (${res.ms} ms)`];
      res.hits.forEach((h, i) => {
        out.push('', `${res.offset + i + 1}. #${h.id}  ${h.published?.slice(0, 10) ?? 'undated'}  ${h.outlet ?? ''}`.trimEnd(), `   ${oneLine(h.title || '(untitled)', 100)}`);
        if (h.snippet) out.push(`   ${highlight(h.snippet, h.highlights)}`);
      });
      for (const [name, values] of Object.entries(res.facets)) {
        if (!values.length) continue;
        out.push('', `${name}:`, table(values.map((v) => [`  ${oneLine(v.value, 50)}${v.type ? ` (${v.type})` : ''}${v.label ? ` ${v.label}` : ''}`, String(v.count)])));
      }
      process.stdout.write(out.join('\n') + '\n');
    });
}

