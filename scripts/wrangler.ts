/**
 * @module
 * `node scripts/wrangler.ts ARGS`: the project's wrangler, run with telemetry
 * and update checks off. npm scripts use it for `deploy --dry-run`.
 */
import { spawnWrangler } from "./lib/node/wrangler.ts";

const child = spawnWrangler(process.argv.slice(2));
child.on("exit", (code) => process.exit(code ?? 1));
