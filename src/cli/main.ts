#!/usr/bin/env node
/** The newslens command line: thin wiring over src/pipeline and src/query. */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { registerAnalyse } from './analyse.js';
import { registerArticles } from './articles.js';
import { registerEntities } from './entities.js';
import { fail } from './common.js';
import { registerExport } from './export.js';
import { registerIngest } from './ingest.js';
import { registerKnowledge } from './knowledge.js';
import { registerOptimize } from './optimize.js';
import { registerOutlets } from './outlets.js';
import { registerReprocess } from './reprocess.js';
import { registerSearch } from './search.js';
import { registerStats } from './stats.js';
import { registerTag } from './tag.js';
import { registerWeb } from './web.js';


const program = new Command()
  .name('newslens')
  .description('Turn a pile of news articles into a searchable, structured picture of a story.')
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerIngest(program);
registerArticles(program);
registerStats(program);
registerExport(program);
registerReprocess(program);
registerSearch(program);
registerOptimize(program);
registerAnalyse(program);
registerEntities(program);
registerOutlets(program);
registerKnowledge(program);
registerTag(program);
registerWeb(program);

// A closed pipe (`newslens export | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  fail(err);
}
