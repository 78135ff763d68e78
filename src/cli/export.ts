/** `newslens export` */
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportKind } from '../query/export.js';
import { defaultWorkers, openStore, positiveInt, UsageError, withDbOption, workspacePath, type GlobalOptions } from './common.js';
import { exportInThreads } from './export-threads.js';
import { commandFor } from './commands.js';

export function registerExport(program: Command): void {
  withDbOption(commandFor(program, 'export'))
    .argument('[what]', `${EXPORT_KINDS.join(', ')}`, 'articles')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'jsonl')
    .option('--query <query>', 'only the articles this search query matches (see newslens search --help)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--threads <n>', `threads to write a large export on (default: one per core, ${defaultWorkers()} here; 1 writes on the main thread)`)
    .action(async (what: string, flags: GlobalOptions & { format: string; out?: string; query?: string; threads?: string }) => {
      if (!EXPORT_KINDS.includes(what as ExportKind)) throw new UsageError(`cannot export "${what}"; choose ${EXPORT_KINDS.join(', ')}`);
      if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new UsageError(`unknown export --format "${flags.format}"; use ${EXPORT_FORMATS.join(' or ')}`);
      const store = openStore(flags);
      try {
        const threads = positiveInt('--threads', flags.threads, defaultWorkers());
        const chunks = exportInThreads(store, workspacePath(flags), what as ExportKind, flags.format as ExportFormat, flags.query, { threads });
        // Opened only once the query has parsed, so a bad query leaves no empty file behind.
        const out: Writable = flags.out ? createWriteStream(flags.out) : process.stdout;
        try {
          for await (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
        } finally {
          if (flags.out) {
            out.end();
            await once(out, 'finish');
          }
        }
      } finally {
        store.close();
      }
    });
}
