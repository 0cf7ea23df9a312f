/**
 * @module
 * The Worker's entry point: wires middleware, routes and error mapping.
 */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Env } from "./env.ts";
import { requestId } from "./http/middleware.ts";
import { errorToProblem, PROBLEM_TYPES, problemResponse } from "./http/problem.ts";
import { healthRoutes } from "./routes/health.ts";
import { API_PATHS, methodNotAllowed } from "./routes/method-not-allowed.ts";
import { recommendationRoutes } from "./routes/recommendations.ts";

const app = new Hono<{ Bindings: Env }>();

app.use(requestId());
app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }));
app.route("/api/health", healthRoutes);
app.route("/api/recommendation", recommendationRoutes);
// Registered after the GET routes, so it catches only the other methods.
for (const path of API_PATHS) app.all(path, methodNotAllowed);
app.notFound((c) => problemResponse(c, { type: PROBLEM_TYPES.notFound, title: "Not found", status: 404, detail: "no such route; see /api/health and /api/recommendation/{personId}" }));
app.onError(errorToProblem);

export default app satisfies ExportedHandler<Env>;
