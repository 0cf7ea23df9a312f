/**
 * @module
 * RFC 9457 problem details: the one place that turns errors into responses.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { InvalidParameterError, ServiceUnavailableError, UnknownPersonError } from "../errors.ts";
import { logEvent } from "./log.ts";
import { logUnavailable } from "./unavailable.ts";

/** Problem type URIs; each names one failure the API documents in docs/api.md. */
export const PROBLEM_TYPES = {
  invalidParameter: "urn:edge-recommender:problem:invalid-parameter",
  unknownPerson: "urn:edge-recommender:problem:unknown-person",
  unavailable: "urn:edge-recommender:problem:service-unavailable",
  notFound: "urn:edge-recommender:problem:not-found",
  methodNotAllowed: "urn:edge-recommender:problem:method-not-allowed",
  internal: "urn:edge-recommender:problem:internal-error",
} as const;

/** The fields of a problem that a route chooses; extension members may follow. */
export interface ProblemInit {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** A problem details body. */
export interface Problem extends ProblemInit {
  /** The request id, which also appears in the response header and in log lines. */
  instance: string;
}

/** Sends `problem` as `application/problem+json`. */
export function problemResponse(c: Context, problem: ProblemInit): Response {
  const body: Problem = { ...problem, instance: c.get("requestId") };
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, { "Content-Type": "application/problem+json" });
}

/** Maps an error thrown by a route to its problem response, logging failures of the service. */
export function errorToProblem(error: Error, c: Context): Response {
  if (error instanceof InvalidParameterError) {
    return problemResponse(c, { type: PROBLEM_TYPES.invalidParameter, title: "Invalid request parameter", status: 400, detail: error.message, parameter: error.parameter });
  }
  if (error instanceof UnknownPersonError) {
    return problemResponse(c, { type: PROBLEM_TYPES.unknownPerson, title: "Unknown person", status: 404, detail: error.message });
  }
  if (error instanceof ServiceUnavailableError) {
    logUnavailable(c, error);
    return problemResponse(c, {
      type: PROBLEM_TYPES.unavailable,
      title: "Service unavailable",
      status: 503,
      detail: "the recommendation assets cannot be used right now; see /api/health",
      reason: error.reason,
    });
  }
  // The message is left out: V8 puts a snippet of the input into messages such as JSON.parse's, and that input may be a decrypted record.
  const frame = error.stack?.split("\n").find((line) => line.trimStart().startsWith("at "))?.trim();
  logEvent(c, "error", "unhandled_error", { errorName: error.name, frame });
  return problemResponse(c, { type: PROBLEM_TYPES.internal, title: "Internal error", status: 500, detail: "an unexpected error occurred" });
}
