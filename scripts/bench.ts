/**
 * @module
 * `npm run bench`: measures the service through `wrangler dev` on loopback.
 *
 * 1. Cold start: time of the first recommendation request of a fresh isolate.
 * 2. Throughput: autocannon drives /api/health and /api/recommendation/<id> at the
 *    same time, each with CONNECTIONS connections, and prints requests per second,
 *    p50/p99 latency and the ratio.
 * 3. Load: LOAD_REQUESTS recommendation requests at CONNECTIONS connections; counts
 *    errors and compares workerd's resident memory after the first and the last
 *    thousand requests. Further runs of as many requests (`--soak-runs`, default 1)
 *    show whether memory keeps growing or levels off. `--load-target health` runs
 *    the same load against /api/health as a control.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Papa from "papaparse";
import { startDevServer } from "./lib/node/dev-server.ts";
import { processTreeRssBytes } from "./lib/node/memory.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8799" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "10" },
    "load-requests": { type: "string", default: "10000" },
    "soak-runs": { type: "string", default: "1" },
    "load-target": { type: "string", default: "recommendation" },
    input: { type: "string", default: "data/sample.csv" },
  },
});
const CONNECTIONS = Number(values.connections);
const DURATION_S = Number(values.duration);
const LOAD_REQUESTS = Number(values["load-requests"]);
const SOAK_RUNS = Number(values["soak-runs"]);
/** "health" runs the load and soak against /api/health, as a control for the runtime's own memory growth. */
const LOAD_TARGET = values["load-target"] === "health" ? "health" : "recommendation";

function sampleIds(csvPath: string): string[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(csvPath, "utf8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  return parsed.data.map((row) => row.account_id ?? "").filter((id) => /^[A-Za-z0-9_.]+$/.test(id));
}

function summarise(name: string, result: autocannon.Result) {
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function recommendationRequests(ids: string[]): autocannon.Request[] {
  return [{ method: "GET", setupRequest: (request) => ({ ...request, path: `/api/recommendation/${ids[Math.floor(Math.random() * ids.length)]}` }) }];
}

/** Sends LOAD_REQUESTS recommendation requests; calls `afterFirstThousand` once 1,000 responses have arrived. */
function runLoad(url: string, ids: string[], afterFirstThousand: () => void): Promise<autocannon.Result> {
  let completed = 0;
  return new Promise((resolve, reject) => {
    const requests: autocannon.Request[] = LOAD_TARGET === "health" ? [{ method: "GET", path: "/api/health" }] : recommendationRequests(ids);
    const instance = autocannon({ url, connections: CONNECTIONS, amount: LOAD_REQUESTS, requests }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    instance.on("response", () => {
      completed++;
      if (completed === 1_000) afterFirstThousand();
    });
  });
}

async function main(): Promise<void> {
  const ids = sampleIds(values.input);
  if (ids.length === 0) throw new Error(`${values.input} has no usable account_id values; run "npm start" or "npm run sample" first`);
  const server = await startDevServer({ port: Number(values.port), quiet: true });
  try {
    const coldStart = performance.now();
    const first = await fetch(`${server.url}/api/recommendation/${ids[0]}`);
    const coldMs = performance.now() - coldStart;
    if (first.status !== 200) throw new Error(`first request returned status ${first.status}; run "npm start" or the pipeline first`);
    const warmStart = performance.now();
    await fetch(`${server.url}/api/recommendation/${ids[1] ?? ids[0]}`);
    const warmMs = performance.now() - warmStart;
    process.stdout.write(`cold first request: ${coldMs.toFixed(0)} ms (next request: ${warmMs.toFixed(1)} ms)\n`);

    const [health, recommendation] = await Promise.all([
      run({ url: `${server.url}/api/health`, connections: CONNECTIONS, duration: DURATION_S }),
      run({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, requests: recommendationRequests(ids) }),
    ]);
    const rows = [summarise("/api/health", health), summarise("/api/recommendation/:id", recommendation)];
    console.table(rows);
    process.stdout.write(`throughput ratio recommendation/health: ${(rows[1]!.requestsPerSecond / rows[0]!.requestsPerSecond).toFixed(3)}\n`);

    const workerdRss = () => processTreeRssBytes(server.child.pid!, "workerd");
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    let rssAfterFirstThousand = 0;
    const load = await runLoad(server.url, ids, () => (rssAfterFirstThousand = workerdRss()));
    const rssAfterLoad = workerdRss();
    console.table([summarise(`load ${LOAD_REQUESTS} (${LOAD_TARGET})`, load)]);
    process.stdout.write(
      `load: ${load.requests.total} requests, ${load.non2xx} non-2xx, ${load.errors + load.timeouts} errors; workerd RSS after the first 1,000: ` +
        `${mib(rssAfterFirstThousand)}, after the last: ${mib(rssAfterLoad)} (growth ${mib(rssAfterLoad - rssAfterFirstThousand)})\n`,
    );
    let failures = load.non2xx + load.errors + load.timeouts;
    let previousRss = rssAfterLoad;
    for (let run = 1; run <= SOAK_RUNS; run++) {
      const soak = await runLoad(server.url, ids, () => {});
      const rss = workerdRss();
      failures += soak.non2xx + soak.errors + soak.timeouts;
      process.stdout.write(
        `soak ${run}: ${LOAD_REQUESTS} more requests, ${soak.non2xx} non-2xx, ${soak.errors + soak.timeouts} errors; workerd RSS at end: ${mib(rss)} ` +
          `(growth over this run ${mib(rss - previousRss)})\n`,
      );
      previousRss = rss;
    }
    if (failures > 0) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
