/**
 * @module
 * `npm start`: generates the synthetic sample (once), runs the pipeline on it,
 * and serves the Worker on 127.0.0.1:8787. With `--smoke`, it instead checks
 * that a health and a recommendation request return status 200 and that the
 * server serves the version that the pipeline has just written, then stops.
 *
 * Exit codes: 0 on success, 1 when a step or a check failed, 2 on invalid options.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { assertPortFree, assertServedVersion, DEFAULT_PORT, DevServerError, parsePort, SmokeCheckError, startDevServer } from "./lib/node/dev-server.ts";
import { parseStrictArgs, runMain, UsageError } from "./lib/cli.ts";

const USAGE = `Usage: npm start -- [options]

Options:
  --smoke       check one health and one recommendation request, then stop
  --port PORT   port on 127.0.0.1 to serve on (default: ${DEFAULT_PORT})
  --help        show this help
`;

const SAMPLE_XLSX = "data/sample.xlsx";
const SAMPLE_CSV = "data/sample.csv";
/** The pipeline's run summary in its default output folder; `modelVersion` names the version it wrote. */
const SUMMARY_JSON = "model/summary.json";

interface CliOptions {
  smoke: boolean;
  port: number;
}

/** Thrown when a step run as a child process fails; the child has printed its own error. */
class StepFailedError extends Error {
  override readonly name = "StepFailedError";
}

function runScript(script: string, args: string[]): void {
  const result = spawnSync(process.execPath, [script, ...args], { stdio: "inherit" });
  if (result.status !== 0) throw new StepFailedError(`${script} exited with code ${result.status ?? result.signal}; see its error above`);
}

/** Returns a synthetic handle of the sample, to show a working request. */
function firstSampleHandle(): string {
  const header = readFileSync(SAMPLE_CSV, "utf8").split("\n", 2)[1] ?? "";
  return header.split(",")[1] ?? "unknown";
}

function writtenModelVersion(): string {
  const version = (JSON.parse(readFileSync(SUMMARY_JSON, "utf8")) as { modelVersion?: unknown }).modelVersion;
  if (typeof version !== "string") throw new SmokeCheckError(`${SUMMARY_JSON} has no modelVersion; run the pipeline again`);
  return version;
}

/** Sends GET `path`, prints the status and the start of the body, and returns the body. */
async function check(url: string, path: string): Promise<string> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(`${url}${path}`);
    body = await response.text();
  } catch (error) {
    throw new SmokeCheckError(`GET ${path} failed (${error instanceof Error ? error.message : String(error)}); see the server's output above`, { cause: error });
  }
  process.stdout.write(`GET ${path} -> ${response.status}\n${body.slice(0, 600)}\n`);
  if (response.status !== 200) throw new SmokeCheckError(`GET ${path} returned status ${response.status}, expected 200`);
  return body;
}

function parseCli(argv: string[]): CliOptions | null {
  const values = parseStrictArgs(argv, {
    smoke: { type: "boolean", default: false },
    port: { type: "string", default: String(DEFAULT_PORT) },
    help: { type: "boolean", default: false },
  });
  if (values.help) return null;
  const port = parsePort(values.port);
  if (port === null) throw new UsageError(`--port must be an integer from 1 to 65535, got "${values.port}"`);
  return { smoke: values.smoke, port };
}

async function main(argv: string[]): Promise<void> {
  const options = parseCli(argv);
  if (options === null) {
    process.stdout.write(USAGE);
    return;
  }
  // Checked before the pipeline runs, so that a taken port fails at once.
  await assertPortFree(options.port);

  if (!existsSync(SAMPLE_XLSX) || !existsSync(SAMPLE_CSV)) runScript("scripts/generate-sample.ts", []);
  runScript("scripts/pipeline.ts", ["--input", SAMPLE_XLSX]);
  const expectedVersion = writtenModelVersion();

  const server = await startDevServer({ port: options.port, quiet: options.smoke });
  const example = `/api/recommendation/${firstSampleHandle()}?limit=3`;
  if (options.smoke) {
    try {
      assertServedVersion(await check(server.url, "/api/health"), expectedVersion, SUMMARY_JSON);
      await check(server.url, example);
    } finally {
      await server.stop();
    }
    process.stdout.write(`smoke check passed: model ${expectedVersion} served on ${server.url}\n`);
    return;
  }

  process.stdout.write(`\nServing on ${server.url}. Try:\n  curl ${server.url}/api/health\n  curl '${server.url}${example}'\nPress Ctrl+C to stop.\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Closing the terminal sends SIGHUP; wrangler runs in its own process group and would outlive it.
  process.on("SIGHUP", stop);
  server.child.on("exit", (code) => process.exit(code ?? 1));
}

await runMain("start", USAGE, [DevServerError, SmokeCheckError, StepFailedError], () => main(process.argv.slice(2)));
