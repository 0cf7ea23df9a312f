/**
 * @module
 * Structured log lines: one JSON object per line with the request id, so the
 * lines of one request can be found in `wrangler tail`. Callers pass only
 * asset names, reasons and counts, never a key, a person id or a decrypted value.
 */
import type { Context } from "hono";

type Level = "info" | "warn" | "error";

/** Repeats of one throttled line within this many milliseconds are counted, not written. */
export const LOG_REPEAT_WINDOW_MS = 10_000;

const lastWritten = new Map<string, { at: number; suppressed: number }>();

/** Writes one JSON log line for the request in `c`. */
export function logEvent(c: Context, level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, requestId: c.get("requestId"), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/**
 * Writes the line unless one with the same `key` was written in the last LOG_REPEAT_WINDOW_MS;
 * the next line written carries `repeatsSuppressed`, the count of lines left out meanwhile.
 */
export function logEventThrottled(c: Context, level: Level, event: string, key: string, fields: Record<string, unknown> = {}): void {
  const now = Date.now();
  const previous = lastWritten.get(key);
  if (previous !== undefined && now - previous.at < LOG_REPEAT_WINDOW_MS) {
    previous.suppressed++;
    return;
  }
  const repeats = previous?.suppressed ?? 0;
  logEvent(c, level, event, repeats > 0 ? { ...fields, repeatsSuppressed: repeats } : fields);
  lastWritten.set(key, { at: now, suppressed: 0 });
}

/** Forgets throttled lines; tests call it between scenarios. */
export function resetLogThrottle(): void {
  lastWritten.clear();
}
