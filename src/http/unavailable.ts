/**
 * @module
 * Logging of asset and key failures, shared by the routes: one line per failure
 * kind and asset, throttled so a broken deployment does not log every request.
 */
import type { Context } from "hono";
import { ServiceUnavailableError } from "../errors.ts";
import { logEventThrottled } from "./log.ts";

/** Logs a failure that makes the service respond with 503. */
export function logUnavailable(c: Context, error: ServiceUnavailableError): void {
  logEventThrottled(c, "error", "service_unavailable", `unavailable:${error.reason}:${error.asset ?? ""}`, {
    reason: error.reason,
    asset: error.asset,
    message: error.message,
  });
}

/** Returns the listener that logs a failed manifest recheck while the loaded version keeps serving. */
export function recheckFailureLogger(c: Context): (error: unknown) => void {
  return function logRecheckFailure(error) {
    const fields =
      error instanceof ServiceUnavailableError
        ? { reason: error.reason, asset: error.asset, message: error.message }
        : { errorName: error instanceof Error ? error.name : typeof error };
    logEventThrottled(c, "warn", "manifest_recheck_failed", `recheck:${"reason" in fields ? fields.reason : ""}`, {
      ...fields,
      action: "serving the loaded version",
    });
  };
}
