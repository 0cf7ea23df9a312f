/**
 * @module
 * The pipeline's one logger: timed steps, a progress line on a terminal and
 * plain lines elsewhere (CI), and the summary at the end. It writes through a
 * callback so it runs on Node and Deno alike.
 */

/** Output settings of the logger: the write callback and whether it writes to an interactive terminal. */
export interface LoggerOptions {
  /** Writes information and progress, usually to stdout. */
  write: (text: string) => void;
  /** Writes warnings, usually to stderr. Defaults to `write`. */
  writeWarning?: (text: string) => void;
  /** Whether `write` goes to a terminal, which gets one progress line rewritten in place. */
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

/**
 * Without a terminal, a progress line is printed at the first update that reaches each
 * multiple of this percentage (25, 50, 75 and 100), so a CI log gets at most four lines a step.
 */
const PLAIN_PROGRESS_PERCENT = 25;

/** Creates a logger writing to `options.write`, and warnings to `options.writeWarning`. */
export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => performance.now());
  const writeWarning = options.writeWarning ?? options.write;
  const timings: Record<string, number> = {};
  const line = (text: string) => options.write(`${text}\n`);

  return {
    timings,
    info: (message) => line(message),
    warn: (message) => writeWarning(`warning: ${message}\n`),
    step(name, total) {
      const started = now();
      // Multiples of PLAIN_PROGRESS_PERCENT that have been printed.
      let printedMilestones = 0;
      if (!options.isTerminal || total === undefined) line(`${name}...`);
      return {
        update(done) {
          if (total === undefined || total === 0) return;
          const percent = Math.min(100, Math.floor((100 * done) / total));
          if (options.isTerminal) {
            options.write(`\r${name}: ${done}/${total} (${percent}%)`);
            return;
          }
          const milestones = Math.floor(percent / PLAIN_PROGRESS_PERCENT);
          if (milestones > printedMilestones) {
            printedMilestones = milestones;
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

/** Formats step durations as `read input 0.02 s, train 1.30 s`, in the order the steps finished. */
export function formatTimings(timings: Readonly<Record<string, number>>): string {
  return Object.entries(timings)
    .map(([name, milliseconds]) => `${name} ${(milliseconds / 1000).toFixed(2)} s`)
    .join(", ");
}

/** Creates a logger that prints nothing, for tests and library callers. */
export function createSilentLogger(): Logger {
  return createLogger({ write: () => {}, isTerminal: false });
}
