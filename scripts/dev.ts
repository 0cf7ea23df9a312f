/**
 * @module
 * `npm run dev`: serves the Worker with `wrangler dev` on 127.0.0.1:8787
 * against the local KV that `npm run pipeline` seeded.
 */
import { existsSync } from "node:fs";
import { startDevServer } from "./lib/node/dev-server.ts";

if (!existsSync("model/kv-manifest.json") || !existsSync(".dev.vars")) {
  process.stderr.write('no assets to serve: run "npm run pipeline -- --input FILE" (or "npm start" for the sample) first\n');
  process.exit(1);
}
const server = await startDevServer({ port: 8787 });
process.stdout.write(`Serving on ${server.url} (GET /api/health, GET /api/recommendation/{personId}). Press Ctrl+C to stop.\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.child.on("exit", (code) => process.exit(code ?? 1));
