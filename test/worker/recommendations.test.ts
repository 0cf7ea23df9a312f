import { beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "../../src/http/problem.ts";
import type { RecommendationBody } from "../../src/routes/recommendations.ts";
import { DEFAULT_MAX_VIDEOS_PER_CREATOR } from "../../src/service/ranking.ts";
import { fixture, get, json, seedAssets } from "./helpers.ts";

const person = fixture.people.find((candidate) => candidate.videoUrls.length > 0)!;
const handleOf = (url: string) => /\/@([^/]+)\/video\//.exec(url)![1]!;

describe("GET /api/recommendation/:personId", () => {
  beforeEach(seedAssets);

  it("returns ten videos by default", async () => {
    const response = await get(`/api/recommendation/${person.accountId}`);
    expect(response.status).toBe(200);
    const body = await json<RecommendationBody>(response);
    expect(body.personId).toBe(person.accountId);
    expect(body.modelVersion).toBe(fixture.modelVersion);
    expect(body.recommendations).toHaveLength(10);
    for (const item of body.recommendations) {
      expect(item.url).toBe(`https://www.tiktok.com/@${handleOf(item.url)}/video/${item.videoId}`);
      expect(typeof item.score).toBe("number");
    }
  });

  it("never recommends own videos", async () => {
    for (const someone of fixture.people.slice(0, 20)) {
      const body = await json<RecommendationBody>(await get(`/api/recommendation/${someone.accountId}?limit=50`));
      const own = new Set(someone.videoUrls);
      expect(body.recommendations.filter((item) => own.has(item.url))).toEqual([]);
    }
  });

  it("returns no duplicates", async () => {
    const body = await json<RecommendationBody>(await get(`/api/recommendation/${person.accountId}?limit=50`));
    const ids = body.recommendations.map((item) => item.videoId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("caps videos per creator", async () => {
    for (const someone of fixture.people.slice(0, 20)) {
      const body = await json<RecommendationBody>(await get(`/api/recommendation/${someone.accountId}?limit=50`));
      const perCreator = new Map<string, number>();
      for (const item of body.recommendations) perCreator.set(handleOf(item.url), (perCreator.get(handleOf(item.url)) ?? 0) + 1);
      expect(Math.max(...perCreator.values())).toBeLessThanOrEqual(DEFAULT_MAX_VIDEOS_PER_CREATOR);
    }
  });

  it("honours a configured creator cap", async () => {
    const body = await json<RecommendationBody>(await get(`/api/recommendation/${person.accountId}?limit=20`, { MAX_VIDEOS_PER_CREATOR: "1" }));
    const handles = body.recommendations.map((item) => handleOf(item.url));
    expect(new Set(handles).size).toBe(handles.length);
  });

  it("orders by score, stably", async () => {
    const first = await json<RecommendationBody>(await get(`/api/recommendation/${person.accountId}?limit=25`));
    const second = await json<RecommendationBody>(await get(`/api/recommendation/${person.accountId}?limit=25`));
    expect(second).toEqual(first);
    const scores = first.recommendations.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it.each([1, 5, 50])("honours limit=%i", async (limit) => {
    const body = await json<RecommendationBody>(await get(`/api/recommendation/${person.accountId}?limit=${limit}`));
    expect(body.recommendations).toHaveLength(limit);
  });

  it("accepts a leading @", async () => {
    const response = await get(`/api/recommendation/@${person.accountId}`);
    expect(response.status).toBe(200);
  });

  it("marks responses private", async () => {
    const response = await get(`/api/recommendation/${person.accountId}`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers 404 for an unknown person", async () => {
    const response = await get("/api/recommendation/nobody_here_123");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = await json<Problem>(response);
    expect(body).toEqual({
      type: "urn:edge-recommender:problem:unknown-person",
      title: "Unknown person",
      status: 404,
      detail: "no recommendations exist for this person id",
      instance: response.headers.get("x-request-id"),
    });
  });

  it("falls back to popular videos when asked", async () => {
    const response = await get("/api/recommendation/nobody_here_123?fallback=popular&limit=7");
    expect(response.status).toBe(200);
    const body = await json<RecommendationBody>(response);
    expect(body.recommendations).toHaveLength(7);
    expect(body.recommendations.every((item) => item.reason === "popular")).toBe(true);
  });

  it.each([
    { query: "limit=0", parameter: "limit" },
    { query: "limit=51", parameter: "limit" },
    { query: "limit=abc", parameter: "limit" },
    { query: "limit=1.5", parameter: "limit" },
    { query: "limit=", parameter: "limit" },
    { query: "limit=1&limit=2", parameter: "limit" },
    { query: "fallback=random", parameter: "fallback" },
    { query: "debug=1", parameter: "query" },
  ])("rejects $query with 400", async ({ query, parameter }) => {
    const response = await get(`/api/recommendation/${person.accountId}?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await json<Problem>(response);
    expect(body.type).toBe("urn:edge-recommender:problem:invalid-parameter");
    expect(body.parameter).toBe(parameter);
  });

  it.each(["a%20b", "%00", "x".repeat(65), "...", "h%C3%A9llo", "a%2Fb", "<script>"])("rejects person id %s with 400", async (id) => {
    const response = await get(`/api/recommendation/${id}`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain(decodeURIComponent(id.replace("%00", "")) || "\u0000");
    expect(JSON.parse(text).parameter).toBe("personId");
  });
});
