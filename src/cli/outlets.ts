/** `newslens outlets [--set FILE]` and `newslens sample articles|quotes|events QUERY` */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { listOutlets, OutletsTableError, parseOutletsTable, setOutlets } from '../query/outlets.js';
import { sample, SAMPLE_KINDS, type SampleKind } from '../query/sample.js';
import { delimitedTable, TABLE_FORMATS, type TableFormat } from '../query/tabular.js';
import type { OutletAttribute } from '../store/store.js';
import { SampleParams } from '../query/params.js';
import { oneLine, paramsFrom, printJson, table, UsageError, withDbOption, withStore, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

/** An outlets file, read and parsed (src/query/outlets.ts); its problems named as the CLI names them. */
function readOutletsFile(path: string): OutletAttribute[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return parseOutletsTable(text, path);
  } catch (err) {
    if (err instanceof OutletsTableError) throw new UsageError(err.message);
    throw err;
  }
}

export function registerOutlets(program: Command): void {
  withDbOption(commandFor(program, 'outlets'))
    .option('--set <file>', 'replace every outlet attribute with this file\'s: a header "outlet,ATTRIBUTE,…", then one outlet a line')
    .addHelpText('after', '\nAttributes group and filter outlets: compare, trends and keyness take --by ATTRIBUTE; any query takes outlet.ATTRIBUTE:VALUE (e.g. outlet.bias:left).')
    .action((f: GlobalOptions & { set?: string }) => {
      if (f.set !== undefined) {
        const rows = readOutletsFile(f.set);
        const r = withStore(f, (s) => setOutlets(s, rows), { write: true });
        if (f.json) return printJson(r);
        process.stdout.write(`${r.stored} attributes of ${r.outlets} outlets stored\n`);
        if (r.missing.length) process.stderr.write(`newslens: ${r.missing.length} outlets in ${f.set} have no articles here (names must match exactly): ${r.missing.slice(0, 5).join(', ')}${r.missing.length > 5 ? ', …' : ''}\n`);
        return;
      }
      const list = withStore(f, listOutlets);
      if (f.json) return printJson({ outlets: list });
      const names = [...new Set(list.flatMap((o) => Object.keys(o.attributes)))].sort();
      process.stdout.write(table([['OUTLET', 'ARTICLES', ...names.map((n) => n.toUpperCase())], ...list.map((o) => [oneLine(o.outlet, 40), String(o.articles), ...names.map((n) => o.attributes[n] ?? '-')])]) + '\n');
    });

  withDbOption(commandFor(program, 'sample'))
    .argument('<what>', SAMPLE_KINDS.join(', '))
    .argument('[query]', 'draw only from what this search query matches', '')
    .option('--n <n>', SampleParams.properties.n.description)
    .option('--seed <s>', SampleParams.properties.seed.description)
    .option('--format <format>', `${TABLE_FORMATS.join(' or ')}: a sheet for the coder (default: text; --json for JSON)`)
    .action((what: string, query: string, f: GlobalOptions & { n?: string; seed?: string; format?: string }) => {
      if (!SAMPLE_KINDS.includes(what as SampleKind)) throw new UsageError(`cannot sample "${what}"; choose ${SAMPLE_KINDS.join(', ')}`);
      if (f.format !== undefined && !TABLE_FORMATS.includes(f.format as TableFormat)) throw new UsageError(`--format ${f.format}: formats are ${TABLE_FORMATS.join(', ')}`);
      const p = paramsFrom(SampleParams, { n: f.n, seed: f.seed }, query);
      const r = withStore(f, (s) => sample(s, what as SampleKind, p.q, p.n, p.seed));
      if (f.format) return void process.stdout.write(delimitedTable(r.columns, r.rows, f.format as TableFormat));
      if (f.json) return printJson(r);
      process.stdout.write(`${r.rows.length} of ${r.population} ${what}${query ? ` matching ${query}` : ''}, seed ${r.seed}\n`);
      process.stdout.write(table([r.columns.filter((c) => c !== 'verdict').map((c) => c.toUpperCase()), ...r.rows.map((row) => r.columns.filter((c) => c !== 'verdict').map((c) => oneLine(String(row[c] ?? '-'), c === 'text' || c === 'sentence' || c === 'title' ? 70 : 24)))]) + '\n');
    });
}
