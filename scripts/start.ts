/**
 * @module
 * `npm start`: generates the synthetic sample (once), runs the pipeline on it,
 * and serves the Worker on 127.0.0.1:8787. With `--smoke`, it instead checks
 * that the service answers a health and a recommendation request, then stops.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { startDevServer } from "./lib/node/dev-server.ts";

const SAMPLE_XLSX = "data/sample.xlsx";
const SAMPLE_CSV = "data/sample.csv";
const PORT = 8787;
const smoke = process.argv.includes("--smoke");

function runScript(script: string, args: string[]): void {
  const result = spawnSync(process.execPath, [script, ...args], { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`start failed: ${script} exited with code ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
}

/** A synthetic handle of the sample, to show a working request. */
function firstSampleHandle(): string {
  const header = readFileSync(SAMPLE_CSV, "utf8").split("\n", 2)[1] ?? "";
  return header.split(",")[1] ?? "unknown";
}

async function check(url: string, path: string): Promise<void> {
  const response = await fetch(`${url}${path}`);
  const body = await response.text();
  process.stdout.write(`GET ${path} -> ${response.status}\n${body.slice(0, 600)}\n`);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
}

if (!existsSync(SAMPLE_XLSX) || !existsSync(SAMPLE_CSV)) runScript("scripts/generate-sample.ts", []);
runScript("scripts/pipeline.ts", ["--input", SAMPLE_XLSX]);

const server = await startDevServer({ port: PORT, quiet: smoke });
const example = `/api/recommendation/${firstSampleHandle()}?limit=3`;
if (smoke) {
  try {
    await check(server.url, "/api/health");
    await check(server.url, example);
  } finally {
    await server.stop();
  }
} else {
  process.stdout.write(`\nServing on ${server.url}. Try:\n  curl ${server.url}/api/health\n  curl '${server.url}${example}'\nPress Ctrl+C to stop.\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
