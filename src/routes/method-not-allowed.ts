/**
 * @module
 * 405 for methods other than GET and HEAD on the API's routes (RFC 9110, section 15.5.6).
 */
import type { Context } from "hono";
import { PROBLEM_TYPES, problemResponse } from "../http/problem.ts";

/** Paths of the API, in Hono's route syntax; every method but GET and HEAD gets 405 there. */
export const API_PATHS = ["/api/health", "/api/recommendation/:personId"];

/** Responds 405 with an `Allow` header. */
export function methodNotAllowed(c: Context): Response {
  c.header("Allow", "GET, HEAD");
  return problemResponse(c, { type: PROBLEM_TYPES.methodNotAllowed, title: "Method not allowed", status: 405, detail: "this API accepts only GET and HEAD" });
}
