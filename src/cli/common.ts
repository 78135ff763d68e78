/** What every command shares: the workspace, output, and errors worded for users. */
import type { Command } from 'commander';
import { openSqliteStore, StoreError } from '../store/sqlite.js';
import type { Store } from '../store/store.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

/** `--db`, else `NEWSLENS_DB`, else `./newslens.db`. */
export function workspacePath(opts: GlobalOptions): string {
  return opts.db || process.env.NEWSLENS_DB || 'newslens.db';
}

export function openStore(opts: GlobalOptions): Store {
  return openSqliteStore(workspacePath(opts));
}

export function withDbOption(cmd: Command): Command {
  return cmd.option('--db <file>', 'workspace file (default: $NEWSLENS_DB or ./newslens.db)').option('--json', 'print JSON instead of text');
}

/** An error the user caused and can fix: printed without a stack trace. */
export class UsageError extends Error {}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function fail(err: unknown): never {
  const known = err instanceof UsageError || err instanceof StoreError;
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`newslens: ${known ? '' : 'unexpected error: '}${msg}\n`);
  if (!known && process.env.NEWSLENS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(2);
}

export const num = (n: number) => n.toLocaleString('en-US');

/** Pads cells into aligned columns for terminal tables. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}
