/**
 * @module
 * `npm run pipeline -- --input FILE`: reads a profiles spreadsheet, then
 * pseudonymizes, seals, trains and exports it into `model/`, and seeds the
 * local KV namespace that `npm run dev` serves.
 *
 * A run changes nothing until every step has succeeded. The outputs (`model/`,
 * `.dev.vars`, `--report`, `--csv-out`) are staged beside their targets and the
 * KV entries are uploaded under the new version's keys. Then the staged outputs
 * replace the old ones, and the KV manifest switches versions last. A failure at
 * any point restores the previous outputs, so the previous model keeps serving.
 * After the switch, the keys of old versions are deleted from the local KV, and a
 * failure there only warns.
 *
 * A lock file beside the output folder, and one beside the local KV state when
 * seeding, makes a second run that would write the same outputs fail at once.
 *
 * Progress and the summary go to stdout; warnings and the one-line error to stderr.
 * Exit codes: 0 on success, 1 when the run failed, 2 on invalid options.
 */
import { readFileSync, statSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { decodeMasterSecret, deriveKeySet, InvalidSecretError } from "../src/shared/keys.ts";
import { formatReadReport, InvalidInputError, readProfiles, type ReadResult } from "./lib/ingest/index.ts";
import { createLogger, formatTimings, type Logger } from "./lib/logger.ts";
import { KeyRotationError, planSecrets, type SecretsPlan } from "./lib/node/dev-vars.ts";
import { deleteOldVersions, localKvLockPath, LocalKvError, switchKvManifest, uploadKvEntries } from "./lib/node/local-kv.ts";
import { acquireLock, LockHeldError, type FileLock } from "./lib/node/lock.ts";
import {
  checkOutputFolder,
  createOutputTransaction,
  InvalidOutputError,
  OUTPUT_FILES,
  OutputWriteError,
  toBulkJson,
  type OutputTransaction,
} from "./lib/node/output.ts";
import { buildAssets, type BuildResult } from "./lib/pipeline/build.ts";
import { isParseArgsError, UsageError } from "./lib/cli.ts";

const USAGE = `Usage: npm run pipeline -- --input FILE [options]

Options:
  --input FILE      profiles spreadsheet: .csv, .xlsx, .xls or .ods (required)
  --sheet NAME      sheet of a workbook to read (default: the first)
  --out DIR         output folder for the sealed KV assets (default: model). Each run replaces
                    the whole folder, so DIR must be new, empty or a previous output of the
                    pipeline; DIR.lock beside it keeps a second run from writing it at the same time
  --report FILE     also write the run's summary as JSON to FILE
  --csv-out FILE    write the table as UTF-8 CSV, with formula-like cells neutralised
  --no-seed         do not seed the local KV namespace of "npm run dev"
  --rotate-key      create a new MASTER_KEY in .dev.vars, keep the old one as MASTER_KEY_PREVIOUS, and seal under the new one
  --help            show this help

See docs/input.md for the accepted spreadsheets, skipped rows, warnings and errors.
`;

interface CliOptions {
  input: string;
  sheet: string | undefined;
  out: string;
  report: string | undefined;
  csvOut: string | undefined;
  seed: boolean;
  rotateKey: boolean;
}

// Errors whose message is complete for the user: what failed, where, and what to do.
const EXPECTED_ERRORS = [
  InvalidInputError,
  InvalidOutputError,
  InvalidSecretError,
  KeyRotationError,
  LocalKvError,
  LockHeldError,
  OutputWriteError,
  UsageError,
];

function parseCli(argv: string[]): CliOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: "string" },
      sheet: { type: "string" },
      out: { type: "string", default: "model" },
      report: { type: "string" },
      "csv-out": { type: "string" },
      "no-seed": { type: "boolean", default: false },
      "rotate-key": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  if (values.input === undefined) throw new UsageError("--input is required: name the profiles spreadsheet to read, for example --input data/sample.xlsx");
  checkDistinctPaths(values.input, values.out, { "--report": values.report, "--csv-out": values["csv-out"] });
  return {
    input: values.input,
    sheet: values.sheet,
    out: values.out,
    report: values.report,
    csvOut: values["csv-out"],
    seed: !values["no-seed"],
    rotateKey: values["rotate-key"],
  };
}

/**
 * Rejects a --report or --csv-out path that is the input, the other file, or inside the
 * output folder, which the run replaces: writing there would destroy data or fail midway.
 */
function checkDistinctPaths(input: string, out: string, files: Record<string, string | undefined>): void {
  const outFolder = resolve(out);
  const seen = new Map<string, string>([[resolve(input), "--input"]]);
  for (const [option, path] of Object.entries(files)) {
    if (path === undefined) continue;
    const absolute = resolve(path);
    const clash = seen.get(absolute);
    if (clash !== undefined) throw new UsageError(`${option} ${path} is the same file as ${clash}; choose another path`);
    if (absolute === outFolder || absolute.startsWith(outFolder + sep)) {
      throw new UsageError(`${option} ${path} is inside the output folder ${out}, which each run replaces; choose a path outside it`);
    }
    seen.set(absolute, option);
  }
}

/** Reads the input file, turning file system errors into one-line messages that name the path as given. */
function readInputFile(path: string): Uint8Array {
  try {
    if (statSync(path).isDirectory()) {
      throw new InvalidInputError({ fileName: path }, "the path is a folder; give the path of a .csv or .xlsx file to --input");
    }
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InvalidInputError({ fileName: path }, "file not found; check the path given to --input", { cause: error });
    if (code === "EACCES" || code === "EPERM") {
      throw new InvalidInputError({ fileName: path }, "permission denied; make the file readable for this user and try again", { cause: error });
    }
    throw new InvalidInputError({ fileName: path }, `reading the file failed (${code ?? String(error)}); check the path and try again`, { cause: error });
  }
}

/** Non-secret summary of a run: written to model/summary.json and --report. */
interface RunSummary {
  input: string;
  modelVersion: string;
  keyId: string;
  counts: BuildResult["manifest"]["counts"];
  modelBytes: number;
  kvEntries: number;
  droppedRareTokens: number;
  ingestion: ReadResult["report"];
  seeded: boolean;
  /** Durations of the steps in milliseconds. The JSON files are written before the swap, so they lack the KV switch and the deletion of old versions. */
  timingsMs: Record<string, number>;
}

function createRunSummary(read: ReadResult, built: BuildResult, options: CliOptions, logger: Logger): RunSummary {
  return {
    input: read.report.fileName,
    modelVersion: built.manifest.modelVersion,
    keyId: built.manifest.keyId,
    counts: built.manifest.counts,
    modelBytes: built.modelBytes,
    kvEntries: built.entries.length + 1,
    droppedRareTokens: built.droppedTokens,
    ingestion: read.report,
    seeded: options.seed,
    timingsMs: { ...logger.timings },
  };
}

/** Formats the summary that ends every successful run. */
function formatRunSummary(summary: RunSummary, options: CliOptions): string[] {
  const { counts } = summary;
  const warnings = summary.ingestion.warnings.length;
  const outputs = [`${options.out}/`];
  if (options.report !== undefined) outputs.push(`report ${options.report}`);
  if (options.csvOut !== undefined) outputs.push(`CSV ${options.csvOut}`);
  return [
    "summary:",
    ...formatReadReport(summary.ingestion).map((line) => `  ${line}`),
    `  warnings: ${warnings === 0 ? "none" : `${warnings}, printed above`}`,
    `  model ${summary.modelVersion}: ${counts.profiles} profiles, ${counts.videos} videos, ${counts.vocabulary} features, ${summary.kvEntries} KV entries`,
    `  steps: ${formatTimings(summary.timingsMs)}`,
    `  output: ${outputs.join(", ")}; local KV ${options.seed ? "seeded" : "not seeded (--no-seed)"}`,
  ];
}

/** Stages every output, seeds the KV entries, swaps the outputs in and switches the KV manifest. */
async function publish(outputs: OutputTransaction, read: ReadResult, built: BuildResult, secrets: SecretsPlan, options: CliOptions, logger: Logger): Promise<void> {
  const outDir = resolve(options.out);

  const stageStep = logger.step("stage output");
  const model = outputs.stageFolder(outDir, {
    [OUTPUT_FILES.entries]: toBulkJson(built.entries),
    [OUTPUT_FILES.manifest]: toBulkJson([built.manifestEntry]),
  });
  if (options.csvOut !== undefined) outputs.stageFile(resolve(options.csvOut), read.csv);
  // .dev.vars changes before the manifest switches: the Worker then still opens the old
  // assets through MASTER_KEY_PREVIOUS, and the new ones once the manifest points to them.
  if (secrets.devVarsText !== null) outputs.stageFile(resolve(".dev.vars"), secrets.devVarsText, 0o600);
  stageStep.finish();

  if (options.seed) {
    const seedStep = logger.step("seed local KV");
    await uploadKvEntries(join(model.path, OUTPUT_FILES.entries));
    seedStep.finish();
  }

  const summaryJson = `${JSON.stringify(createRunSummary(read, built, options, logger), null, 2)}\n`;
  model.writeFile(OUTPUT_FILES.summary, summaryJson);
  if (options.report !== undefined) outputs.stageFile(resolve(options.report), summaryJson);

  outputs.swap();
  if (options.seed) {
    const switchStep = logger.step("switch local KV");
    await switchKvManifest(join(outDir, OUTPUT_FILES.manifest));
    switchStep.finish();
  }
}

/**
 * Deletes old versions from the local KV after a successful switch. A failure only warns,
 * because the new version is served either way.
 */
async function deleteOldKvVersions(currentVersion: string, logger: Logger): Promise<void> {
  const step = logger.step("delete old local KV versions");
  try {
    const deleted = await deleteOldVersions(currentVersion);
    const versions = deleted.versions.length;
    if (versions > 0) logger.info(`deleted ${deleted.keys} keys of ${versions} old ${versions === 1 ? "version" : "versions"} from the local KV`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(`${message}; the old keys stay unused, and the next run tries again`);
  } finally {
    step.finish();
  }
}

async function run(options: CliOptions, logger: Logger): Promise<void> {
  const bytes = readInputFile(options.input);
  const readStep = logger.step("read input");
  const read = readProfiles(bytes, { fileName: basename(options.input), sheet: options.sheet });
  readStep.finish();
  for (const warning of read.report.warnings) logger.warn(warning);

  const secrets = planSecrets(resolve(".dev.vars"), { rotate: options.rotateKey });
  const keys = await deriveKeySet(decodeMasterSecret(secrets.vars.MASTER_KEY, "MASTER_KEY"));
  const built = await buildAssets({ profiles: read.profiles, keys, logger });

  const outputs = createOutputTransaction();
  try {
    await publish(outputs, read, built, secrets, options, logger);
  } catch (error) {
    outputs.rollback();
    throw error;
  }
  for (const path of outputs.finish()) logger.warn(`${path}: deleting the previous output failed; delete it by hand`);
  if (options.seed) await deleteOldKvVersions(built.manifest.modelVersion, logger);

  if (secrets.source === "environment") {
    logger.info("sealed under MASTER_KEY from the environment, not .dev.vars; npm run dev serves these assets only with that key in .dev.vars");
  }
  if (secrets.source === "created") logger.info("created a new MASTER_KEY in .dev.vars (git-ignored; keep it private)");
  if (secrets.rotated) logger.info("rotated MASTER_KEY in .dev.vars; the previous key is kept as MASTER_KEY_PREVIOUS");
  if ((secrets.rotated || secrets.source === "created") && options.seed) {
    // wrangler dev reads .dev.vars only when it starts.
    logger.info('restart "npm run dev" if it is running, so that it loads the new key; for production, the "wrangler secret put" steps are in docs/deploy.md');
  } else if (secrets.rotated) {
    logger.warn('the local KV still holds assets sealed under the previous key, which "npm run dev" no longer loads; run the pipeline again without --no-seed');
  }
  // Created after the swap, so that its timings include the KV switch and the deletion of old versions.
  const summary = createRunSummary(read, built, options, logger);
  for (const line of formatRunSummary(summary, options)) logger.info(line);
}

// A lock path relative to the working folder when it is inside it, for shorter messages.
const displayPath = (path: string): string => {
  const relativePath = relative(process.cwd(), path);
  return relativePath === "" || relativePath.startsWith("..") || isAbsolute(relativePath) ? path : relativePath;
};

/**
 * Locks the output folder and, when the run seeds, the local KV namespace. Runs with different
 * --out values share that namespace, and without its lock one run's deletion of old versions
 * could delete the entries that another run has uploaded but not yet switched to.
 *
 * NOTE: .dev.vars is not locked. Two runs with different --out values, of which at least one
 * passes --no-seed, can still both create or rotate MASTER_KEY, and the one that finishes last wins.
 */
function acquireLocks(options: CliOptions, logger: Logger): FileLock[] {
  const onStaleLock = (message: string) => logger.warn(message);
  const locks = [acquireLock(displayPath(`${resolve(options.out)}.lock`), { resource: `the output folder "${options.out}"`, onStaleLock })];
  if (options.seed) {
    try {
      locks.push(acquireLock(localKvLockPath(), { resource: 'the local KV namespace of "npm run dev"', onStaleLock }));
    } catch (error) {
      locks[0]!.release();
      throw error;
    }
  }
  return locks;
}

async function main(argv: string[], logger: Logger): Promise<void> {
  const options = parseCli(argv);
  if (options === null) {
    process.stdout.write(USAGE);
    return;
  }
  checkOutputFolder(resolve(options.out), options.out);
  const locks = acquireLocks(options, logger);
  try {
    await run(options, logger);
  } finally {
    for (const lock of locks.reverse()) lock.release();
  }
}

const logger = createLogger({
  write: (text) => process.stdout.write(text),
  writeWarning: (text) => process.stderr.write(text),
  isTerminal: process.stdout.isTTY === true,
});
try {
  await main(process.argv.slice(2), logger);
} catch (error) {
  const isUsageError = error instanceof UsageError || isParseArgsError(error);
  if (isUsageError || EXPECTED_ERRORS.some((type) => error instanceof type)) {
    // One line, so that the failure reads as one message in a CI log.
    process.stderr.write(`pipeline failed: ${(error as Error).message.replace(/\s*\n\s*/g, " ")}\n`);
  } else {
    // Anything else is a bug, and its stack trace is what a report of it needs.
    process.stderr.write(`pipeline failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  if (isUsageError) process.stderr.write(`\n${USAGE}`);
  process.exitCode = isUsageError ? 2 : 1;
}
