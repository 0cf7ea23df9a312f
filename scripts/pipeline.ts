/**
 * @module
 * `npm run pipeline -- --input FILE`: reads a profiles spreadsheet, then
 * pseudonymizes, seals, trains and exports it into `model/`, and seeds the
 * local KV namespace that `npm run dev` serves.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { deriveKeySet, decodeMasterSecret, createMasterSecret } from "../src/shared/keys.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import { loadOrCreateSecrets, writeDevVars } from "./lib/node/dev-vars.ts";
import { seedLocalKv } from "./lib/node/local-kv.ts";
import { OUTPUT_FILES, toBulkJson, writeOutputAtomically } from "./lib/node/output.ts";
import { buildAssets } from "./lib/pipeline/build.ts";
import { readProfiles } from "./lib/ingest/index.ts";

const USAGE = `Usage: npm run pipeline -- --input FILE [options]

Options:
  --input FILE      profiles spreadsheet: .csv, .xlsx, .xls or .ods (required)
  --sheet NAME      sheet of a workbook to read (default: the first)
  --out DIR         output folder for the sealed KV assets (default: model)
  --report FILE     also write the run's summary as JSON to FILE
  --csv-out FILE    write the converted CSV (the workbook's sheet, with formula-like cells neutralised)
  --no-seed         do not seed the local KV namespace of "npm run dev"
  --rotate-key      create a new MASTER_KEY in .dev.vars, keep the old one as MASTER_KEY_PREVIOUS, and seal under the new one
  --help            show this help
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

class UsageError extends Error {
  override name = "UsageError";
}

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

function secretsFor(options: CliOptions, logger: Logger): Record<string, string> {
  const path = resolve(".dev.vars");
  const { vars, source } = loadOrCreateSecrets(path);
  if (source === "created") logger.info("created a new MASTER_KEY in .dev.vars (git-ignored; keep it private)");
  if (!options.rotateKey) return vars;
  if (source === "environment") throw new UsageError("--rotate-key rotates the key in .dev.vars; unset MASTER_KEY in the environment first");
  const rotated = { ...vars, MASTER_KEY_PREVIOUS: vars.MASTER_KEY!, MASTER_KEY: createMasterSecret() };
  writeDevVars(path, rotated);
  logger.info("rotated MASTER_KEY in .dev.vars; the previous key is kept as MASTER_KEY_PREVIOUS");
  return rotated;
}

async function run(options: CliOptions, logger: Logger): Promise<void> {
  const inputPath = resolve(options.input);
  if (!existsSync(inputPath)) throw new UsageError(`${options.input}: file not found; check the path given to --input`);

  const readStep = logger.step("read input");
  const read = readProfiles(new Uint8Array(readFileSync(inputPath)), { fileName: basename(inputPath), sheet: options.sheet });
  readStep.finish();
  for (const warning of read.report.warnings) logger.warn(warning);
  if (options.csvOut !== undefined && read.csv !== undefined) writeFileSync(options.csvOut, read.csv);

  const vars = secretsFor(options, logger);
  const keys = await deriveKeySet(decodeMasterSecret(vars.MASTER_KEY, "MASTER_KEY"));
  const built = await buildAssets({ profiles: read.profiles, keys, logger });

  const summary = {
    input: basename(inputPath),
    modelVersion: built.manifest.modelVersion,
    keyId: built.manifest.keyId,
    counts: built.manifest.counts,
    modelBytes: built.modelBytes,
    kvEntries: built.entries.length + 1,
    droppedRareTokens: built.droppedTokens,
    ingestion: read.report,
    timingsMs: logger.timings,
  };
  const writeStep = logger.step("write output");
  writeOutputAtomically(resolve(options.out), {
    [OUTPUT_FILES.entries]: toBulkJson(built.entries),
    [OUTPUT_FILES.manifest]: toBulkJson([built.manifestEntry]),
    [OUTPUT_FILES.summary]: `${JSON.stringify(summary, null, 2)}\n`,
  });
  writeStep.finish();

  if (options.seed) {
    const seedStep = logger.step("seed local KV");
    await seedLocalKv(resolve(options.out));
    seedStep.finish();
  }
  if (options.report !== undefined) writeFileSync(options.report, `${JSON.stringify(summary, null, 2)}\n`);
  logger.info(
    `model ${built.manifest.modelVersion}: ${built.manifest.counts.profiles} profiles, ${built.manifest.counts.videos} videos, ` +
      `${built.manifest.counts.vocabulary} features; ${read.report.rowsRead} rows read, ${read.report.rowsUsed} used, ` +
      `${read.report.rowsRead - read.report.rowsUsed} skipped; assets in ${options.out}/`,
  );
}

const logger = createLogger({ write: (text) => process.stderr.write(text), isTerminal: process.stderr.isTTY === true });
try {
  const options = parseCli(process.argv.slice(2));
  if (options === null) process.stdout.write(USAGE);
  else await run(options, logger);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`pipeline failed: ${message}\n`);
  if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) process.stderr.write(`\n${USAGE}`);
  process.exitCode = 1;
}
