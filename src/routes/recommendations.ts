/**
 * @module
 * `GET /api/recommendation/:personId`: up to `limit` videos for one person.
 */
import { Hono } from "hono";
import type { Env } from "../env.ts";
import { noStore } from "../http/middleware.ts";
import { recheckFailureLogger } from "../http/unavailable.ts";
import { checkQueryParameters, parseFallback, parseLimit, parsePersonId } from "../http/validation.ts";
import { recommend, type Recommendation } from "../service/recommend.ts";
import { maxVideosPerCreator } from "../service/ranking.ts";
import { getRuntime } from "../service/runtime.ts";

/** The success body. */
export interface RecommendationBody {
  personId: string;
  modelVersion: string;
  recommendations: Recommendation[];
}

export const recommendationRoutes = new Hono<{ Bindings: Env }>().use(noStore()).get("/:personId", async (c) => {
  checkQueryParameters(new URL(c.req.url));
  const personId = parsePersonId(c.req.param("personId"));
  const limit = parseLimit(c.req.query("limit"));
  const fallbackPopular = parseFallback(c.req.query("fallback"));

  const runtime = await getRuntime(c.env, recheckFailureLogger(c));
  const recommendations = await recommend(runtime, personId, { limit, fallbackPopular, maxPerCreator: maxVideosPerCreator(c.env) });
  const body: RecommendationBody = { personId, modelVersion: runtime.manifest.modelVersion, recommendations };
  return c.json(body);
});
