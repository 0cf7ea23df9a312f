/**
 * @module
 * A plain TypeScript implementation of the ONNX graph in `graph.ts`, used by
 * tests to check what onnxruntime computes and by the evaluation to rank
 * without a runtime.
 */
import { EXCLUDED_SCORE, type RecommenderParameters } from "./parameters.ts";

/** Computes the score of every video for a person with the given dense feature vector. */
export function scoreVideos(
  parameters: RecommenderParameters,
  features: Float32Array,
  selfCreator: number,
): Float32Array {
  const { embeddingSize, tokenEmbeddings, creatorEmbeddings, creatorCount } = parameters;
  const embedding = new Float64Array(embeddingSize);
  features.forEach((weight, token) => {
    if (weight === 0) return;
    for (let d = 0; d < embeddingSize; d++) embedding[d]! += weight * tokenEmbeddings[token * embeddingSize + d]!;
  });
  const norm = Math.sqrt(embedding.reduce((sum, value) => sum + value * value, 0)) + 1e-12;

  const creatorScores = new Float64Array(creatorCount);
  for (let creator = 0; creator < creatorCount; creator++) {
    let dot = 0;
    for (let d = 0; d < embeddingSize; d++) dot += (embedding[d]! / norm) * creatorEmbeddings[creator * embeddingSize + d]!;
    const score = parameters.similarityWeight * dot + parameters.engagementWeight * parameters.creatorEngagement[creator]!;
    creatorScores[creator] = creator === selfCreator ? score + EXCLUDED_SCORE : score;
  }

  return Float32Array.from(
    parameters.videoCreators,
    (creator, video) => creatorScores[creator]! + parameters.recencyWeight * parameters.videoRecency[video]!,
  );
}

/** Returns the indices of the `k` highest scores, ties broken by the lower index. */
export function topK(scores: Float32Array, k: number): number[] {
  const order = Array.from(scores.keys());
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, k);
}
