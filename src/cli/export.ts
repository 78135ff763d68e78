/** `newslens export` */
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Article } from '../model.js';
import { EXPORT_FORMATS, EXPORT_KINDS, exportAnnotations, exportArticles, type AnnotationKind, type ExportFormat, type ExportKind } from '../query/export.js';
import { select } from '../query/select.js';
import type { ArticlePart, Store } from '../store/store.js';
import { openStore, UsageError, withDbOption, type GlobalOptions } from './common.js';
import { commandFor } from './commands.js';

/** Characters gathered before each write. */
const WRITE_CHUNK = 1 << 16;

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

export function registerExport(program: Command): void {
  withDbOption(commandFor(program, 'export'))
    .argument('[what]', `${EXPORT_KINDS.join(', ')}`, 'articles')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'jsonl')
    .option('--query <query>', 'only the articles this search query matches (see newslens search --help)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (what: string, flags: GlobalOptions & { format: string; out?: string; query?: string }) => {
      if (!EXPORT_KINDS.includes(what as ExportKind)) throw new UsageError(`cannot export "${what}"; choose ${EXPORT_KINDS.join(', ')}`);
      if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new UsageError(`unknown export --format "${flags.format}"; use ${EXPORT_FORMATS.join(' or ')}`);
      const store = openStore(flags);
      try {
        // Each export reads only the parts it writes: the rest would take most of the time.
        const parts: ArticlePart[] | undefined = what === 'articles' ? undefined : [what as ArticlePart];
        const articles = flags.query === undefined ? store.iterateArticles(parts ? { parts } : {}) : selected(store, flags.query);
        const format = flags.format as ExportFormat;
        const entities = store.entityKeys();
        const chunks = what === 'articles' ? exportArticles(articles, format) : exportAnnotations(articles, what as AnnotationKind, format, (key) => entities.get(key)?.name);
        // Opened only once the query has parsed, so a bad query leaves no empty file behind.
        const out: Writable = flags.out ? createWriteStream(flags.out) : process.stdout;
        try {
          // Rows gathered into large writes: one write per row made the export wait on the pipe.
          let pending = '';
          for (const chunk of chunks) {
            pending += chunk;
            if (pending.length >= WRITE_CHUNK) {
              await write(out, pending);
              pending = '';
            }
          }
          if (pending) await write(out, pending);
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

/** The articles a query matches, in id order; the query is run (and checked) at once. */
function selected(store: Store, query: string): Iterable<Article> {
  const { ids } = select(store, query);
  return (function* () {
    for (const id of ids) {
      const a = store.getArticle(String(id));
      if (a) yield a;
    }
  })();
}
