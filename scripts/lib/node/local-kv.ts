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
import { runWrangler, spawnWrangler } from "./wrangler.ts";

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

/** Deletes `keys` with `wrangler kv bulk delete`, which reads them from a JSON file. */
const deleteKeys = async (keys: string[], options: LocalKvOptions): Promise<void> => {
  const folder = mkdtempSync(join(tmpdir(), "kv-keys-"));
  try {
    const keysPath = join(folder, "keys.json");
    writeFileSync(keysPath, JSON.stringify(keys));
    await runWrangler(["kv", "bulk", "delete", keysPath, "--force", ...commonArgs(options)], { quiet: true });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

// Deletes the keys of a failed upload, so that the namespace contains what it contained before.
// A failure here is ignored, because leftover keys of an unused version change nothing that is served.
const deleteUploadedKeys = async (entriesPath: string, options: LocalKvOptions): Promise<void> => {
  try {
    const entries = JSON.parse(readFileSync(entriesPath, "utf8")) as { key: string }[];
    await deleteKeys(entries.map((entry) => entry.key), options);
  } catch {
    // Ignored, as explained above.
  }
};

/** Lists every key of the local namespace with `wrangler kv key list`, which prints them as JSON. */
const listKeys = (options: LocalKvOptions): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const args = ["kv", "key", "list", ...commonArgs(options)];
    const child = spawnWrangler(args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      // The same message shape as runWrangler's, so that wranglerProblem finds the error line.
      if (code !== 0) {
        reject(new Error(`wrangler kv key list failed with exit code ${code}:\n${`${stdout}\n${stderr}`.trim()}`));
        return;
      }
      try {
        const listed = JSON.parse(stdout.slice(stdout.indexOf("["))) as { name: string }[];
        resolve(listed.map((key) => key.name));
      } catch (error) {
        reject(new Error(`wrangler kv key list printed no JSON list of keys:\n${stdout.trim()}`, { cause: error }));
      }
    });
  });

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

/**
 * Keys that contain an asset version, as built by modelChunkKey, personKey, catalogKey and
 * popularKey in src/shared/assets.ts; group 1 is the version. The manifest key has none.
 */
const VERSIONED_KEY = /^(?:model|person|catalog|popular)\/([^/]+)(?:\/|$)/;

/** Asset versions and keys that deleteOldVersions deleted. */
export interface DeletedVersions {
  /** The deleted asset versions, newest first. */
  versions: string[];
  /** Number of keys deleted. */
  keys: number;
}

/**
 * How long a replaced version is kept, in milliseconds: twice the 60 s after which a running
 * `npm run dev` reads the manifest again (MANIFEST_RECHECK_MS in src/service/runtime.ts).
 */
export const REPLACED_VERSION_GRACE_MS = 120_000;

/** Creation time of a version named by createAssetVersion (`20261204T201500Z-1a2b3c4d`), or null. */
function versionCreatedAt(version: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-/.exec(version);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
}

/**
 * Returns the versions that no running `npm run dev` can still be serving: those replaced by a
 * newer version more than REPLACED_VERSION_GRACE_MS ago. A version counts as replaced when the
 * next newer one was created, which is a few seconds before its manifest switched. Versions
 * whose names carry no creation time are kept.
 */
export function replacedVersions(versions: string[], currentVersion: string, now: number): string[] {
  const ordered = [...new Set([...versions, currentVersion])].sort();
  return ordered.filter((version, index) => {
    if (version === currentVersion || index === ordered.length - 1) return false;
    const replacedAt = versionCreatedAt(ordered[index + 1]!);
    return versionCreatedAt(version) !== null && replacedAt !== null && now - replacedAt > REPLACED_VERSION_GRACE_MS;
  });
}

/**
 * Deletes the keys of old asset versions from the local namespace, so that it does not grow
 * with every run. Keeps `currentVersion`, which the manifest must already name, and every
 * version replaced less than REPLACED_VERSION_GRACE_MS ago, because a running `npm run dev`
 * goes on serving the version it loaded until it reads the manifest again.
 * Keys outside the asset layout are left alone.
 *
 * @throws LocalKvError with wrangler's error line when listing or deleting the keys fails.
 */
export async function deleteOldVersions(currentVersion: string, options: LocalKvOptions = {}, now = Date.now()): Promise<DeletedVersions> {
  let keys: string[];
  try {
    keys = await listKeys(options);
  } catch (error) {
    throw new LocalKvError(`listing the keys of the local KV namespace failed: ${wranglerProblem(error)}`, { cause: error });
  }

  const keysByVersion = new Map<string, string[]>();
  for (const key of keys) {
    const version = VERSIONED_KEY.exec(key)?.[1];
    if (version === undefined || version === currentVersion) continue;
    const versionKeys = keysByVersion.get(version) ?? [];
    versionKeys.push(key);
    keysByVersion.set(version, versionKeys);
  }
  const oldVersions = replacedVersions([...keysByVersion.keys()], currentVersion, now).reverse();
  const oldKeys = oldVersions.flatMap((version) => keysByVersion.get(version)!);
  if (oldKeys.length === 0) return { versions: [], keys: 0 };

  try {
    await deleteKeys(oldKeys, options);
  } catch (error) {
    throw new LocalKvError(`deleting ${oldKeys.length} keys of old versions from the local KV namespace failed: ${wranglerProblem(error)}`, { cause: error });
  }
  return { versions: oldVersions, keys: oldKeys.length };
}

/**
 * Path of the lock file that a pipeline run holds while it writes the local namespace:
 * beside wrangler's state folder, or beside `persistTo`.
 */
export function localKvLockPath(options: LocalKvOptions = {}): string {
  return `${options.persistTo ?? join(".wrangler", "state")}.lock`;
}
