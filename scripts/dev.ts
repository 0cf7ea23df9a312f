/**
 * @module
 * `npm run dev`: serves the Worker with `wrangler dev` on 127.0.0.1:8787
 * against the local KV that `npm run pipeline` seeded.
 */
import { existsSync } from "node:fs";
import { spawnWrangler } from "./lib/node/wrangler.ts";

if (!existsSync("model/kv-manifest.json") || !existsSync(".dev.vars")) {
  process.stderr.write('no assets to serve: run "npm run pipeline -- --input FILE" (or "npm start" for the sample) first\n');
  process.exit(1);
}
const child = spawnWrangler(["dev", "--ip", "127.0.0.1", "--port", "8787", ...process.argv.slice(2)]);
child.on("exit", (code) => process.exit(code ?? 1));
