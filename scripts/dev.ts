/**
 * @module
 * `npm run dev`: serves the Worker with `wrangler dev` on 127.0.0.1:8787
 * against the local KV that `npm run pipeline` seeded, with the MASTER_KEY
 * from `.dev.vars`. wrangler reads `.dev.vars` only when it starts.
 *
 * Exit codes: 1 when a file is missing, the port is taken or wrangler fails, 2 on invalid options.
 */
import { existsSync, readFileSync } from "node:fs";
import { DEFAULT_PORT, DevServerError, parsePort, startDevServer } from "./lib/node/dev-server.ts";
import { parseDevVars } from "./lib/node/dev-vars.ts";
import { parseStrictArgs, runMain, UsageError } from "./lib/cli.ts";
import { decodeMasterSecret } from "../src/shared/keys.ts";

const USAGE = `Usage: npm run dev -- [options]

Options:
  --port PORT   port on 127.0.0.1 to serve on (default: ${DEFAULT_PORT})
  --help        show this help
`;

const MANIFEST = "model/kv-manifest.json";
const DEV_VARS = ".dev.vars";
const RUN_PIPELINE = '"npm run pipeline -- --input FILE" (or "npm start" for the sample)';

function parseCli(argv: string[]): { port: number } | null {
  const values = parseStrictArgs(argv, {
    port: { type: "string", default: String(DEFAULT_PORT) },
    help: { type: "boolean", default: false },
  });
  if (values.help) return null;
  const port = parsePort(values.port);
  if (port === null) throw new UsageError(`--port must be an integer from 1 to 65535, got "${values.port}"`);
  return { port };
}

/** Returns one message for each file that the server needs and that is missing or incomplete. */
function findMissingFiles(): string[] {
  const problems: string[] = [];
  if (!existsSync(MANIFEST)) {
    problems.push(`no assets to serve: ${MANIFEST} not found; run ${RUN_PIPELINE} first`);
  }
  if (!existsSync(DEV_VARS)) {
    problems.push(
      `${DEV_VARS} not found, so the Worker has no MASTER_KEY to open the assets; ` +
        `run ${RUN_PIPELINE}, which creates it and seals the assets under the new key`,
    );
  } else {
    const masterKey = parseDevVars(readFileSync(DEV_VARS, "utf8")).MASTER_KEY;
    if (!masterKey) {
      problems.push(`${DEV_VARS} has no MASTER_KEY value; run ${RUN_PIPELINE}, which adds one and seals the assets under it`);
    } else {
      try {
        decodeMasterSecret(masterKey, "MASTER_KEY");
      } catch (error) {
        // The message names the rule, never the value.
        problems.push(`${DEV_VARS}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return problems;
}

async function main(argv: string[]): Promise<void> {
  const options = parseCli(argv);
  if (options === null) {
    process.stdout.write(USAGE);
    return;
  }
  const problems = findMissingFiles();
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`dev failed: ${problem}\n`);
    process.exitCode = 1;
    return;
  }

  const server = await startDevServer({ port: options.port });
  process.stdout.write(`Serving on ${server.url} (GET /api/health, GET /api/recommendation/{personId}). Press Ctrl+C to stop.\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Closing the terminal sends SIGHUP; wrangler runs in its own process group and would outlive it.
  process.on("SIGHUP", stop);
  server.child.on("exit", (code) => process.exit(code ?? 1));
}

await runMain("dev", USAGE, [DevServerError], () => main(process.argv.slice(2)));
