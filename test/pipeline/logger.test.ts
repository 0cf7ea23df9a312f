/**
 * @module
 * Tests of the pipeline's logger: which progress lines a CI log gets, the progress line on
 * a terminal, warnings on their own stream, and step timings.
 */
import { describe, expect, it } from "vitest";

import { createLogger, formatTimings, type LoggerOptions } from "../../scripts/lib/logger.ts";

interface CapturedLogger {
  output: string[];
  warnings: string[];
  logger: ReturnType<typeof createLogger>;
}

// A logger whose clock advances 250 ms at every reading.
const captureLogger = (isTerminal: boolean, separateWarnings = true): CapturedLogger => {
  const output: string[] = [];
  const warnings: string[] = [];
  let clock = 0;
  const options: LoggerOptions = {
    write: (text) => output.push(text),
    isTerminal,
    now: () => (clock += 250),
  };
  if (separateWarnings) options.writeWarning = (text) => warnings.push(text);
  return { output, warnings, logger: createLogger(options) };
};

// Runs a step of `total` items with an update every `every` items and at the end.
const runStep = (captured: CapturedLogger, total: number, every: number): void => {
  const progress = captured.logger.step("pseudonymize", total);
  for (let done = every; done < total; done += every) progress.update(done);
  progress.update(total);
  progress.finish();
};

describe("plain progress lines", () => {
  it.each<[string, number, number, string[]]>([
    ["every item", 1000, 1, ["250/1000 (25%)", "500/1000 (50%)", "750/1000 (75%)", "1000/1000 (100%)"]],
    ["every 100 of 1000", 1000, 100, ["300/1000 (30%)", "500/1000 (50%)", "800/1000 (80%)", "1000/1000 (100%)"]],
    ["every 100 of 250", 250, 100, ["100/250 (40%)", "200/250 (80%)", "250/250 (100%)"]],
    ["one update", 30, 30, ["30/30 (100%)"]],
  ])("prints quarters for %s", (_case, total, every, progressLines) => {
    const captured = captureLogger(false);
    runStep(captured, total, every);

    expect(captured.output).toEqual([
      "pseudonymize...\n",
      ...progressLines.map((line) => `pseudonymize: ${line}\n`),
      "pseudonymize: done in 0.25 s\n",
    ]);
  });

  it("prints nothing for zero items", () => {
    const captured = captureLogger(false);
    const progress = captured.logger.step("train", 0);
    progress.update(0);
    progress.finish();

    expect(captured.output).toEqual(["train...\n", "train: done in 0.25 s\n"]);
  });

  it("caps percent at 100", () => {
    const captured = captureLogger(false);
    const progress = captured.logger.step("seal", 10);
    progress.update(12);

    expect(captured.output.at(-1)).toBe("seal: 12/10 (100%)\n");
  });
});

describe("terminal progress line", () => {
  it("rewrites one line, then clears it", () => {
    const captured = captureLogger(true);
    runStep(captured, 300, 100);

    expect(captured.output).toEqual([
      "\rpseudonymize: 100/300 (33%)",
      "\rpseudonymize: 200/300 (66%)",
      "\rpseudonymize: 300/300 (100%)",
      "\r\u001b[2K",
      "pseudonymize: done in 0.25 s\n",
    ]);
  });

  it("prints steps without total as lines", () => {
    const captured = captureLogger(true);
    captured.logger.step("train").finish();

    expect(captured.output).toEqual(["train...\n", "train: done in 0.25 s\n"]);
  });
});

describe("messages and timings", () => {
  it("writes warnings to their own stream", () => {
    const captured = captureLogger(false);
    captured.logger.info("read 3 rows");
    captured.logger.warn("column \"id\": 1 id was rounded");

    expect(captured.output).toEqual(["read 3 rows\n"]);
    expect(captured.warnings).toEqual(['warning: column "id": 1 id was rounded\n']);
  });

  it("writes warnings to output by default", () => {
    const captured = captureLogger(false, false);
    captured.logger.warn("check row 4");

    expect(captured.output).toEqual(["warning: check row 4\n"]);
  });

  it("records timings in finish order", () => {
    const captured = captureLogger(false);
    const read = captured.logger.step("read input");
    const train = captured.logger.step("train");
    train.finish();
    read.finish();

    expect(captured.logger.timings).toEqual({ train: 250, "read input": 750 });
    expect(formatTimings(captured.logger.timings)).toBe("train 0.25 s, read input 0.75 s");
  });
});
