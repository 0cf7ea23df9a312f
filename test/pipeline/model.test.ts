import * as ort from "onnxruntime-web";
import { beforeAll, describe, expect, it } from "vitest";
import { readProfiles } from "../../scripts/lib/ingest/index.ts";
import { oneStandardErrorChoice } from "../../scripts/lib/model/fit.ts";
import { buildRecommenderOnnx } from "../../scripts/lib/model/graph.ts";
import { holdOutTokens } from "../../scripts/lib/model/holdout.ts";
import { createRandom, orthonormaliseColumns, solvePositiveDefinite } from "../../scripts/lib/model/linear-algebra.ts";
import { EXCLUDED_SCORE, type RecommenderParameters } from "../../scripts/lib/model/parameters.ts";
import { scoreVideos, topK } from "../../scripts/lib/model/reference.ts";
import { defaultTrainingOptions, trainRecommender, type TrainedModel } from "../../scripts/lib/model/train.ts";
import { percentiles } from "../../scripts/lib/model/video-terms.ts";
import { createPseudonymizer, profileTokens, toTrainingProfile, type Pseudonymizer, type TrainingProfile } from "../../scripts/lib/pipeline/pseudonymize.ts";
import { DEFAULT_SAMPLE_OPTIONS, generateSampleRows, writeSampleWorkbook } from "../../scripts/lib/sample/index.ts";
import { fromBase64 } from "../../src/shared/bytes.ts";
import { toDenseFeatures } from "../../src/shared/features.ts";
import { NUMBER_TOKEN_COUNT, normaliseText, numberTokens, textTokens } from "../../src/shared/tokens.ts";
import { deriveKeySet } from "../../src/shared/keys.ts";
import type { ProfileRow } from "../../src/shared/profile.ts";
import { TEST_MASTER_KEY } from "../support/secrets.ts";

// The default sample: the same 1,000 profiles as data/sample.csv.
let profiles: ProfileRow[];
let pseudonymized: TrainingProfile[];
let model: TrainedModel;

const identity: Pseudonymizer = async (_domain, value) => value;
const densify = (trained: TrainedModel, person: number) => {
  const row = trained.personInputs.rows[person]!;
  return toDenseFeatures({ creator: person, tokens: Array.from(row.indices), weights: Array.from(row.values, Math.fround) }, trained.parameters.vocabularySize);
};

beforeAll(async () => {
  const workbook = writeSampleWorkbook(generateSampleRows(DEFAULT_SAMPLE_OPTIONS), "csv");
  profiles = readProfiles(workbook, { fileName: "model-fixture.csv" }).profiles;
  const keys = await deriveKeySet(fromBase64(TEST_MASTER_KEY));
  const pseudonymizer = createPseudonymizer(keys.pseudonymKey);
  pseudonymized = await Promise.all(profiles.map((profile) => toTrainingProfile(profile, pseudonymizer)));
  model = trainRecommender(pseudonymized);
});

describe("training", () => {
  it("sees no plaintext token", () => {
    const tokens = new Set(pseudonymized.flatMap((profile) => profile.tokens));
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const profile of pseudonymized) expect(profile.account).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("gives identical top-10 on plaintext", async () => {
    const plain = trainRecommender(await Promise.all(profiles.map((profile) => toTrainingProfile(profile, identity))));
    expect(plain.parameters.vocabularySize).toBe(model.parameters.vocabularySize);
    expect(plain.fitted).toEqual(model.fitted);
    profiles.forEach((_, person) => {
      const fromPseudonyms = topK(scoreVideos(model.parameters, densify(model, person), person), 10);
      const fromPlaintext = topK(scoreVideos(plain.parameters, densify(plain, person), person), 10);
      expect(fromPseudonyms).toEqual(fromPlaintext);
    });
  });

  it("is deterministic", () => {
    const again = trainRecommender(pseudonymized);
    expect(again.fitted).toEqual(model.fitted);
    expect(again.parameters.tokenEmbeddings).toEqual(model.parameters.tokenEmbeddings);
    expect(buildRecommenderOnnx(again.parameters, "v")).toEqual(buildRecommenderOnnx(model.parameters, "v"));
  });

  it("fits finite weights from the grid", () => {
    const { fitted } = model;
    expect(defaultTrainingOptions.search.powers).toContain(fitted.singularValuePower);
    expect(defaultTrainingOptions.search.termWeights).toContain(fitted.engagementWeight);
    expect(defaultTrainingOptions.search.termWeights).toContain(fitted.recencyWeight);
    expect(fitted.validationQueries).toBe(defaultTrainingOptions.search.validation.maxQueries);
    expect(Number.isFinite(fitted.validationNdcg)).toBe(true);
    expect(model.parameters.engagementWeight).toBe(fitted.engagementWeight);
    expect(model.parameters.recencyWeight).toBe(fitted.recencyWeight);
    for (const value of model.parameters.tokenEmbeddings) expect(Number.isFinite(value)).toBe(true);
  });

  it("learns an engagement effect when one exists", () => {
    // Engaged creators write 8 of their topic's 12 words, the others 3, so engaged creators use a hidden word more often.
    const random = createRandom(1);
    const synthetic: TrainingProfile[] = Array.from({ length: 400 }, (_, creator) => {
      const engaged = random() < 0.5;
      const first = Math.floor(random() * 12);
      const words = Array.from({ length: engaged ? 8 : 3 }, (_, i) => `w:${creator % 10}-${(first + i) % 12}`);
      const facts = ["f:verified:false", "f:followers:4", "f:following:2", "f:likes:5", "f:videos:2", `f:engagement:${engaged ? -1 : -3}`];
      return {
        account: `a${creator}`,
        tokens: [...words, ...facts],
        videos: [{ pseudonym: `v${creator}`, createdAt: 1_700_000_000 + creator }],
        engagementRate: engaged ? 0.2 : 0.01,
        followers: 1000,
      };
    });
    const fitted = trainRecommender(synthetic).fitted;
    expect(fitted.engagementWeight).toBeGreaterThan(0);
    expect(fitted.recencyWeight).toBe(0);
  });

  it("falls back without enough validation queries", () => {
    const fitted = trainRecommender(pseudonymized.slice(0, 12)).fitted;
    expect(fitted).toEqual({
      singularValuePower: defaultTrainingOptions.search.fallbackPower,
      engagementWeight: 0,
      recencyWeight: 0,
      validationQueries: 0,
      validationNdcg: Number.NaN,
    });
  });
});

describe("feature tokens", () => {
  it.each([
    ["Straße", "strasse"],
    ["ΟΔΟΣ", "οδοσ"],
    ["MÚSICA música", "musica musica"],
    ["ｒｅｃｉｐｅ", "recipe"],
    ["soooo goooal", "soo gooal"],
    ["İstanbul", "istanbul"],
    ["मेकअप", "मेकअप"],
  ])("normalises %j to %j", (text, expected) => {
    expect(normaliseText(text)).toBe(expected);
  });

  it("ends every profile with its number tokens", () => {
    for (const profile of profiles) {
      const tail = profileTokens(profile).slice(-NUMBER_TOKEN_COUNT);
      expect(tail.map((token) => token.split(":")[1])).toEqual(["verified", "followers", "following", "likes", "videos", "engagement"]);
    }
  });

  it("gives missing numbers the bucket none", () => {
    const numbers = { isVerified: true, followers: 12_300, following: null, likes: 0, videosCount: null, engagementRate: null };
    expect(numberTokens(numbers)).toEqual([
      "f:verified:true",
      "f:followers:5",
      "f:following:none",
      "f:likes:0",
      "f:videos:none",
      "f:engagement:none",
    ]);
  });

  it("splits kinds and keeps Devanagari signs", () => {
    expect(textTokens("Pokémon #FoodTok @Chef.Ana 🍳 नमस्ते 料理教室")).toEqual([
      "#:foodtok",
      "@:chef.ana",
      "e:🍳",
      "w:pokemon",
      "w:नमस्ते",
      "w:料理",
      "w:理教",
      "w:教室",
    ]);
  });
});

describe("training helpers", () => {
  it("hides the same positions of any token strings", () => {
    const plain = holdOutTokens([["a", "b", "a", "c", "d"], ["x"]], 0.5, 4);
    const renamed = holdOutTokens([["A", "B", "A", "C", "D"], ["X"]], 0.5, 4);
    expect(plain.visible.map((tokens) => tokens.join().toUpperCase())).toEqual(renamed.visible.map((tokens) => tokens.join()));
    expect(plain.hidden[0]!.size).toBe(2);
    expect(plain.hidden[1]!.size).toBe(0);
  });

  it("gives tied values the mean percentile", () => {
    expect(Array.from(percentiles([5, 1, 5, 3]))).toEqual([5 / 6, 0, 5 / 6, 1 / 3].map(Math.fround));
    expect(Array.from(percentiles([7]))).toEqual([0.5]);
  });

  it("keeps weight 0 unless a weight beats it by one standard error", () => {
    const weights = [0, 0.1];
    expect(oneStandardErrorChoice(weights, [[0.5, 0.5, 0.5], [0.51, 0.49, 0.52]])).toBe(0);
    expect(oneStandardErrorChoice(weights, [[0.5, 0.5, 0.5], [0.6, 0.61, 0.6]])).toBe(1);
  });

  it("solves a positive definite system", () => {
    // [[4, 2], [2, 3]] x = [[2], [5]] has the solution x = [[-0.5], [2]].
    const solution = solvePositiveDefinite(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 5), 2, 1);
    expect(solution[0]).toBeCloseTo(-0.5, 12);
    expect(solution[1]).toBeCloseTo(2, 12);
    expect(() => solvePositiveDefinite(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1), 2, 1)).toThrow("not positive definite");
  });

  it("orthonormalises columns", () => {
    const matrix = Float64Array.of(3, 1, 4, 1, 0, 2);
    orthonormaliseColumns(matrix, 3, 2);
    const dot = (a: number, b: number) => matrix[a]! * matrix[b]! + matrix[a + 2]! * matrix[b + 2]! + matrix[a + 4]! * matrix[b + 4]!;
    expect(dot(0, 0)).toBeCloseTo(1, 12);
    expect(dot(1, 1)).toBeCloseTo(1, 12);
    expect(dot(0, 1)).toBeCloseTo(0, 12);
    expect(matrix[0]).toBeCloseTo(3 / 5, 12);
  });
});

async function expectOnnxMatchesReference(parameters: RecommenderParameters, people: number[]): Promise<void> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(buildRecommenderOnnx(parameters, "test"));
  const videoCount = parameters.videoCreators.length;
  for (const person of people) {
    const features = densify(model, person);
    const output = await session.run({
      features: new ort.Tensor("float32", features, [1, features.length]),
      self_creator: new ort.Tensor("int64", BigInt64Array.of(BigInt(person)), [1]),
      k: new ort.Tensor("int64", BigInt64Array.of(BigInt(videoCount)), [1]),
    });
    const reference = scoreVideos(parameters, features, person);
    const scores = output.scores!.data as Float32Array;
    const indices = output.indices!.data as BigInt64Array;
    expect(indices).toHaveLength(videoCount);
    let maxError = 0;
    indices.forEach((index, position) => {
      const expected = reference[Number(index)]!;
      if (expected > EXCLUDED_SCORE / 2) maxError = Math.max(maxError, Math.abs(scores[position]! - expected));
    });
    expect(maxError).toBeLessThan(1e-5);
    // The person's own videos rank last.
    const own = indices.slice(videoCount - profiles[person]!.topVideos.length);
    for (const index of own) expect(parameters.videoCreators[Number(index)]).toBe(person);
  }
  await session.release();
}

describe("ONNX export", () => {
  it("matches the reference for every person", async () => {
    await expectOnnxMatchesReference(model.parameters, profiles.map((_, person) => person));
  });

  it("applies both term weights", async () => {
    const weighted = { ...model.parameters, engagementWeight: 0.2, recencyWeight: -0.3 };
    await expectOnnxMatchesReference(weighted, [0, 1, 2, 500, 999]);
  });
});
