/**
 * @module
 * Writes the pipeline's outputs all at once: everything goes to a staging
 * folder beside the target, which replaces the target only when complete, so a
 * failed run leaves the previous `model/` untouched.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { KvEntry } from "../pipeline/assets.ts";


/** Files of one pipeline run, by name inside the output folder. */
export type OutputFiles = Record<string, string | Uint8Array>;

/** The file names the pipeline writes. */
export const OUTPUT_FILES = {
  /** Every sealed entry except the manifest, for `wrangler kv bulk put`. */
  entries: "kv-entries.json",
  /** The sealed manifest alone, uploaded last to switch versions. */
  manifest: "kv-manifest.json",
  /** Non-secret summary of the run (counts, version, key id, timings). */
  summary: "summary.json",
} as const;

/** Formats KV entries in the JSON shape of `wrangler kv bulk put`. */
export function toBulkJson(entries: KvEntry[]): string {
  return JSON.stringify(entries.map((entry) => ({ key: entry.key, value: Buffer.from(entry.value).toString("base64"), base64: true })));
}

/** Replaces folder `target` with the given files; the old folder survives any failure before the swap. */
export function writeOutputAtomically(target: string, files: OutputFiles): void {
  mkdirSync(dirname(target), { recursive: true });
  const suffix = `${process.pid}-${Date.now()}`;
  const staging = `${target}.staging-${suffix}`;
  const previous = `${target}.previous-${suffix}`;
  mkdirSync(staging);
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(staging, name), content);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(previous)) renameSync(previous, target);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}
