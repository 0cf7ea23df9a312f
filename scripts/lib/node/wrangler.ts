/**
 * @module
 * Runs the project's wrangler with telemetry and update checks off, so no
 * command of this project reaches the network unless asked to deploy.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Environment that keeps wrangler offline: no metrics, no error reports, no banner (and so no update check). */
export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_SEND_METRICS: "false",
  // Miniflare otherwise downloads a sample `Request.cf` object from Cloudflare at every start.
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  // wrangler dev otherwise stores every request URL, and so every person id, in a trace database under .wrangler/state.
  X_LOCAL_OBSERVABILITY: "false",
} as const;

/** Path of the wrangler CLI installed with the project. */
export function wranglerBin(): string {
  // The package exports only its API, so the CLI is found beside package.json.
  const packageJson = createRequire(import.meta.url).resolve("wrangler/package.json");
  return join(dirname(packageJson), "bin", "wrangler.js");
}

/** Starts wrangler with `args` on the current Node binary (Node 22 from the project's dependencies). */
export function spawnWrangler(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [wranglerBin(), ...args], {
    stdio: "inherit",
    ...options,
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV, ...options.env },
  });
}

/** Runs wrangler to completion; rejects with its exit code and captured output when it fails. */
export function runWrangler(args: string[], options: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnWrangler(args, { stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`wrangler ${args[0] ?? ""} ${args[1] ?? ""} failed with exit code ${code}:\n${output.trim()}`));
    });
  });
}
