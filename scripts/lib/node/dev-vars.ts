/**
 * @module
 * The local master secret in `.dev.vars`, which `wrangler dev` loads as the
 * Worker's secrets. The pipeline adds a new random secret when it is missing,
 * and keeps every other line of the file. The file is git-ignored, and its
 * content is never printed.
 */
import { existsSync, readFileSync } from "node:fs";
import { createMasterSecret } from "../../../src/shared/keys.ts";

/**
 * One assignment in dotenv syntax, as read by dotenv 16, which wrangler 4 uses to load
 * `.dev.vars`. It is an optional `export`, then `NAME=value` or `NAME: value`, then an
 * optional comment. A value in single, double or back quotes may span lines, and an
 * unquoted value ends at `#`.
 */
const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/** An assignment found in `.dev.vars` text, with its position. */
interface Assignment {
  name: string;
  value: string;
  /** Offset of the line's first character. */
  start: number;
  /** Offset after the assignment and its comment, before the line break. */
  end: number;
}

const HEADER = "# Local Worker secrets, created by the pipeline. Keep this file private; it is git-ignored.\n";

const findAssignments = (text: string): Assignment[] => {
  const assignments: Assignment[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    // The leading `\s*` can span blank lines before the assignment, and the trailing
    // `\s*(?:#.*)?` a comment on the next line, so the assignment's own lines are found
    // from the name and the end of the value.
    const leading = /^\s*/.exec(match[0])![0];
    const start = match.index + leading.lastIndexOf("\n") + 1;
    const valueEnd = match.indices![2]?.[1] ?? match.indices![1]![1];
    const lineBreak = text.slice(valueEnd).search(/[\r\n]/);
    const end = lineBreak === -1 ? text.length : valueEnd + lineBreak;
    const raw = (match[2] ?? "").trim();
    let value = raw.replace(/^(['"`])([\s\S]*)\1$/, "$2");
    if (raw.startsWith('"')) value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
    assignments.push({ name: match[1]!, value, start, end });
  }
  return assignments;
};

/**
 * Parses `.dev.vars` text as wrangler does (dotenv syntax, CR and CRLF read as LF). A name
 * assigned twice gets the last value.
 */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const { name, value } of findAssignments(text.replace(/\r\n?/g, "\n"))) vars[name] = value;
  return vars;
}

// Secrets are base64, but a value read from the file may contain a double quote.
const quoteValue = (value: string): string => (value.includes('"') && !value.includes("'") ? `'${value}'` : `"${value}"`);

/**
 * Sets variables in `.dev.vars` text and keeps every other line as it is: other variables,
 * comments, blank lines and line breaks. The last assignment of a name is replaced in place
 * and earlier ones are removed; a new name is appended. Empty text gets a header comment first.
 */
export function updateDevVars(text: string, updates: Record<string, string>): string {
  const lineBreak = text.includes("\r\n") ? "\r\n" : "\n";
  let updated = text.trim() === "" ? HEADER : text;
  for (const [name, value] of Object.entries(updates)) {
    const line = `${name}=${quoteValue(value)}`;
    const assignments = findAssignments(updated).filter((assignment) => assignment.name === name);
    const last = assignments.at(-1);
    if (last === undefined) {
      updated += `${updated.endsWith("\n") ? "" : lineBreak}${line}${lineBreak}`;
      continue;
    }
    // From the end, so that the offsets of the earlier assignments stay valid.
    updated = updated.slice(0, last.start) + line + updated.slice(last.end);
    for (const duplicate of assignments.slice(0, -1).reverse()) {
      const lineEnd = /^\r?\n/.exec(updated.slice(duplicate.end))?.[0].length ?? 0;
      updated = updated.slice(0, duplicate.start) + updated.slice(duplicate.end + lineEnd);
    }
  }
  return updated;
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

  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const existing = parseDevVars(text);
  const current = existing.MASTER_KEY;
  if (current === undefined || current === "") {
    // A new key has nothing sealed under it yet, so there is nothing to rotate from.
    const updates = { MASTER_KEY: createMasterSecret() };
    return { vars: { ...existing, ...updates }, source: "created", devVarsText: updateDevVars(text, updates), rotated: false };
  }
  if (!options.rotate) {
    return { vars: existing, source: "dev-vars", devVarsText: null, rotated: false };
  }
  const updates = { MASTER_KEY: createMasterSecret(), MASTER_KEY_PREVIOUS: current };
  return { vars: { ...existing, ...updates }, source: "dev-vars", devVarsText: updateDevVars(text, updates), rotated: true };
}
