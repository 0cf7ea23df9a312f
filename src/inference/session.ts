/**
 * @module
 * Creates the ONNX Runtime session of the recommender and runs one person
 * through it. Input and output names are fixed by the pipeline's graph.
 */
import type { ScoredVideo } from "../service/ranking.ts";
import { initOrt } from "./ort-runtime.ts";

type OrtModule = ReturnType<typeof initOrt>;
/** An onnxruntime-web inference session. */
export type RecommenderSession = Awaited<ReturnType<OrtModule["InferenceSession"]["create"]>>;

/** Graph input and output names, as written by the pipeline. */
const IO = { features: "features", selfCreator: "self_creator", k: "k", scores: "scores", indices: "indices" } as const;

/** Creates a session from ONNX bytes. */
export async function createRecommenderSession(onnx: Uint8Array): Promise<RecommenderSession> {
  const ort = initOrt();
  return ort.InferenceSession.create(onnx, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
}


/** Scores all videos for one person and returns the `k` best, highest first. */
export async function runRecommender(
  session: RecommenderSession,
  features: Float32Array,
  selfCreator: number,
  k: number,
): Promise<ScoredVideo[]> {
  const ort = initOrt();
  const feeds = {
    [IO.features]: new ort.Tensor("float32", features, [1, features.length]),
    [IO.selfCreator]: new ort.Tensor("int64", BigInt64Array.of(BigInt(selfCreator)), [1]),
    [IO.k]: new ort.Tensor("int64", BigInt64Array.of(BigInt(k)), [1]),
  };
  const results = await session.run(feeds);
  try {
    const scores = results[IO.scores]!.data as Float32Array;
    const indices = results[IO.indices]!.data as BigInt64Array;
    return Array.from(indices, (index, position) => ({ video: Number(index), score: scores[position]! }));
  } finally {
    for (const tensor of Object.values(results)) tensor.dispose();
  }
}
