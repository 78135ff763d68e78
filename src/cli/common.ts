/** What every command shares: the workspace, output, and errors worded for users. */
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { UnknownEntityError } from '../query/knowledge.js';
import { AmbiguousEntityError } from '../store/entity-lookup.js';
import { QueryError, thousands } from '../query/language.js';
import { flagName, ParamError, parseParams } from '../query/params.js';
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

/**
 * The workspace. Commands that only read open it read-only: they never wait
 * for or block a writer, work on a file the user cannot write, and refuse a
 * path where there is no workspace (a mistyped --db must not look empty).
 * Commands that write pass `write`; only those that take articles in
 * (ingest, fetch, watch) pass `create` and may make a new one.
 */
export function openStore(opts: GlobalOptions, mode: { write?: boolean; create?: boolean } = {}): Store {
  return openSqliteStore(workspacePath(opts), { readonly: !mode.write, mustExist: !mode.create });
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
  // A parameter a query function refused, named as the flag the user typed.
  if (err instanceof ParamError) err = new UsageError(flagMessage(err));
  // Errors the user can fix are told plainly; anything else is ours.
  const known = err instanceof UsageError || err instanceof StoreError || err instanceof QueryError || err instanceof UnknownEntityError || err instanceof AmbiguousEntityError;
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`newslens: ${err instanceof QueryError ? 'bad query: ' : known ? '' : 'unexpected error: '}${msg}\n`);
  if (!known && process.env.NEWSLENS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(2);
}

/** A count for people: thousands separated, as en-US writes them. */
export const num = thousands;

/** One annotate worker per core (ingest, reprocess): the main thread's reading and writing take little beside them. */
export const defaultWorkers = () => Math.min(8, availableParallelism());

/** Pads cells into aligned columns for terminal tables. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/**
 * For the long writes (ingest, reprocess): each heap, this thread's and every
 * worker's, may grow by a fifth past what was alive at its last full
 * collection, instead of V8's up to fourfold. They make garbage by the hundred
 * megabytes, which left alone took three threads' heaps to most of a gigabyte
 * while about 150 MB is alive; this costs more collections, so the commands
 * that only read keep V8's default. The flag is read at each collection, so
 * setting it once the process runs holds (measured in bench/analyses).
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=20');
}

/** A whole-number flag, or the default when absent. */
export function positiveInt(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new UsageError(`${name} expects a whole number, got "${v}"`);
  return Number(v);
}

/** Text on one line, cut to n characters. */
export const oneLine = (s: string, n: number) => {
  const t = s.replace(/\s+/g, ' ');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};

/** Runs a command body against the workspace (read-only unless `write`), closing it whatever happens. */
export function withStore<T>(flags: GlobalOptions, body: (store: Store) => T, mode: { write?: boolean; create?: boolean } = {}): T {
  const store = openStore(flags, mode);
  try {
    return body(store);
  } finally {
    store.close();
  }
}

/** Highlighted runs shown bold on a terminal, in [brackets] when piped. */
export function highlight(text: string, ranges: Array<[number, number]>): string {
  const tty = process.stdout.isTTY;
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += text.slice(at, s) + (tty ? `\x1b[1m${text.slice(s, e)}\x1b[0m` : `[${text.slice(s, e)}]`);
    at = e;
  }
  return out + text.slice(at);
}

/**
 * Flags for a query's parameters, from its schema in src/query/params.ts: `--min-freq <n>` for
 * `minFreq`, `--keep-stopwords` for a boolean, `--no-quotes` for one that defaults to true.
 */
export function withParams(cmd: Command, schema: TObject, opts: { skip?: readonly string[] } = {}): Command {
  const skip = new Set(['q', ...(opts.skip ?? [])]);
  for (const [key, prop] of Object.entries(schema.properties as Record<string, TSchema>)) {
    if (skip.has(key)) continue;
    const name = flagName(key);
    if (prop.type === 'boolean') cmd.option(prop.default === true ? `--no-${name.slice(2)}` : name, prop.description);
    else cmd.option(`${name} <${placeholder(prop)}>`, prop.description);
  }
  return cmd;
}

const placeholder = (p: TSchema) => (p.type === 'integer' ? 'n' : p.type === 'number' ? 'x' : p.type === 'array' ? 'list' : p.anyOf ? 'choice' : 'value');

const flagMessage = (err: ParamError) => err.describe((p) => (p === 'q' ? 'the query' : flagName(p)));

/** A query's parameters from the command's flags (and its query argument), with errors naming the flag. */
export function paramsFrom<S extends TObject>(schema: S, flags: object, query?: string): Static<S> {
  try {
    return parseParams(schema, { ...flags, ...(query !== undefined ? { q: query } : {}) });
  } catch (err) {
    if (err instanceof ParamError) throw new UsageError(flagMessage(err));
    throw err;
  }
}
