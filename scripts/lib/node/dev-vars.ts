/**
 * @module
 * The local master secret in `.dev.vars`, which `wrangler dev` loads as the
 * Worker's secrets. The pipeline creates it with a new random secret when
 * missing; the file is git-ignored and its content is never printed.
 */
import { existsSync, readFileSync } from "node:fs";
import { createMasterSecret } from "../../../src/shared/keys.ts";

/** Parses `.dev.vars` (dotenv syntax: NAME=value lines, `#` comments, optional quotes). */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match === null || line.trimStart().startsWith("#")) continue;
    vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
  }
  return vars;
}

/** Formats secrets as `.dev.vars` text. */
export function formatDevVars(vars: Record<string, string>): string {
  const header = "# Local Worker secrets, created by the pipeline. Keep this file private; it is git-ignored.\n";
  return header + Object.entries(vars).map(([name, value]) => `${name}="${value}"\n`).join("");
}

/** Source of the master secret: the environment, `.dev.vars`, or newly created. */
export type SecretSource = "environment" | "dev-vars" | "created";

/** The secrets of one run, and the `.dev.vars` text to write when the file must change. */
export interface SecretsPlan {
  vars: Record<string, string>;
  source: SecretSource;
  /** New content of `.dev.vars`, or null when the file stays as it is. */
  devVarsText: string | null;
  /** Whether MASTER_KEY was rotated, the old key kept as MASTER_KEY_PREVIOUS. */
  rotated: boolean;
}

/** Options of planSecrets. */
export interface SecretsOptions {
  /** Create a new MASTER_KEY and keep the current one as MASTER_KEY_PREVIOUS. */
  rotate: boolean;
}

/** Thrown when a key rotation is requested for a key that does not live in `.dev.vars`. */
export class KeyRotationError extends Error {
  override readonly name = "KeyRotationError";
}

/**
 * Returns the master secrets without writing anything: MASTER_KEY from the environment
 * if set, else from `.dev.vars`, else a new one. The caller writes `devVarsText` (with
 * mode 0600) only when the run succeeds, so a failed run leaves `.dev.vars` as it was.
 *
 * @throws KeyRotationError when `rotate` is set and MASTER_KEY comes from the environment.
 */
export function planSecrets(path: string, options: SecretsOptions): SecretsPlan {
  const fromEnvironment = process.env.MASTER_KEY;
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== "") {
    if (options.rotate) {
      throw new KeyRotationError("--rotate-key rotates the key in .dev.vars; unset MASTER_KEY in the environment first");
    }
    const vars: Record<string, string> = { MASTER_KEY: fromEnvironment };
    if (process.env.MASTER_KEY_PREVIOUS) vars.MASTER_KEY_PREVIOUS = process.env.MASTER_KEY_PREVIOUS;
    return { vars, source: "environment", devVarsText: null, rotated: false };
  }

  const existing = existsSync(path) ? parseDevVars(readFileSync(path, "utf8")) : {};
  const current = existing.MASTER_KEY;
  if (current === undefined || current === "") {
    // A new key has nothing sealed under it yet, so there is nothing to rotate from.
    const vars = { ...existing, MASTER_KEY: createMasterSecret() };
    return { vars, source: "created", devVarsText: formatDevVars(vars), rotated: false };
  }
  if (!options.rotate) {
    return { vars: existing, source: "dev-vars", devVarsText: null, rotated: false };
  }
  const vars = { ...existing, MASTER_KEY_PREVIOUS: current, MASTER_KEY: createMasterSecret() };
  return { vars, source: "dev-vars", devVarsText: formatDevVars(vars), rotated: true };
}
