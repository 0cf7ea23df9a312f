import { beforeEach, describe, expect, it } from "vitest";
import type { HealthBody } from "../../src/routes/health.ts";
import type { RecommendationBody } from "../../src/routes/recommendations.ts";
import { OTHER_MASTER_KEY, TEST_MASTER_KEY } from "../support/secrets.ts";
import { fixture, get, json, seedAssets } from "./helpers.ts";

const person = fixture.people[3]!;
// The fixture is sealed under TEST_MASTER_KEY; here a new key has become current.
const rotated = { MASTER_KEY: OTHER_MASTER_KEY, MASTER_KEY_PREVIOUS: TEST_MASTER_KEY };

describe("key rotation", () => {
  beforeEach(seedAssets);

  it("serves assets sealed under the previous key", async () => {
    const response = await get("/api/health", rotated);
    expect(response.status).toBe(200);
    expect((await json<HealthBody>(response)).modelVersion).toBe(fixture.modelVersion);
  });

  it("answers the same list after rotation", async () => {
    const before = await json<RecommendationBody>(await get(`/api/recommendation/${person.accountId}`));
    const after = await json<RecommendationBody>(await get(`/api/recommendation/${person.accountId}`, rotated));
    expect(after).toEqual(before);
  });

  it("rejects assets once the previous key is gone", async () => {
    const response = await get("/api/health", { MASTER_KEY: OTHER_MASTER_KEY, MASTER_KEY_PREVIOUS: undefined });
    expect(response.status).toBe(503);
    expect((await json<HealthBody>(response)).reason).toBe("unknown_key");
  });

  it("rejects a malformed previous key", async () => {
    const response = await get("/api/health", { MASTER_KEY: TEST_MASTER_KEY, MASTER_KEY_PREVIOUS: "%%%" });
    expect(response.status).toBe(503);
    expect((await json<HealthBody>(response)).reason).toBe("invalid_secret");
  });
});
