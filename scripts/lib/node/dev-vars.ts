/**
 * @module
 * The local master secret in `.dev.vars`, which `wrangler dev` loads as the
 * Worker's secrets. Created with a new random secret when missing; the file is
 * git-ignored and its content is never printed.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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

/** Where the master secret came from. */
export type SecretSource = "environment" | "dev-vars" | "created";

/**
 * Returns the master secrets: MASTER_KEY from the environment if set, else from `.dev.vars`,
 * else a new one written to `.dev.vars` with mode 0600.
 */
export function loadOrCreateSecrets(path: string): { vars: Record<string, string>; source: SecretSource } {
  const fromEnvironment = process.env.MASTER_KEY;
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== "") {
    const vars: Record<string, string> = { MASTER_KEY: fromEnvironment };
    if (process.env.MASTER_KEY_PREVIOUS) vars.MASTER_KEY_PREVIOUS = process.env.MASTER_KEY_PREVIOUS;
    return { vars, source: "environment" };
  }
  if (existsSync(path)) {
    const vars = parseDevVars(readFileSync(path, "utf8"));
    if (vars.MASTER_KEY !== undefined && vars.MASTER_KEY !== "") return { vars, source: "dev-vars" };
  }
  const vars = { MASTER_KEY: createMasterSecret() };
  writeFileSync(path, formatDevVars(vars), { mode: 0o600 });
  return { vars, source: "created" };
}

/** Writes `vars` to `.dev.vars` with mode 0600, replacing the file. */
export function writeDevVars(path: string, vars: Record<string, string>): void {
  writeFileSync(path, formatDevVars(vars), { mode: 0o600 });
}
