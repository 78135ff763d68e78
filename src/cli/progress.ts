/**
 * Progress on a terminal (done/total, rate, ETA) via cli-progress, on stderr;
 * nothing at all when stderr is not a terminal or output is JSON.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, counts: Record<string, number | string>): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/** `total` is in the unit of `done` (bytes for ingest); undefined shows counts only. */
export function startProgress(enabled: boolean, total: number | undefined, unitLabel: string): Progress {
  if (!enabled || !process.stderr.isTTY) return silent;
  const format = total
    ? `{bar} {percentage}% | {read} ${unitLabel} | {rate}/s | ETA {eta_formatted}`
    : `{read} ${unitLabel} | {rate}/s`;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format, hideCursor: true, etaBuffer: 50, fps: 5, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total ?? 0, 0, { read: 0, rate: 0 });
  return {
    update(done, counts) {
      const secs = (Date.now() - started) / 1000;
      const read = Number(counts.read ?? done);
      bar.update(total ? Math.min(done, total) : done, { ...counts, rate: secs > 0 ? Math.round(read / secs) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}
