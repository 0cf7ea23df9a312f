/**
 * @module
 * Middleware on every response: a fresh request id, security headers, and a
 * cache policy for per-person responses.
 */
import type { MiddlewareHandler } from "hono";

declare module "hono" {
  interface ContextVariableMap {
    /** Random id of this request, returned in `X-Request-Id` and written in log lines. */
    requestId: string;
  }
}

/** Assigns a new random request id; an incoming `X-Request-Id` is ignored, since clients could forge it. */
export function requestId(): MiddlewareHandler {
  return async function requestIdMiddleware(c, next) {
    const id = crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.res.headers.set("X-Request-Id", id);
  };
}

/** Marks per-person responses as private and never cached, on success and error alike. */
export function noStore(): MiddlewareHandler {
  return async function noStoreMiddleware(c, next) {
    await next();
    c.res.headers.set("Cache-Control", "private, no-store");
  };
}
