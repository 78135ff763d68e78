/** `newslens stats` */
import type { Command } from 'commander';
import { formatBytes } from '../sources/input.js';
import { num, openStore, printJson, withDbOption, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

export function registerStats(program: Command): void {
  withDbOption(commandFor(program, 'stats'))
    .action((flags: GlobalOptions) => {
      const store = openStore(flags);
      try {
        const s = store.stats();
        if (flags.json) return printJson(s);
        const groups = (label: string, g: Array<{ key: string; count: number }>) =>
          g.length ? [`${label}:`, ...g.map((x) => `  ${x.key.padEnd(28)} ${num(x.count)}`)] : [];
        const lines = [
          `Workspace ${s.path} (${formatBytes(s.fileBytes)})`,
          `  articles    ${num(s.articles)} (${num(s.chars)} characters)`,
          `  outlets     ${num(s.outlets)}`,
          `  published   ${s.firstPublished ?? '-'} … ${s.lastPublished ?? '-'} (${num(s.undated)} undated)`,
          ...(s.outdated ? [`  outdated    ${num(s.outdated)} made by an older pipeline: run newslens reprocess`] : []),
          ...groups('Formats', s.byFormat),
          ...groups('Languages', s.byLanguage),
          ...groups('Top outlets', s.byOutlet),
          ...groups('Sections', s.sections),
          ...groups('Entity mentions', s.mentions),
          ...groups('Figures', s.figures),
        ];
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        store.close();
      }
    });
}
