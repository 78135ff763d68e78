/**
 * Ctrl-C (and SIGTERM) for long writes: the first asks the work to stop at
 * a safe point (finish and store what is in hand, then report); a second
 * quits at once, which loses only the open transaction (SQLite rolls it
 * back) and leaves a mark that the next run completes.
 */
export interface Stop {
  signal: AbortSignal;
  release(): void;
}

export function stopOnSignal(what = 'the articles in hand are'): Stop {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\nnewslens: stopping once ${what} stored (press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
