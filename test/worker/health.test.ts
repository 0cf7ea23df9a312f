import { beforeEach, describe, expect, it } from "vitest";
import type { HealthBody } from "../../src/routes/health.ts";
import { OTHER_MASTER_KEY } from "../support/secrets.ts";
import { fixture, get, json, seedAssets, testEnv } from "./helpers.ts";

describe("GET /api/health", () => {
  beforeEach(seedAssets);

  it("reports ready assets", async () => {
    const response = await get("/api/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await json<HealthBody>(response)).toEqual({
      status: "ok",
      modelVersion: fixture.modelVersion,
      ready: { key: true, assets: true, model: true },
    });
  });

  it.each([
    { scenario: "missing secret", overrides: { MASTER_KEY: undefined }, reason: "missing_secret", ready: { key: false, assets: true, model: false } },
    { scenario: "malformed secret", overrides: { MASTER_KEY: "not base64!" }, reason: "invalid_secret", ready: { key: false, assets: true, model: false } },
    { scenario: "short secret", overrides: { MASTER_KEY: btoa("short") }, reason: "invalid_secret", ready: { key: false, assets: true, model: false } },
    { scenario: "wrong key", overrides: { MASTER_KEY: OTHER_MASTER_KEY }, reason: "unknown_key", ready: { key: false, assets: false, model: false } },
  ])("reports $scenario as unavailable", async ({ overrides, reason, ready }) => {
    const response = await get("/api/health", overrides);
    expect(response.status).toBe(503);
    const body = await json<HealthBody>(response);
    expect(body).toEqual({ status: "unavailable", modelVersion: null, ready, reason });
  });

  it("reports a missing manifest", async () => {
    await testEnv.ASSETS_KV.delete("manifest");
    const response = await get("/api/health");
    expect(response.status).toBe(503);
    expect((await json<HealthBody>(response)).reason).toBe("missing_manifest");
  });

  it("recovers once the asset returns", async () => {
    await testEnv.ASSETS_KV.delete("manifest");
    expect((await get("/api/health")).status).toBe(503);
    await seedAssets();
    expect((await get("/api/health")).status).toBe(200);
  });

  it("never returns the secret", async () => {
    const text = await (await get("/api/health", { MASTER_KEY: OTHER_MASTER_KEY })).text();
    expect(text).not.toContain(OTHER_MASTER_KEY);
    expect(text).not.toContain(testEnv.MASTER_KEY);
  });
});
