/** `newslens search QUERY` */
import type { Command } from 'commander';
import { FACETS, search, SORTS, type FacetName, type SortOrder } from '../query/search.js';
import { highlight, oneLine, positiveInt, printJson, table, UsageError, withDbOption, withStore, type GlobalOptions } from './common.js';

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

interface SearchFlags extends GlobalOptions {
  limit?: string;
  offset?: string;
  sort?: string;
  facets?: string;
}

export function registerSearch(program: Command): void {
  withDbOption(program.command('search'))
    .description('ranked full-text search with snippets and facet counts')
    .argument('<query>', 'what to look for (see below)')
    .option('--limit <n>', 'hits per page (default 20)')
    .option('--offset <n>', 'skip this many hits (pagination)')
    .option('--sort <order>', `${SORTS.join(', ')} (default: relevance, or newest for a query without words)`)
    .option('--facets <list>', `comma-separated facets to count, or none (default: ${FACETS.join(',')})`)
    .addHelpText('after', QUERY_HELP)
    .action((query: string, flags: SearchFlags) => {
      if (flags.sort !== undefined && !SORTS.includes(flags.sort as SortOrder)) throw new UsageError(`--sort expects ${SORTS.join(', ')}; got "${flags.sort}"`);
      const facets = parseFacets(flags.facets);
      const res = withStore(flags, (store) =>
        search(store, query, {
          limit: positiveInt('--limit', flags.limit, 20),
          offset: positiveInt('--offset', flags.offset, 0),
          facets,
          ...(flags.sort ? { sort: flags.sort as SortOrder } : {}),
        }),
      );
      if (flags.json) return printJson(res);
      const out: string[] = [`${res.total.toLocaleString('en-US')} articles (${res.ms} ms)`];
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

function parseFacets(v: string | undefined): FacetName[] {
  if (v === undefined) return [...FACETS];
  if (v === 'none' || v === '') return [];
  const list = v.split(',').map((x) => x.trim());
  for (const f of list) if (!FACETS.includes(f as FacetName)) throw new UsageError(`unknown facet "${f}"; facets are ${FACETS.join(', ')}`);
  return list as FacetName[];
}
