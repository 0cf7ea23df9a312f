import { describe, expect, it } from "vitest";
import { maskBiography, maskProfiles } from "../../scripts/lib/evaluate/mask.ts";
import {
  buildTokenIndex,
  catalogCoverage,
  exposureCounts,
  gini,
  judge,
  meanDistinctCreators,
  meanOfDefined,
  meanOverlap,
  ndcgAtK,
  recallAtK,
  sameGroupShare,
} from "../../scripts/lib/evaluate/metrics.ts";
import { pairedDifference } from "../../scripts/lib/evaluate/report.ts";
import type { ProfileRow } from "../../src/shared/profile.ts";

const options = { maxPerCreator: 2, k: 10 };

describe("relevance judgement", () => {
  // Creator 1 has one video and creator 3 five, so the best list can contain 1 + 2 relevant videos.
  const index = buildTokenIndex([new Set(["#:cats"]), new Set(["#:cats", "w:dog"]), new Set(["w:fish"]), new Set(["w:dog"])]);
  const videoCounts = [3, 1, 4, 5];

  it("finds other creators that use a hidden token", () => {
    const judgement = judge(new Set(["#:cats", "w:dog"]), 0, index, videoCounts, options);
    expect([...judgement.relevant].sort()).toEqual([1, 3]);
    expect(judgement.idealHits).toBe(3);
  });

  it("caps ideal hits at k", () => {
    expect(judge(new Set(["#:cats", "w:dog", "w:fish"]), 0, index, videoCounts, { maxPerCreator: 2, k: 4 }).idealHits).toBe(4);
  });

  it("is empty when nobody else uses the tokens", () => {
    const judgement = judge(new Set(["#:cats", "w:unknown"]), 1, buildTokenIndex([new Set(), new Set(["#:cats"])]), [1, 1], options);
    expect(judgement.relevant.size).toBe(0);
    expect(judgement.idealHits).toBe(0);
    expect(recallAtK([0], judgement, 10)).toBeNaN();
    expect(ndcgAtK([0], judgement, 10)).toBeNaN();
  });
});

describe("recall and NDCG at k", () => {
  const judgement = { relevant: new Set([1, 3]), idealHits: 3 };
  const idealDcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);

  it("scores a list with every relevant slot filled", () => {
    const list = [3, 0, 1, 3, 2];
    expect(recallAtK(list, judgement, 10)).toBe(1);
    expect(ndcgAtK(list, judgement, 10)).toBeCloseTo((1 + 1 / Math.log2(4) + 1 / Math.log2(5)) / idealDcg, 12);
  });

  it("scores a list with one late hit", () => {
    expect(recallAtK([0, 2, 1], judgement, 10)).toBeCloseTo(1 / 3, 12);
    expect(ndcgAtK([0, 2, 1], judgement, 10)).toBeCloseTo(1 / Math.log2(4) / idealDcg, 12);
  });

  it("gives 1 to the ideal list", () => {
    expect(ndcgAtK([1, 3, 3, 0, 2], judgement, 10)).toBeCloseTo(1, 12);
  });

  it("ignores positions past k", () => {
    expect(recallAtK([0, 2, 1], judgement, 2)).toBe(0);
    expect(ndcgAtK([0, 2, 1], judgement, 2)).toBe(0);
  });

  it("averages only defined values", () => {
    expect(meanOfDefined([0.5, Number.NaN, 1])).toBe(0.75);
    expect(meanOfDefined([Number.NaN])).toBeNaN();
  });
});

describe("list diversity", () => {
  it.each([
    [[0, 0, 0, 4], 0.75],
    [[1, 1, 1, 1], 0],
    [[4, 3, 2, 1], 0.25],
    [[0, 0], 0],
  ])("gives Gini of %j as %s", (counts, expected) => {
    expect(gini(counts)).toBeCloseTo(expected, 12);
  });

  it("counts coverage, distinct creators and exposure", () => {
    const lists = [
      [1, 1, 2],
      [2, 3],
    ];
    expect(catalogCoverage(lists, 5)).toBe(0.6);
    expect(meanDistinctCreators(lists)).toBe(2);
    expect(exposureCounts(lists, 5)).toEqual([0, 2, 2, 1, 0]);
  });

  it("shares of same language skip unknown groups", () => {
    const lists = [[1, 2, 3], [0], [0, 1]];
    // Person 0 (en): creators 1 (en) and 2 (ja) count, 3 is unknown. Person 1 (en): creator 0 (en). Person 2 (ja): 0 (en), 1 (en).
    expect(sameGroupShare(lists, ["en", "en", "ja", null])).toBeCloseTo(2 / 5, 12);
    expect(sameGroupShare(lists, [null, null, null, null])).toBeNaN();
  });

  it("measures overlap of two lists per person", () => {
    expect(meanOverlap([[1, 2, 3, 4]], [[4, 3, 2, 1]], 10)).toBe(1);
    expect(meanOverlap([[1, 2], [5]], [[1, 3], [6]], 10)).toBe(0.25);
  });

  it("gives a paired difference with its 95% interval", () => {
    const { mean, halfWidth } = pairedDifference([1, 2, 3], [0, 2, 2]);
    expect(mean).toBeCloseTo(2 / 3, 12);
    // Differences 1, 0, 1: sample variance 1/3, so the standard error is sqrt(1/9).
    expect(halfWidth).toBeCloseTo(1.96 / 3, 12);
  });
});

describe("masking", () => {
  it("hides a share of the token chunks", () => {
    // A generator that always draws 0 hides chunks 2 and 3 of 4 ("love" and the emoji).
    const masked = maskBiography("#cats love 🐱 pets", "Nick", 0.5, () => 0);
    expect(masked.biography).toBe("#cats   pets");
    expect([...masked.hidden]).toEqual(["w:love", "e:🐱"]);
  });

  it("keeps tokens still visible out of the hidden set", () => {
    const masked = maskBiography("#cats love\n🐱 pets cats", "Nick love", 0.5, () => 0);
    expect(masked.biography).toBe("#cats \n  cats");
    expect([...masked.hidden].sort()).toEqual(["e:🐱", "w:pets"]);
  });

  it.each(["", "null", "one", "!!! ---"])("leaves %j whole", (biography) => {
    const masked = maskBiography(biography, "Nick", 0.4, () => 0);
    expect(masked.biography).toBe(biography);
    expect(masked.hidden.size).toBe(0);
  });

  it("is seeded and never hides every chunk", () => {
    const profile = { biography: "a1 b2 c3 d4 e5", nickname: "" } as ProfileRow;
    const first = maskProfiles([profile, profile], { fraction: 0.9, seed: 3 });
    const second = maskProfiles([profile, profile], { fraction: 0.9, seed: 3 });
    expect(first).toEqual(second);
    for (const hidden of first.hidden) expect(hidden.size).toBe(4);
    expect(() => maskProfiles([profile], { fraction: 1, seed: 3 })).toThrow("invalid mask fraction 1");
  });
});
