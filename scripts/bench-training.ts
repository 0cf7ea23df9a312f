/**
 * @module
 * `npm run bench:training`: times the pipeline core (pseudonymize, seal the
 * catalog, train, export and seal, but no KV seeding) on 1k, 10k and 100k
 * synthetic profiles. Each size runs in a fresh child process, so its peak
 * resident memory is its own. The figures replace the "## Training" section
 * of docs/benchmarks.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { fromBase64 } from "../src/shared/bytes.ts";
import { createMasterSecret, deriveKeySet } from "../src/shared/keys.ts";
import { readProfiles } from "./lib/ingest/index.ts";
import { createLogger, createSilentLogger } from "./lib/logger.ts";
import { buildAssets } from "./lib/pipeline/build.ts";
import { generateSampleRows, writeSampleWorkbook } from "./lib/sample/index.ts";

const USAGE = `Usage: npm run bench:training -- [options]

Options:
  --sizes LIST   comma-separated profile counts (default 1000,10000,100000)
  --out FILE     markdown file whose "## Training" section is replaced (default docs/benchmarks.md)
  --no-write     print the table only
  --help         show this help
`;

const SECTION = "## Training";
/** Seed of the benchmark's synthetic profiles. */
const BENCH_SEED = 3;

/** Measurements of one child run. */
interface SizeResult {
  profiles: number;
  videos: number;
  vocabulary: number;
  /** Seconds per step: generate and read are input preparation, the rest is the pipeline core. */
  seconds: Record<string, number>;
  coreSeconds: number;
  modelMiB: number;
  modelChunks: number;
  kvEntries: number;
  /** Resident memory after the input was read, and the process's peak, in MiB. */
  inputRssMiB: number;
  peakRssMiB: number;
}

const MIB = 1024 * 1024;

async function measure(profileCount: number): Promise<SizeResult> {
  const seconds: Record<string, number> = {};
  let started = performance.now();
  const lap = (name: string) => {
    seconds[name] = (performance.now() - started) / 1000;
    started = performance.now();
  };
  let csv: Uint8Array | null = writeSampleWorkbook(generateSampleRows({ profiles: profileCount, seed: BENCH_SEED }), "csv");
  lap("generate");
  const { profiles } = readProfiles(csv, { fileName: "bench.csv" });
  csv = null;
  lap("read");
  globalThis.gc?.();
  const inputRssMiB = process.memoryUsage().rss / MIB;

  const logger = createSilentLogger();
  const keys = await deriveKeySet(fromBase64(createMasterSecret()));
  const built = await buildAssets({ profiles, keys, logger });
  const coreSeconds = Object.values(logger.timings).reduce((sum, value) => sum + value, 0) / 1000;
  for (const [name, milliseconds] of Object.entries(logger.timings)) seconds[name] = milliseconds / 1000;

  return {
    profiles: built.manifest.counts.profiles,
    videos: built.manifest.counts.videos,
    vocabulary: built.manifest.counts.vocabulary,
    seconds,
    coreSeconds,
    modelMiB: built.modelBytes / MIB,
    modelChunks: built.manifest.modelChunks,
    kvEntries: built.entries.length + 1,
    inputRssMiB,
    // maxRSS is in kibibytes (Node.js process.resourceUsage).
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

function renderSection(results: readonly SizeResult[], command: string): string {
  const steps = ["pseudonymize", "seal catalog", "train", "export ONNX and seal"];
  const rows = results.map(
    (result) =>
      `| ${result.profiles.toLocaleString("en-US")} | ${result.videos.toLocaleString("en-US")} | ${result.vocabulary.toLocaleString("en-US")} | ` +
      steps.map((step) => (result.seconds[step] ?? 0).toFixed(2)).join(" | ") +
      ` | ${result.coreSeconds.toFixed(2)} | ${result.modelMiB.toFixed(1)} (${result.modelChunks}) | ${result.inputRssMiB.toFixed(0)} | ${result.peakRssMiB.toFixed(0)} |`,
  );
  const environment = `Node.js ${process.versions.node}, ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${availableParallelism()} cores, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`;
  return [
    SECTION,
    "",
    `Measured with \`${command}\` on ${environment}. Each size runs in its own process: synthetic profiles (seed ${BENCH_SEED}) are written as CSV and read back, ` +
      "then the pipeline core runs as `npm run pipeline` runs it, without writing files or seeding KV. Times are seconds of wall clock.",
    "",
    "| profiles | videos | vocabulary | pseudonymize | seal catalog | train | export ONNX and seal | core total | ONNX MiB (KV chunks) | RSS after reading input, MiB | peak RSS, MiB |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    ...growthLines(results),
    "The sealed ONNX model is split into KV values of at most 20 MiB, under KV's 25 MiB value limit.",
    "",
  ].join("\n");
}

/** Describes how time and memory grow between consecutive sizes. */
function growthLines(results: readonly SizeResult[]): string[] {
  const lines: string[] = [];
  for (let i = 1; i < results.length; i++) {
    const [smaller, larger] = [results[i - 1]!, results[i]!];
    const factor = (a: number, b: number) => (b / a).toFixed(1);
    lines.push(
      `From ${smaller.profiles.toLocaleString("en-US")} to ${larger.profiles.toLocaleString("en-US")} profiles (x${factor(smaller.profiles, larger.profiles)}), ` +
        `training time grows x${factor(smaller.seconds.train ?? 0, larger.seconds.train ?? 0)}, the core total x${factor(smaller.coreSeconds, larger.coreSeconds)} ` +
        `and peak RSS x${factor(smaller.peakRssMiB, larger.peakRssMiB)}.`,
    );
  }
  return lines.length === 0 ? [] : [...lines, ""];
}

function replaceSection(path: string, section: string): void {
  const current = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmarks\n";
  const start = current.indexOf(`${SECTION}\n`);
  if (start === -1) {
    writeFileSync(path, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf("\n## ", start + SECTION.length);
  writeFileSync(path, current.slice(0, start) + section + (next === -1 ? "" : current.slice(next + 1)));
}

const logger = createLogger({ write: (text) => process.stderr.write(text), isTerminal: process.stderr.isTTY === true });
try {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000,100000" },
      out: { type: "string", default: "docs/benchmarks.md" },
      "no-write": { type: "boolean", default: false },
      child: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
  } else if (values.child !== undefined) {
    process.stdout.write(`${JSON.stringify(await measure(Number(values.child)))}\n`);
  } else {
    const sizes = values.sizes.split(",").map((text) => {
      const size = Number(text);
      if (!Number.isSafeInteger(size) || size < 2) throw new Error(`invalid size "${text}" in --sizes: expected whole numbers of at least 2`);
      return size;
    });
    const results: SizeResult[] = [];
    for (const size of sizes) {
      const step = logger.step(`${size} profiles`);
      const output = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", String(size)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 1024 * 1024,
      });
      results.push(JSON.parse(output) as SizeResult);
      step.finish();
    }
    const command = `npm run bench:training${values.sizes === "1000,10000,100000" ? "" : ` -- --sizes ${values.sizes}`}`;
    const section = renderSection(results, command);
    process.stdout.write(section);
    if (!values["no-write"]) {
      replaceSection(resolve(values.out), section);
      logger.info(`wrote the "${SECTION}" section of ${values.out}`);
    }
  }
} catch (error) {
  process.stderr.write(`bench:training failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof TypeError && "code" in error) process.stderr.write(`\n${USAGE}`);
  process.exitCode = 1;
}
