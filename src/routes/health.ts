/**
 * @module
 * `GET /api/health`: whether the key, the assets and the model are ready.
 * Responds 200 when all are, 503 with a machine-readable reason otherwise.
 */
import { Hono } from "hono";
import { ServiceUnavailableError, type UnavailableReason } from "../errors.ts";
import type { Env } from "../env.ts";
import { logUnavailable, recheckFailureLogger } from "../http/unavailable.ts";
import { getRuntime } from "../service/runtime.ts";

/** The health body. */
export interface HealthBody {
  status: "ok" | "unavailable";
  modelVersion: string | null;
  ready: { key: boolean; assets: boolean; model: boolean };
  reason?: UnavailableReason;
}

const KEY_REASONS: ReadonlySet<UnavailableReason> = new Set(["missing_secret", "invalid_secret", "unknown_key"]);
const ASSET_REASONS: ReadonlySet<UnavailableReason> = new Set(["missing_manifest", "missing_asset", "asset_integrity", "unsupported_assets", "unknown_key"]);

export const healthRoutes = new Hono<{ Bindings: Env }>().get("/", async (c) => {
  try {
    const runtime = await getRuntime(c.env, recheckFailureLogger(c));
    const body: HealthBody = { status: "ok", modelVersion: runtime.manifest.modelVersion, ready: { key: true, assets: true, model: true } };
    return c.json(body);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    logUnavailable(c, error);
    const body: HealthBody = {
      status: "unavailable",
      modelVersion: null,
      ready: { key: !KEY_REASONS.has(error.reason), assets: !ASSET_REASONS.has(error.reason), model: false },
      reason: error.reason,
    };
    return c.json(body, 503);
  }
});
