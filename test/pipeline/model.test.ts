import * as ort from "onnxruntime-web";
import { beforeAll, describe, expect, it } from "vitest";
import { readProfiles } from "../../scripts/lib/ingest/index.ts";
import { buildRecommenderOnnx } from "../../scripts/lib/model/graph.ts";
import { EXCLUDED_SCORE } from "../../scripts/lib/model/parameters.ts";
import { scoreVideos, topK } from "../../scripts/lib/model/reference.ts";
import { trainRecommender, type TrainedModel } from "../../scripts/lib/model/train.ts";
import { createPseudonymizer, toTrainingProfile, type Pseudonymizer, type TrainingProfile } from "../../scripts/lib/pipeline/pseudonymize.ts";
import { generateSampleRows, writeSampleWorkbook } from "../../scripts/lib/sample/index.ts";
import { fromBase64 } from "../../src/shared/bytes.ts";
import { toDenseFeatures } from "../../src/shared/features.ts";
import { deriveKeySet } from "../../src/shared/keys.ts";
import type { ProfileRow } from "../../src/shared/profile.ts";
import { TEST_MASTER_KEY } from "../support/secrets.ts";

let profiles: ProfileRow[];
let pseudonymized: TrainingProfile[];
let model: TrainedModel;

const identity: Pseudonymizer = async (_domain, value) => value;
const densify = (trained: TrainedModel, person: number) => {
  const row = trained.personInputs.rows[person]!;
  return toDenseFeatures({ creator: person, tokens: Array.from(row.indices), weights: Array.from(row.values, Math.fround) }, trained.parameters.vocabularySize);
};

beforeAll(async () => {
  const workbook = writeSampleWorkbook(generateSampleRows({ profiles: 150, seed: 11 }), "csv");
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
    profiles.forEach((_, person) => {
      const fromPseudonyms = topK(scoreVideos(model.parameters, densify(model, person), person), 10);
      const fromPlaintext = topK(scoreVideos(plain.parameters, densify(plain, person), person), 10);
      expect(fromPseudonyms).toEqual(fromPlaintext);
    });
  });

  it("is deterministic", async () => {
    const again = trainRecommender(pseudonymized);
    expect(again.parameters.tokenEmbeddings).toEqual(model.parameters.tokenEmbeddings);
    expect(buildRecommenderOnnx(again.parameters, "v")).toEqual(buildRecommenderOnnx(model.parameters, "v"));
  });
});

describe("ONNX export", () => {
  it("matches the TypeScript reference", async () => {
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(buildRecommenderOnnx(model.parameters, "test"));
    const videoCount = model.parameters.videoCreators.length;
    for (let person = 0; person < profiles.length; person++) {
      const features = densify(model, person);
      const output = await session.run({
        features: new ort.Tensor("float32", features, [1, features.length]),
        self_creator: new ort.Tensor("int64", BigInt64Array.of(BigInt(person)), [1]),
        k: new ort.Tensor("int64", BigInt64Array.of(BigInt(videoCount)), [1]),
      });
      const reference = scoreVideos(model.parameters, features, person);
      const scores = output.scores!.data as Float32Array;
      const indices = output.indices!.data as BigInt64Array;
      indices.forEach((index, position) => {
        const expected = reference[Number(index)]!;
        if (expected > EXCLUDED_SCORE / 2) expect(Math.abs(scores[position]! - expected)).toBeLessThan(1e-5);
      });
    }
  });
});
