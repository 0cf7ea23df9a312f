import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import app from "../../src/index.ts";
import type { Problem } from "../../src/http/problem.ts";
import type { HealthBody } from "../../src/routes/health.ts";
import type { RecommendationBody } from "../../src/routes/recommendations.ts";
import { MANIFEST_RECHECK_MS } from "../../src/service/runtime.ts";
import { fixture, get, json, seedAssets, testEnv } from "./helpers.ts";

const person = fixture.people[5]!;

describe("HTTP behaviour", () => {
  beforeEach(seedAssets);
  afterEach(() => vi.restoreAllMocks());

  it("matches ids without regard to case", async () => {
    const response = await get(`/api/recommendation/@${person.accountId.toUpperCase()}?limit=2`);
    expect(response.status).toBe(200);
    expect((await json<RecommendationBody>(response)).personId).toBe(person.accountId);
  });

  it.each(["010", "00", "+5"])("rejects limit=%s", async (limit) => {
    const response = await get(`/api/recommendation/${person.accountId}?limit=${limit}`);
    expect(response.status).toBe(400);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"])("rejects %s with 405", async (method) => {
    const response = await app.request(`/api/recommendation/${person.accountId}`, { method }, testEnv);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await json<Problem>(response)).type).toBe("urn:edge-recommender:problem:method-not-allowed");
  });

  it("answers HEAD without a body", async () => {
    const response = await app.request("/api/health", { method: "HEAD" }, testEnv);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("keeps serving when the manifest breaks", async () => {
    expect((await get("/api/health")).status).toBe(200);
    await testEnv.ASSETS_KV.delete("manifest");
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + MANIFEST_RECHECK_MS + 1);

    const response = await get("/api/health");
    expect(response.status).toBe(200);
    expect((await json<HealthBody>(response)).modelVersion).toBe(fixture.modelVersion);
    expect((await get(`/api/recommendation/${person.accountId}`)).status).toBe(200);
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(warnings.mock.calls[0]![0]))).toMatchObject({
      level: "warn",
      event: "manifest_recheck_failed",
      reason: "missing_manifest",
      action: "serving the loaded version",
    });
  });

  it("throttles repeated failure logs", async () => {
    await testEnv.ASSETS_KV.delete("manifest");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    for (let i = 0; i < 5; i++) expect((await get(`/api/recommendation/${person.accountId}`)).status).toBe(503);
    expect(errors).toHaveBeenCalledTimes(1);
  });
});
