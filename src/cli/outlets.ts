/** `newslens outlets [--set FILE]` and `newslens sample articles|quotes|events QUERY` */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sample, SAMPLE_KINDS, type SampleKind } from '../query/sample.js';
import { delimitedTable, TABLE_FORMATS, type TableFormat } from '../query/tabular.js';
import type { OutletAttribute } from '../store/store.js';
import { oneLine, positiveInt, printJson, table, UsageError, withDbOption, withStore, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

/** An outlets file: a header row (outlet, then attribute names), one outlet a row; comma or tab separated. */
function readOutletsFile(path: string): OutletAttribute[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const first = text.split('\n', 1)[0] ?? '';
  const delimiter = first.includes('\t') ? '\t' : first.includes(';') && !first.includes(',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (err) {
    throw new UsageError(`${path}: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header || header.length < 2) throw new UsageError(`${path}: the first line must name the columns: outlet, then one or more attributes (e.g. outlet,bias,country)`);
  const out: OutletAttribute[] = [];
  rows.forEach((r, i) => {
    const outlet = r[0]?.trim();
    if (!outlet) throw new UsageError(`${path} line ${i + 2}: no outlet in the first column`);
    header.slice(1).forEach((attribute, k) => {
      const value = r[k + 1]?.trim();
      if (attribute && value) out.push({ outlet, attribute: attribute.trim(), value });
    });
  });
  return out;
}

export function registerOutlets(program: Command): void {
  withDbOption(commandFor(program, 'outlets'))
    .option('--set <file>', 'replace every outlet attribute with this file\'s: a header "outlet,ATTRIBUTE,…", then one outlet a line')
    .addHelpText('after', '\nAttributes group and filter outlets: compare, trends and keyness take --by ATTRIBUTE; any query takes outlet.ATTRIBUTE:VALUE (e.g. outlet.bias:left).')
    .action((f: GlobalOptions & { set?: string }) => {
      if (f.set !== undefined) {
        const rows = readOutletsFile(f.set);
        const r = withStore(
          f,
          (s) => {
            const known = new Set(s.columns().outlets);
            const named = new Set(rows.map((x) => x.outlet));
            const missing = [...named].filter((o) => !known.has(o));
            return { stored: s.setOutletAttributes(rows), outlets: named.size, missing };
          },
          { write: true },
        );
        if (f.json) return printJson(r);
        process.stdout.write(`${r.stored} attributes of ${r.outlets} outlets stored\n`);
        if (r.missing.length) process.stderr.write(`newslens: ${r.missing.length} outlets in ${f.set} have no articles here (names must match exactly): ${r.missing.slice(0, 5).join(', ')}${r.missing.length > 5 ? ', …' : ''}\n`);
        return;
      }
      const list = withStore(f, (s) => {
        const cols = s.columns();
        const counts = new Map<string, number>();
        for (let id = 0; id <= cols.maxId; id++) if (cols.exists[id] && cols.outlet[id]! >= 0) counts.set(cols.outlets[cols.outlet[id]!]!, (counts.get(cols.outlets[cols.outlet[id]!]!) ?? 0) + 1);
        const attrs = new Map<string, Record<string, string>>();
        for (const a of s.outletAttributes()) (attrs.get(a.outlet) ?? attrs.set(a.outlet, {}).get(a.outlet)!)[a.attribute] = a.value;
        return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([outlet, articles]) => ({ outlet, articles, attributes: attrs.get(outlet) ?? {} }));
      });
      if (f.json) return printJson({ outlets: list });
      const names = [...new Set(list.flatMap((o) => Object.keys(o.attributes)))].sort();
      process.stdout.write(table([['OUTLET', 'ARTICLES', ...names.map((n) => n.toUpperCase())], ...list.map((o) => [oneLine(o.outlet, 40), String(o.articles), ...names.map((n) => o.attributes[n] ?? '-')])]) + '\n');
    });

  withDbOption(commandFor(program, 'sample'))
    .argument('<what>', SAMPLE_KINDS.join(', '))
    .argument('[query]', 'draw only from what this search query matches', '')
    .option('--n <n>', 'how many (default 50)')
    .option('--seed <s>', 'the draw\'s seed: the same seed gives the same sample (default 1)')
    .option('--format <format>', `${TABLE_FORMATS.join(' or ')}: a sheet for the coder (default: text; --json for JSON)`)
    .action((what: string, query: string, f: GlobalOptions & { n?: string; seed?: string; format?: string }) => {
      if (!SAMPLE_KINDS.includes(what as SampleKind)) throw new UsageError(`cannot sample "${what}"; choose ${SAMPLE_KINDS.join(', ')}`);
      if (f.format !== undefined && !TABLE_FORMATS.includes(f.format as TableFormat)) throw new UsageError(`--format ${f.format}: formats are ${TABLE_FORMATS.join(', ')}`);
      const r = withStore(f, (s) => sample(s, what as SampleKind, query, positiveInt('--n', f.n, 50), positiveInt('--seed', f.seed, 1)));
      if (f.format) return void process.stdout.write(delimitedTable(r.columns, r.rows, f.format as TableFormat));
      if (f.json) return printJson(r);
      process.stdout.write(`${r.rows.length} of ${r.population} ${what}${query ? ` matching ${query}` : ''}, seed ${r.seed}\n`);
      process.stdout.write(table([r.columns.filter((c) => c !== 'verdict').map((c) => c.toUpperCase()), ...r.rows.map((row) => r.columns.filter((c) => c !== 'verdict').map((c) => oneLine(String(row[c] ?? '-'), c === 'text' || c === 'sentence' || c === 'title' ? 70 : 24)))]) + '\n');
    });
}
