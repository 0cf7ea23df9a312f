/**
 * @module
 * The trained parameters of the recommender, shared by the ONNX graph builder
 * and the TypeScript reference scorer that tests compare it with.
 */

/**
 * Parameters of the embedding recommender; matrices are row-major. A video's
 * score is `similarityWeight * cos(person, creator) + engagementWeight *
 * creatorEngagement[creator] + recencyWeight * videoRecency[video]`.
 */
export interface RecommenderParameters {
  /** Number of distinct (pseudonymized) feature tokens, the input width. */
  vocabularySize: number;
  /** Width of the embedding space. */
  embeddingSize: number;
  /** Person-side token embeddings, `vocabularySize x embeddingSize`. */
  tokenEmbeddings: Float32Array;
  /** Unit-length creator embeddings, `creatorCount x embeddingSize`. */
  creatorEmbeddings: Float32Array;
  creatorCount: number;
  /** Creator index of each video, `videoCount` entries. */
  videoCreators: Int32Array;
  /** Percentile of each creator's engagement rate, in [0, 1]. */
  creatorEngagement: Float32Array;
  /** Percentile of each video's creation time, in [0, 1]. */
  videoRecency: Float32Array;
  /** Weight of the cosine similarity between person and creator. */
  similarityWeight: number;
  /** Fitted weight of the creator's engagement percentile. */
  engagementWeight: number;
  /** Fitted weight of the video's recency percentile. */
  recencyWeight: number;
}

/** Score given to a person's own creator so that TopK ranks its videos last. */
export const EXCLUDED_SCORE = -1e9;

/** Names of the graph's inputs and outputs, which the Worker uses too. */
export const GRAPH_IO = {
  features: "features",
  selfCreator: "self_creator",
  k: "k",
  scores: "scores",
  indices: "indices",
} as const;
