import { SingleBar, Presets } from "cli-progress";

/** Reports progress of a long run; a no-op when stderr is not a terminal. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr, only when stderr is a TTY, so pipes, files, CI logs and tests get
 * clean output.
 *
 * @param label what is progressing, e.g. `backtest`.
 * @param stream where to draw (default stderr); injectable for tests.
 * @returns a progress reporter.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} deployments | ETA {eta_formatted}`,
      stream,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
