/**
 * @module
 * The pipeline's one logger: timed steps, a progress line on a terminal and
 * plain lines elsewhere (CI), and the summary at the end. It writes through a
 * callback so it runs on Node and Deno alike.
 */

/** Where the logger writes and whether that is an interactive terminal. */
export interface LoggerOptions {
  write: (text: string) => void;
  isTerminal: boolean;
  /** Clock in milliseconds; tests pass a fixed one. */
  now?: () => number;
}

/** Progress of one long step. */
export interface Progress {
  /** Reports that `done` of `total` items are finished. */
  update(done: number): void;
  /** Ends the step and returns its duration in milliseconds. */
  finish(): number;
}

/** The pipeline's logger. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Starts a step of `total` items; the step is timed. */
  step(name: string, total?: number): Progress;
  /** Durations of finished steps in milliseconds, by step name. */
  readonly timings: Record<string, number>;
}

/** Plain lines are printed at most this often, in percent of a step. */
const PLAIN_PROGRESS_PERCENT = 25;

/** Creates a logger writing to `options.write`. */
export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => performance.now());
  const timings: Record<string, number> = {};
  const line = (text: string) => options.write(`${text}\n`);

  return {
    timings,
    info: (message) => line(message),
    warn: (message) => line(`warning: ${message}`),
    step(name, total) {
      const started = now();
      let lastPercent = -PLAIN_PROGRESS_PERCENT;
      if (!options.isTerminal || total === undefined) line(`${name}...`);
      return {
        update(done) {
          if (total === undefined || total === 0) return;
          const percent = Math.floor((100 * done) / total);
          if (options.isTerminal) {
            options.write(`\r${name}: ${done}/${total} (${percent}%)`);
          } else if (percent >= lastPercent + PLAIN_PROGRESS_PERCENT) {
            lastPercent = percent - (percent % PLAIN_PROGRESS_PERCENT);
            line(`${name}: ${done}/${total} (${percent}%)`);
          }
        },
        finish() {
          const elapsed = now() - started;
          timings[name] = elapsed;
          if (options.isTerminal && total !== undefined) options.write("\r\u001b[2K");
          line(`${name}: done in ${(elapsed / 1000).toFixed(2)} s`);
          return elapsed;
        },
      };
    },
  };
}

/** A logger that prints nothing, for tests and library callers. */
export function createSilentLogger(): Logger {
  return createLogger({ write: () => {}, isTerminal: false });
}
