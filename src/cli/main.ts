#!/usr/bin/env node
/** The newslens command line: thin wiring over src/pipeline and src/query. */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { listCommands, loadCommand } from './commands.js';
import { fail } from './common.js';

const program = new Command()
  .name('newslens')
  .description('Turn a pile of news articles into a searchable, structured picture of a story.')
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

// Only the command being run is loaded (see commands.ts); for the overview,
// a typo or `help`, every command is listed by name and summary.
const args = process.argv.slice(2);
const first = args.findIndex((a) => !a.startsWith('-'));
const named = first < 0 ? undefined : args[first] === 'help' ? args[first + 1] : args[first];
if (!(named !== undefined && (await loadCommand(program, named)))) listCommands(program);

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
