/** `newslens ingest PATH…` */
import type { Command } from 'commander';
import { FORMATS, type Format } from '../model.js';
import { describeProblem, ingest, type IngestSummary } from '../pipeline.js';
import { parseFieldMap } from '../sources/fields.js';
import { expandPaths } from '../sources/input.js';
import { boundHeapGrowth, defaultWorkers, num, openStore, positiveInt, printJson, UsageError, withDbOption, workspacePath, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';
import { startProgress } from './progress.js';
import { stopOnSignal } from './signals.js';

interface IngestFlags extends GlobalOptions {
  annotate: boolean;
  workers?: string;
  format?: string;
  map: string[];
  quiet?: boolean;
}

async function totalSize(paths: string[]): Promise<number | undefined> {
  let total = 0;
  for await (const f of expandPaths(paths)) {
    if ('error' in f) continue;
    if (f.size === undefined) return undefined;
    total += f.size;
  }
  return total;
}

export function printSummary(s: IngestSummary, db: string): void {
  const rate = s.seconds > 0 ? Math.round(s.read / s.seconds) : s.read;
  const lines = [
    s.interrupted
      ? `Interrupted after ${s.seconds.toFixed(1)} s; what was read until then is stored in ${db} (run the same command again to go on)`
      : `Ingested into ${db} in ${s.seconds.toFixed(1)} s (${num(rate)} articles/s)`,
    `  read        ${num(s.read)}`,
    `  added       ${num(s.added)}`,
    `  duplicates  ${num(s.duplicates)}`,
    `  failed      ${num(s.failed)}`,
  ];
  if (s.failures.length) lines.push('Failures:', ...s.failures.map((p) => `  ${describeProblem(p)}`));
  if (s.warnings.length) lines.push('Warnings:', ...s.warnings.map((p) => `  ${describeProblem(p)}`));
  if (s.unlisted) lines.push(`  … and ${num(s.unlisted)} more problems not listed`);
  process.stdout.write(lines.join('\n') + '\n');
}

export function registerIngest(program: Command): void {
  withDbOption(commandFor(program, 'ingest'))
    .argument('<paths...>', 'files or folders (read recursively); - for stdin; .gz is undone transparently')
    .option('--format <format>', `read every file as this format instead of detecting it (${FORMATS.join(', ')})`)
    .option('--map <field=column>', 'map a record field to a column of JSON/JSONL/CSV input (repeatable), e.g. --map text=body --map outlet=source.name', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-annotate', 'skip the annotate stage (entities, figures): faster; run newslens reprocess --all later to add them')
    .option('--workers <n>', `threads to annotate on (default: one per core, ${defaultWorkers()} here; 0 annotates on the main thread)`)
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Formats (detected from content, the file name as a hint):
  text      plain-text article: a headline line, then the text; captions,
            editor's notes, interview speakers and site boilerplate are found
  keyvalue  scraper export: "Title:", "Published Time:", "Author:", … then "Text:"
  json      an array of article objects (or {"articles": [...]}, or one object)
  jsonl     one article object per line (streamed: any size)
  csv       a header row, then one article per row (comma, tab, ; or | delimited)
  html      a saved web page: the article is extracted, with its metadata
  feed      RSS 0.9x/1.0/2.0, Atom or JSON Feed: one article per entry (its
            content, else its summary; \`newslens fetch --follow\` gets full pages)
  warc      a web archive (.warc or .warc.gz): every HTML response is a page
A sitemap is a list of links: fetch it with \`newslens fetch\`.

Exit status: 0 when every input was read, 1 when some failed (listed), 2 on usage errors.`,
    )
    .action(async (paths: string[], flags: IngestFlags) => {
      boundHeapGrowth();
      if (flags.format && !FORMATS.includes(flags.format as Format)) throw new UsageError(`unknown --format "${flags.format}"; use one of ${FORMATS.join(', ')}`);
      let map;
      try {
        map = parseFieldMap(flags.map);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const store = openStore(flags, { write: true, create: true });
      const stop = stopOnSignal();
      try {
        const totalBytes = paths.includes('-') ? undefined : await totalSize(paths);
        const bar = startProgress(!flags.json && !flags.quiet, totalBytes, 'articles');
        const summary = await ingest(paths, store, {
          signal: stop.signal,
          ...(flags.format ? { format: flags.format as Format } : {}),
          map,
          annotate: flags.annotate,
          workers: positiveInt('--workers', flags.workers, defaultWorkers()),
          ...(totalBytes !== undefined ? { totalBytes } : {}),
          onProgress: (p) => bar.update(p.bytes, { read: p.read }),
        });
        bar.stop();
        if (flags.json) printJson({ workspace: workspacePath(flags), ...summary });
        else printSummary(summary, workspacePath(flags));
        process.exitCode = summary.interrupted ? 130 : summary.failed > 0 ? 1 : 0;
        // A read from stdin left waiting would keep the process alive.
        if (summary.interrupted) process.stdin.destroy();
      } finally {
        stop.release();
        store.close();
      }
    });
}
