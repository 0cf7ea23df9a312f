import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Problem } from "../../src/http/problem.ts";
import { fixture, get, json, seedAssets, testEnv } from "./helpers.ts";

const person = fixture.people[0]!;
const keyOf = (prefix: string) => fixture.entries.find((entry) => entry.key.startsWith(prefix))!.key;

async function flipByte(key: string, offset = -5): Promise<void> {
  const bytes = new Uint8Array((await testEnv.ASSETS_KV.get(key, "arrayBuffer"))!);
  const index = offset < 0 ? bytes.length + offset : offset;
  bytes[index]! ^= 0x01;
  await testEnv.ASSETS_KV.put(key, bytes);
}

async function expectUnavailable(reason: string): Promise<void> {
  const response = await get(`/api/recommendation/${person.accountId}`);
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await json<Problem>(response);
  expect(body.type).toBe("urn:edge-recommender:problem:service-unavailable");
  expect(body.reason).toBe(reason);
}

describe("asset failures", () => {
  beforeEach(seedAssets);

  it.each([
    { asset: "manifest", prefix: "manifest" },
    { asset: "model", prefix: "model/" },
  ])("rejects a tampered $asset", async ({ prefix }) => {
    await flipByte(keyOf(prefix));
    await expectUnavailable("asset_integrity");
  });

  it("rejects a tampered person record", async () => {
    await get(`/api/recommendation/${person.accountId}`);
    const personKeys = (await testEnv.ASSETS_KV.list({ prefix: "person/" })).keys.map((key) => key.name);
    for (const key of personKeys) await flipByte(key);
    await expectUnavailable("asset_integrity");
  });

  it("rejects a record moved to another key", async () => {
    const [first, second] = (await testEnv.ASSETS_KV.list({ prefix: "person/" })).keys.map((key) => key.name);
    const moved = await testEnv.ASSETS_KV.get(first!, "arrayBuffer");
    for (const { name } of (await testEnv.ASSETS_KV.list({ prefix: "person/" })).keys) await testEnv.ASSETS_KV.put(name, moved!);
    expect(second).toBeDefined();
    const statuses = await Promise.all(fixture.people.slice(0, 5).map(async (someone) => (await get(`/api/recommendation/${someone.accountId}`)).status));
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(4);
  });

  it("rejects a flipped header byte", async () => {
    await flipByte("manifest", 0);
    await expectUnavailable("asset_integrity");
  });

  it("reports a missing model", async () => {
    await testEnv.ASSETS_KV.delete(keyOf("model/"));
    await expectUnavailable("missing_asset");
  });

  it("reports a model that does not load", async () => {
    const { seal } = await import("../../src/shared/envelope.ts");
    const { deriveKeySet } = await import("../../src/shared/keys.ts");
    const { fromBase64 } = await import("../../src/shared/bytes.ts");
    const keys = await deriveKeySet(fromBase64(testEnv.MASTER_KEY!));
    const key = keyOf("model/");
    const garbage = await seal(keys.modelKey, keys.keyId, new Uint8Array([1, 2, 3, 4]), { kvKey: key, assetVersion: fixture.modelVersion });
    await testEnv.ASSETS_KV.put(key, garbage);
    await expectUnavailable("model_load_failed");
  });

  it("logs the asset and reason, never the key", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await flipByte(keyOf("model/"));
    await get(`/api/recommendation/${person.accountId}`);
    const lines = errors.mock.calls.map((call) => String(call[0]));
    errors.mockRestore();
    expect(lines.length).toBeGreaterThan(0);
    const logged = JSON.parse(lines[0]!);
    expect(logged).toMatchObject({ level: "error", event: "service_unavailable", reason: "asset_integrity", asset: keyOf("model/") });
    expect(logged.requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const line of lines) {
      expect(line).not.toContain(testEnv.MASTER_KEY);
      expect(line).not.toContain(person.accountId);
    }
  });

  it("retries after a failed start", async () => {
    await testEnv.ASSETS_KV.delete("manifest");
    await expectUnavailable("missing_manifest");
    await seedAssets();
    expect((await get(`/api/recommendation/${person.accountId}`)).status).toBe(200);
  });

  it("shares one start between concurrent requests", async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => get(`/api/recommendation/${person.accountId}?limit=3`)));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
  });
});
