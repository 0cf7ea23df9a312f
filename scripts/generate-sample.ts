/**
 * @module
 * Command line: writes the synthetic sample as `sample.xlsx` and `sample.csv`.
 *
 *     node scripts/generate-sample.ts [--profiles N] [--seed S] [--out DIR]
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { createLogger, type Logger } from "./lib/logger.ts";
import { DEFAULT_SAMPLE_OPTIONS, generateSampleRows, writeSampleWorkbook } from "./lib/sample/index.ts";
import type { SampleFormat } from "./lib/sample/index.ts";
import { isParseArgsError, UsageError } from "./lib/cli.ts";

const USAGE = `Usage: node scripts/generate-sample.ts [options]

Writes a synthetic sample of TikTok profiles, with no real person's data, as
DIR/sample.xlsx and DIR/sample.csv. The same seed always gives the same bytes.

Options:
  --profiles N  number of profiles (rows), from 1 to 1048575 (default ${DEFAULT_SAMPLE_OPTIONS.profiles})
  --seed S      seed of the generator, from 0 to 4294967295 (default ${DEFAULT_SAMPLE_OPTIONS.seed})
  --out DIR     output folder, created if missing (default data)
  --help        print this help`;

const FORMATS: readonly SampleFormat[] = ["xlsx", "csv"];
// Excel's sheets end at 1,048,576 rows, one of them the header.
const MAX_PROFILES = 1_048_575;
const MAX_SEED = 4_294_967_295;

const parseWholeNumber = (option: string, text: string | undefined, fallback: number, min: number, max: number): number => {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`invalid --${option} "${text}": expected a whole number from ${min} to ${max}`);
  }
  return value;
};

const sha256Hex = async (bytes: Uint8Array<ArrayBuffer>): Promise<string> => {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
};

const formatKibibytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(args: string[], logger: Logger): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      profiles: { type: "string" },
      seed: { type: "string" },
      out: { type: "string", default: "data" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const options = {
    profiles: parseWholeNumber("profiles", values.profiles, DEFAULT_SAMPLE_OPTIONS.profiles, 1, MAX_PROFILES),
    seed: parseWholeNumber("seed", values.seed, DEFAULT_SAMPLE_OPTIONS.seed, 0, MAX_SEED),
  };
  const generateStep = logger.step("generate profiles");
  const rows = generateSampleRows(options);
  generateStep.finish();

  await mkdir(values.out, { recursive: true });
  for (const format of FORMATS) {
    const bytes = writeSampleWorkbook(rows, format);
    const path = join(values.out, `sample.${format}`);
    await writeFile(path, bytes);
    logger.info(`wrote ${path} (${formatKibibytes(bytes.length)}, sha256 ${await sha256Hex(bytes)})`);
  }
  const videoCount = rows.reduce((total, row) => total + String(row.top_videos).split(",").length, 0);
  logger.info(`${rows.length} profiles with ${videoCount} videos, seed ${options.seed}`);
}

const logger = createLogger({ write: (text) => process.stderr.write(text), isTerminal: process.stderr.isTTY === true });
try {
  await main(process.argv.slice(2), logger);
} catch (error) {
  const isUsageError = error instanceof UsageError || isParseArgsError(error);
  process.stderr.write(`generate-sample failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (isUsageError) {
    process.stderr.write(`\n${USAGE}\n`);
  }
  process.exitCode = isUsageError ? 2 : 1;
}
