import { describe, expect, it } from "vitest";
import { createPopularitySource, createRandomSource, rankVideos } from "../../scripts/lib/evaluate/methods.ts";
import {
  createOriginalRecommender,
  fitOriginalTfidf,
  labelEncode,
  originalDocuments,
  sklearnTokens,
} from "../../scripts/lib/evaluate/original-method.ts";
import type { ProfileRow } from "../../src/shared/profile.ts";

function profile(biography: string, videoCount: number, overrides: Partial<ProfileRow> = {}): ProfileRow {
  return {
    rowNumber: 2,
    accountId: "someone",
    userId: null,
    nickname: "",
    biography,
    bioLink: null,
    isVerified: false,
    followers: null,
    following: null,
    likes: null,
    videosCount: null,
    engagementRate: null,
    commentEngagementRate: null,
    likeEngagementRate: null,
    topVideos: Array.from({ length: videoCount }, (_, i) => ({ url: `https://www.tiktok.com/@someone/video/${i}`, handle: "someone", videoId: String(i) })),
    predictedLang: null,
    region: null,
    ...overrides,
  };
}

describe("original method", () => {
  it("tokenizes like scikit-learn's default pattern", () => {
    expect(sklearnTokens("Hello, WORLD a b2 日本語 x_y 0.053 #tag")).toEqual(["hello", "world", "b2", "日本語", "x_y", "053", "tag"]);
  });

  it("label-encodes by sorted distinct value", () => {
    expect(labelEncode(["b", "a", "b", "c"])).toEqual([1, 0, 1, 2]);
  });

  it("concatenates fields with label codes", () => {
    const documents = originalDocuments([
      profile("cats", 1, { nickname: "Ann", bioLink: "https://b.example", isVerified: true, followers: 12300, engagementRate: 0.05 }),
      profile("dogs", 1, { bioLink: "https://a.example" }),
    ]);
    expect(documents).toEqual(["Ann cats 1 1 12300    0.05", " dogs 0 0     "]);
  });

  it("weighs terms by raw count and smoothed IDF", () => {
    const [first, second] = fitOriginalTfidf(["cats dogs cats", "cats birds"]);
    // n = 2: idf(cats) = ln(3/3) + 1 = 1, idf(dogs) = idf(birds) = ln(3/2) + 1.
    const rare = Math.log(1.5) + 1;
    expect(first!.columns).toEqual([0, 1]);
    expect(first!.values[0]).toBeCloseTo(2 / Math.hypot(2, rare), 12);
    expect(first!.values[1]).toBeCloseTo(rare / Math.hypot(2, rare), 12);
    expect(second!.values[1]).toBeCloseTo(rare / Math.hypot(1, rare), 12);
  });

  it("recommends the top videos of the nearest profiles", () => {
    const profiles = [profile("cats dogs", 2), profile("cats birds", 3), profile("fish", 1), profile("cats dogs birds", 2)];
    const candidates = createOriginalRecommender(profiles, 2)(0);
    // Profile 3 shares cats and dogs, profile 1 only cats; videos 0-1 are profile 0's own, 2-4 profile 1's, 5 profile 2's, 6-7 profile 3's.
    expect(candidates.map((candidate) => candidate.video)).toEqual([6, 7, 2, 3, 4]);
    expect(candidates[0]!.score).toBeGreaterThan(candidates[2]!.score);
    const videoCreators = Int32Array.from([0, 0, 1, 1, 1, 2, 3, 3]);
    expect(rankVideos(candidates, videoCreators, 0)).toEqual([6, 7, 2, 3]);
  });
});

describe("popularity and random lists", () => {
  const videoCreators = Int32Array.from([0, 0, 0, 1, 1, 2]);

  it("lists popular videos under the ranking rules", () => {
    const source = createPopularitySource([0, 1, 2, 3, 4, 5]);
    expect(rankVideos(source(0), videoCreators, 0)).toEqual([3, 4, 5]);
    expect(rankVideos(source(1), videoCreators, 1)).toEqual([0, 1, 5]);
  });

  it("gives seeded random lists without own videos", () => {
    const first = rankVideos(createRandomSource(6, 9)(2), videoCreators, 2);
    expect(rankVideos(createRandomSource(6, 9)(2), videoCreators, 2)).toEqual(first);
    expect(first.some((video) => videoCreators[video] === 2)).toBe(false);
    expect(first).toHaveLength(4);
  });
});
