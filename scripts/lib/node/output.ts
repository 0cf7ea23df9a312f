/**
 * @module
 * Replaces the pipeline's outputs all at once or not at all. Each output (the
 * `model/` folder, `.dev.vars`, the report, the converted CSV) is first written to
 * a staging path beside its target. `swap` then renames every staged output into
 * place and keeps the replaced ones as backups, so that `rollback` can restore
 * them until `finish` deletes the backups. Renames within one folder are atomic
 * on POSIX file systems, so a target is always either the old or the new version.
 * Because the swap replaces the whole output folder, `checkOutputFolder` rejects a
 * folder that contains anything the pipeline did not write.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/** Thrown when the `--out` path exists and is not a folder that the pipeline may replace. The message names the path. */
export class InvalidOutputError extends Error {
  override readonly name = "InvalidOutputError";
}

// At most this many unexpected entries are named in the message.
const LISTED_ENTRIES = 5;

/**
 * Checks that `path` may be replaced by a new output folder: it does not exist, or it is an
 * empty folder, or a folder that contains only regular files named in OUTPUT_FILES (a
 * previous output). The run replaces the whole folder, so anything else in it would be lost.
 *
 * @param label the path as the user gave it, for the message.
 * @throws InvalidOutputError when `path` is a file or another kind of non-folder, or a folder
 * with other content.
 */
export function checkOutputFolder(path: string, label: string): void {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    throw new InvalidOutputError(
      `${label}: --out must be a folder, but a file of that name exists; give a new or empty folder, or the folder of a previous pipeline output`,
    );
  }
  const outputNames = new Set<string>(Object.values(OUTPUT_FILES));
  const unexpected = readdirSync(path)
    .filter((name) => !(outputNames.has(name) && lstatSync(join(path, name)).isFile()))
    .sort();
  if (unexpected.length === 0) return;
  const listed = unexpected.slice(0, LISTED_ENTRIES).map((name) => `"${name}"`).join(", ");
  const more = unexpected.length > LISTED_ENTRIES ? ` and ${unexpected.length - LISTED_ENTRIES} more` : "";
  throw new InvalidOutputError(
    `${label}: the folder contains ${listed}${more}, which the pipeline did not write; a run replaces the whole folder, ` +
      "so give a new or empty folder to --out, or move those entries elsewhere",
  );
}

/** Thrown when an output cannot be staged, swapped in or restored. The message names the path. */
export class OutputWriteError extends Error {
  override readonly name = "OutputWriteError";
}

/** A folder staged beside its target. */
export interface StagedFolder {
  /** Path of the staging folder, which becomes the target at `swap`. */
  path: string;
  /** Writes one more file into the staging folder. */
  writeFile(name: string, content: string | Uint8Array): void;
}

/** Outputs that replace their targets together. */
export interface OutputTransaction {
  /** Writes `files` to a new folder beside `target`, creating the parent folders if needed. */
  stageFolder(target: string, files: OutputFiles): StagedFolder;
  /** Writes `content` to a new file beside `target`. `mode` defaults to 0644 before the umask. */
  stageFile(target: string, content: string | Uint8Array, mode?: number): void;
  /**
   * Moves every staged output to its target, in staging order, keeping replaced targets as
   * backups. On failure, restores what was already moved and throws OutputWriteError.
   */
  swap(): void;
  /**
   * Restores the previous targets after `swap`, or deletes the staged outputs before it.
   *
   * @throws OutputWriteError naming each target that could not be restored.
   */
  rollback(): void;
  /** Deletes the backups once nothing can fail any more, and returns the paths it could not delete. */
  finish(): string[];
}

interface StagedOutput {
  target: string;
  staged: string;
  backup: string;
  /** The target existed and was renamed to `backup`. */
  backedUp: boolean;
  /** The staged output was renamed to `target`. */
  swapped: boolean;
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isFolder = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** Creates an empty transaction. Staging and backup paths get the process id and time as suffix. */
export function createOutputTransaction(): OutputTransaction {
  const suffix = `${process.pid}-${Date.now()}`;
  const outputs: StagedOutput[] = [];

  const stage = (target: string, write: (staged: string) => void): StagedOutput => {
    const output: StagedOutput = {
      target,
      staged: `${target}.staging-${suffix}`,
      backup: `${target}.previous-${suffix}`,
      backedUp: false,
      swapped: false,
    };
    try {
      mkdirSync(dirname(target), { recursive: true });
      outputs.push(output);
      write(output.staged);
    } catch (error) {
      throw new OutputWriteError(`${target}: writing the output failed (${describeError(error)}); check that the folder is writable and the disk has space`, {
        cause: error,
      });
    }
    return output;
  };

  const restore = (output: StagedOutput): void => {
    if (output.swapped) {
      rmSync(output.target, { recursive: true, force: true });
      output.swapped = false;
    }
    rmSync(output.staged, { recursive: true, force: true });
    if (output.backedUp) {
      renameSync(output.backup, output.target);
      output.backedUp = false;
    }
  };

  const rollback = (): void => {
    const failed: string[] = [];
    for (const output of [...outputs].reverse()) {
      try {
        restore(output);
      } catch (error) {
        failed.push(`${output.target} (${describeError(error)})`);
      }
    }
    if (failed.length > 0) {
      throw new OutputWriteError(`restoring the previous output failed for ${failed.join(", ")}; the previous version is in the *.previous-${suffix} paths beside them`);
    }
  };

  return {
    stageFolder(target, files) {
      if (existsSync(target) && !isFolder(target)) {
        throw new OutputWriteError(`${target}: the output must be a folder, but a file of that name exists; choose another output folder`);
      }
      const output = stage(target, (staged) => {
        mkdirSync(staged);
        for (const [name, content] of Object.entries(files)) writeFileSync(join(staged, name), content);
      });
      return {
        path: output.staged,
        writeFile(name, content) {
          try {
            writeFileSync(join(output.staged, name), content);
          } catch (error) {
            throw new OutputWriteError(`${target}: writing ${name} failed (${describeError(error)}); check that the disk has space`, { cause: error });
          }
        },
      };
    },

    stageFile(target, content, mode) {
      if (isFolder(target)) {
        throw new OutputWriteError(`${target}: a folder of that name exists; give the path of a file`);
      }
      stage(target, (staged) => writeFileSync(staged, content, mode === undefined ? {} : { mode }));
    },

    swap() {
      let current: StagedOutput | undefined;
      try {
        for (const output of outputs) {
          current = output;
          if (existsSync(output.target)) {
            renameSync(output.target, output.backup);
            output.backedUp = true;
          }
          renameSync(output.staged, output.target);
          output.swapped = true;
        }
      } catch (error) {
        const message = `${current?.target ?? "output"}: replacing the previous output failed (${describeError(error)})`;
        rollback();
        throw new OutputWriteError(`${message}; the previous output was restored`, { cause: error });
      }
    },

    rollback,

    finish() {
      const left: string[] = [];
      for (const output of outputs.filter((staged) => staged.backedUp)) {
        try {
          rmSync(output.backup, { recursive: true, force: true });
        } catch {
          left.push(output.backup);
        }
      }
      outputs.length = 0;
      return left;
    },
  };
}
