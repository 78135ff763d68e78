/**
 * Benchmarks measure one core: when taskset is available, a benchmark
 * re-runs itself pinned to CPU 0 (and says so in its output).
 */
import { spawnSync } from 'node:child_process';

export function pinToOneCore(): boolean {
  if (process.env.NEWSLENS_BENCH_PINNED) return true;
  if (spawnSync('taskset', ['--version']).status !== 0) return false;
  const r = spawnSync('taskset', ['-c', '0', process.execPath, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NEWSLENS_BENCH_PINNED: '1' },
  });
  process.exit(r.status ?? 1);
}

/** How the benchmark ran, for its output. */
export function machine(): string {
  return `${process.env.NEWSLENS_BENCH_PINNED ? 'pinned to 1 core' : 'unpinned'}, node ${process.version}`;
}
