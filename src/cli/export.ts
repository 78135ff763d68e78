/** `newslens export` */
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EXPORT_FORMATS, exportArticles, type ExportFormat } from '../query/export.js';
import { openStore, UsageError, withDbOption, type GlobalOptions } from './common.js';

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

export function registerExport(program: Command): void {
  withDbOption(program.command('export'))
    .description('write every article as JSON Lines or CSV (columns: see README)')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'jsonl')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (flags: GlobalOptions & { format: string; out?: string }) => {
      if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new UsageError(`unknown export --format "${flags.format}"; use ${EXPORT_FORMATS.join(' or ')}`);
      const store = openStore(flags);
      const out: Writable = flags.out ? createWriteStream(flags.out) : process.stdout;
      try {
        for (const chunk of exportArticles(store.iterateArticles(), flags.format as ExportFormat)) await write(out, chunk);
      } finally {
        store.close();
        if (flags.out) {
          out.end();
          await once(out, 'finish');
        }
      }
    });
}
