/**
 * @module
 * Seeds the local KV namespace that `wrangler dev` reads (under `.wrangler/state`)
 * in two steps. The entries go first: their keys contain the new asset version, so
 * they change nothing that the Worker reads. The manifest goes last and switches
 * the Worker to the new version, so a failure before it leaves the previous
 * version served.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runWrangler } from "./wrangler.ts";

/** The KV binding name in wrangler.toml. */
export const KV_BINDING = "ASSETS_KV";

/** Options of the local KV commands. */
export interface LocalKvOptions {
  /** State folder of `wrangler dev --persist-to`; defaults to wrangler's `.wrangler/state`. */
  persistTo?: string | undefined;
}

/** Thrown when wrangler fails to write the local KV namespace. The message is one line. */
export class LocalKvError extends Error {
  override readonly name = "LocalKvError";
}

// Terminal colour and style sequences in wrangler's output.
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

/**
 * Returns the line of wrangler's output that states the problem: the first `[ERROR]` line,
 * else the last non-empty line. runWrangler puts the output after the first line of its message.
 */
const wranglerProblem = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.replace(ANSI_ESCAPE, "").split("\n").map((line) => line.trim());
  const output = lines.slice(1).filter((line) => line !== "");
  const errorLine = output.find((line) => line.includes("[ERROR]"));
  const problem = errorLine === undefined ? (output.at(-1) ?? lines[0] ?? error.message) : errorLine.replace(/^.*\[ERROR\]\s*/, "");
  // The caller's message goes on after a semicolon.
  return problem.replace(/\.$/, "");
};

const commonArgs = (options: LocalKvOptions): string[] => [
  "--binding",
  KV_BINDING,
  "--local",
  ...(options.persistTo === undefined ? [] : ["--persist-to", options.persistTo]),
];

// Deletes the keys of a failed upload, so that the namespace contains what it contained before.
// A failure here is ignored, because leftover keys of an unused version change nothing that is served.
const deleteUploadedKeys = async (entriesPath: string, options: LocalKvOptions): Promise<void> => {
  const folder = mkdtempSync(join(tmpdir(), "kv-keys-"));
  try {
    const entries = JSON.parse(readFileSync(entriesPath, "utf8")) as { key: string }[];
    const keysPath = join(folder, "keys.json");
    writeFileSync(keysPath, JSON.stringify(entries.map((entry) => entry.key)));
    await runWrangler(["kv", "bulk", "delete", keysPath, "--force", ...commonArgs(options)], { quiet: true });
  } catch {
    // Ignored, as explained above.
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/**
 * Uploads the entries file (`wrangler kv bulk put` JSON) to the local namespace. On failure,
 * deletes the keys it may have written and throws.
 *
 * @throws LocalKvError with wrangler's error line.
 */
export async function uploadKvEntries(entriesPath: string, options: LocalKvOptions = {}): Promise<void> {
  try {
    await runWrangler(["kv", "bulk", "put", entriesPath, ...commonArgs(options)], { quiet: true });
  } catch (error) {
    await deleteUploadedKeys(entriesPath, options);
    throw new LocalKvError(
      `seeding the local KV namespace failed: ${wranglerProblem(error)}; it still serves the previous model. ` +
        "Fix the cause and run the pipeline again, or pass --no-seed to skip the local KV",
      { cause: error },
    );
  }
}

/**
 * Uploads the manifest file to the local namespace, which switches `wrangler dev` to the new version.
 *
 * @throws LocalKvError with wrangler's error line.
 */
export async function switchKvManifest(manifestPath: string, options: LocalKvOptions = {}): Promise<void> {
  try {
    await runWrangler(["kv", "bulk", "put", manifestPath, ...commonArgs(options)], { quiet: true });
  } catch (error) {
    // NOTE: the entries stay. Wrangler failed, so the manifest is most likely the old one,
    // but if it was written after all, deleting the entries would break the served version.
    throw new LocalKvError(
      `switching the local KV namespace to the new model failed: ${wranglerProblem(error)}; ` +
        "the previous manifest is most likely still served. Fix the cause and run the pipeline again",
      { cause: error },
    );
  }
}
