/**
 * @module
 * `npm run evaluate`: compares the model with the original method, popularity
 * and random lists on the synthetic sample and a noisier variant of it (or on
 * `--input FILE`), and writes the results into docs/evaluation.md between its
 * result markers.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readProfiles } from "./lib/ingest/index.ts";
import { createLogger } from "./lib/logger.ts";
import { addTextNoise } from "./lib/evaluate/noisy-sample.ts";
import { renderResults } from "./lib/evaluate/report.ts";
import { evaluateDataset, type DatasetEvaluation, type EvaluationDataset } from "./lib/evaluate/run.ts";
import { DEFAULT_SAMPLE_OPTIONS, generateSample, writeSampleWorkbook, type SampleProfile } from "./lib/sample/index.ts";

const USAGE = `Usage: npm run evaluate -- [options]

Evaluates the recommender against the original method, popularity and random
lists on held-out bio tokens, and writes the results into docs/evaluation.md.

Options:
  --input FILE   evaluate a profiles file (.csv, .xlsx, ...) in place of the two synthetic datasets
  --out FILE     markdown file to update between its result markers (default docs/evaluation.md)
  --help         show this help
`;

/** Seed of the noisy variant; any seed other than the sample's gives different profiles. */
const NOISY_SEED = 2;
const RESULTS_START = "<!-- results:start -->";
const RESULTS_END = "<!-- results:end -->";

function toDataset(name: string, profiles: SampleProfile[]): EvaluationDataset {
  // Through CSV and the real reader, as the pipeline reads a user's file.
  const bytes = writeSampleWorkbook(profiles.map((profile) => profile.row), "csv");
  const read = readProfiles(bytes, { fileName: `${name}.csv` });
  // rowNumber counts the header as row 1, so generated profile i is on row i + 2.
  return { name, profiles: read.profiles, languages: read.profiles.map((profile) => profiles[profile.rowNumber - 2]?.language ?? null) };
}

function syntheticDatasets(): EvaluationDataset[] {
  const sample = generateSample(DEFAULT_SAMPLE_OPTIONS);
  const noisy = addTextNoise(generateSample({ ...DEFAULT_SAMPLE_OPTIONS, seed: NOISY_SEED }));
  return [
    toDataset(`Synthetic sample (seed ${DEFAULT_SAMPLE_OPTIONS.seed}, the data/sample.csv of npm start)`, sample),
    toDataset(`Noisy synthetic sample (seed ${NOISY_SEED}, noisier text)`, noisy),
  ];
}

function updateDocument(path: string, results: string): void {
  const block = `${RESULTS_START}\n${results}\n${RESULTS_END}`;
  const current = existsSync(path) ? readFileSync(path, "utf8") : `# Evaluation\n\n${RESULTS_START}\n${RESULTS_END}\n`;
  const start = current.indexOf(RESULTS_START);
  const end = current.indexOf(RESULTS_END);
  if (start === -1 || end < start) throw new Error(`${path} has no "${RESULTS_START}" ... "${RESULTS_END}" block; add the two markers where the results belong`);
  writeFileSync(path, current.slice(0, start) + block + current.slice(end + RESULTS_END.length));
}

const logger = createLogger({ write: (text) => process.stderr.write(text), isTerminal: process.stderr.isTTY === true });
try {
  const { values } = parseArgs({
    options: { input: { type: "string" }, out: { type: "string", default: "docs/evaluation.md" }, help: { type: "boolean", default: false } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
  } else {
    const datasets =
      values.input === undefined
        ? syntheticDatasets()
        : [{ name: basename(values.input), profiles: readProfiles(new Uint8Array(readFileSync(resolve(values.input))), { fileName: basename(values.input) }).profiles }];
    const evaluations: DatasetEvaluation[] = [];
    for (const dataset of datasets) {
      const step = logger.step(`evaluate ${dataset.name}`);
      evaluations.push(await evaluateDataset(dataset));
      step.finish();
    }
    const command = values.input === undefined ? "npm run evaluate" : `npm run evaluate -- --input ${basename(values.input)}`;
    const environment = `Node.js ${process.versions.node}, ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${availableParallelism()} cores`;
    updateDocument(resolve(values.out), renderResults(evaluations, { command, environment }));
    for (const evaluation of evaluations) {
      for (const result of evaluation.results) {
        logger.info(`${evaluation.name}: ${result.method}: recall@10 ${result.recallAt10.toFixed(3)}, NDCG@10 ${result.ndcgAt10.toFixed(3)}`);
      }
    }
    logger.info(`wrote ${values.out}`);
  }
} catch (error) {
  process.stderr.write(`evaluate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof TypeError && "code" in error) process.stderr.write(`\n${USAGE}`);
  process.exitCode = 1;
}
