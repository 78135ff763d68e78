/** `newslens reprocess` */
import type { Command } from 'commander';
import { describeProblem, reprocess } from '../pipeline.js';
import { boundHeapGrowth, defaultWorkers, num, openStore, positiveInt, printJson, withDbOption, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';
import { startProgress } from './progress.js';
import { stopOnSignal } from './signals.js';

export function registerReprocess(program: Command): void {
  withDbOption(commandFor(program, 'reprocess'))
    .option('--all', 'every article, not only those made by an older pipeline')
    .option('--no-annotate', 'skip the annotate stage (entities, figures)')
    .option('--workers <n>', 'threads to annotate on (default: one per core; 0 annotates on the main thread)')
    .action(async (flags: GlobalOptions & { all?: boolean; annotate: boolean; workers?: string }) => {
      boundHeapGrowth();
      const store = openStore(flags, { write: true });
      const stop = stopOnSignal('the current page of articles is');
      try {
        const bar = startProgress(!flags.json, flags.all ? store.countArticles() : store.stats().outdated, 'articles');
        const s = await reprocess(store, { all: !!flags.all, annotate: flags.annotate, workers: positiveInt('--workers', flags.workers, defaultWorkers()), onProgress: (n) => bar.update(n, { read: n }), signal: stop.signal });
        bar.stop();
        process.exitCode = s.interrupted ? 130 : s.failed ? 1 : 0;
        if (flags.json) return printJson(s);
        const lines = [
          `Reprocessed ${num(s.processed)} articles in ${s.seconds.toFixed(1)} s: ${num(s.updated)} updated, ${num(s.duplicates)} now duplicates (left as they were), ${num(s.failed)} failed`,
          ...s.failures.map((p) => `  ${describeProblem(p)}`),
        ];
        process.stdout.write(lines.join('\n') + '\n');
        if (s.interrupted) process.stdout.write('Interrupted: the articles above are rebuilt; run the same command again to go on (without --all it takes up the rest).\n');
      } finally {
        stop.release();
        store.close();
      }
    });
}
