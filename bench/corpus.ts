/** What the benchmarks share: their command-line flags, the corpus they read, and where a figure was taken. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** The machine a figure was taken on: "2 cores, AMD EPYC …, node v20…". */
export const machine = () => `${cpus().length} cores, ${cpus()[0]?.model.trim() ?? 'unknown cpu'}, node ${process.version}`;

/** The commit the figure is of, or "unknown" outside a git checkout. */
export function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  } catch {
    return 'unknown';
  }
}

/** The value after `--name` on the command line. */
export function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The largest JSON Lines file (plain or gzipped) under a folder: the scale corpus. */
export function largestJsonl(dir: string): string {
  const found: Array<[string, number]> = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(jsonl|ndjson)(\.gz)?$/.test(e.name)) found.push([p, statSync(p).size]);
    }
  };
  walk(dir);
  found.sort((a, b) => b[1] - a[1]);
  if (!found.length) throw new Error(`no JSON Lines corpus under ${dir}`);
  return found[0]![0];
}
