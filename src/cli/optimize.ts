/** `newslens optimize` */
import type { Command } from 'commander';
import { openStore, printJson, withDbOption, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

export function registerOptimize(program: Command): void {
  withDbOption(commandFor(program, 'optimize'))
    .action((flags: GlobalOptions) => {
      const store = openStore(flags, { write: true });
      try {
        process.stderr.write('Merging the search indexes (minutes on a million articles)…\n');
        const t = performance.now();
        store.optimizeIndex();
        const seconds = Math.round((performance.now() - t) / 100) / 10;
        if (flags.json) return printJson({ optimized: true, seconds });
        process.stdout.write(`Search indexes merged in ${seconds} s\n`);
      } finally {
        store.close();
      }
    });
}
