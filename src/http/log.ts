/**
 * @module
 * Structured log lines: one JSON object per line with the request id, so the
 * lines of one request can be found in `wrangler tail`. Callers pass only
 * asset names, reasons and counts, never a key, a person id or a decrypted value.
 */
import type { Context } from "hono";

type Level = "info" | "warn" | "error";

/** Writes one JSON log line for the request in `c`. */
export function logEvent(c: Context, level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, requestId: c.get("requestId"), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
