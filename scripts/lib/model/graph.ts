/**
 * @module
 * Builds the ONNX graph that scores every video for one person:
 * features -> embedding -> cosine with every creator, plus the learned
 * engagement term -> per-video score, plus the learned recency term -> TopK.
 */
import { DataType, encodeModel, type GraphNode, type Initializer } from "../onnx/onnx.ts";
import { EXCLUDED_SCORE, GRAPH_IO, type RecommenderParameters } from "./parameters.ts";

/** Small constant that keeps the normalisation finite for an all-zero embedding. */
const NORM_EPSILON = 1e-12;

function transpose(matrix: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(matrix.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      out[column * rows + row] = matrix[row * columns + column]!;
    }
  }
  return out;
}

function initializers(parameters: RecommenderParameters): Initializer[] {
  const { vocabularySize, embeddingSize, creatorCount } = parameters;
  return [
    { name: "token_embeddings", dims: [vocabularySize, embeddingSize], data: parameters.tokenEmbeddings },
    {
      name: "creator_embeddings_t",
      dims: [embeddingSize, creatorCount],
      data: transpose(parameters.creatorEmbeddings, creatorCount, embeddingSize),
    },
    {
      name: "video_creators",
      dims: [parameters.videoCreators.length],
      data: BigInt64Array.from(parameters.videoCreators, (value) => BigInt(value)),
    },
    { name: "creator_engagement", dims: [creatorCount], data: parameters.creatorEngagement },
    { name: "video_recency", dims: [parameters.videoRecency.length], data: parameters.videoRecency },
    { name: "similarity_weight", dims: [], data: Float32Array.of(parameters.similarityWeight) },
    { name: "engagement_weight", dims: [], data: Float32Array.of(parameters.engagementWeight) },
    { name: "recency_weight", dims: [], data: Float32Array.of(parameters.recencyWeight) },
    { name: "norm_epsilon", dims: [], data: Float32Array.of(NORM_EPSILON) },
    { name: "creator_count", dims: [1], data: BigInt64Array.of(BigInt(creatorCount)) },
    { name: "exclusion_values", dims: [2], data: Float32Array.of(0, EXCLUDED_SCORE) },
  ];
}

function nodes(): GraphNode[] {
  return [
    // Person embedding, scaled to unit length.
    { opType: "MatMul", inputs: [GRAPH_IO.features, "token_embeddings"], outputs: ["embedding"] },
    {
      opType: "ReduceSumSquare",
      inputs: ["embedding"],
      outputs: ["embedding_square_norm"],
      attributes: { axes: { kind: "ints", value: [1] }, keepdims: { kind: "int", value: 1 } },
    },
    { opType: "Sqrt", inputs: ["embedding_square_norm"], outputs: ["embedding_norm"] },
    { opType: "Add", inputs: ["embedding_norm", "norm_epsilon"], outputs: ["embedding_norm_safe"] },
    { opType: "Div", inputs: ["embedding", "embedding_norm_safe"], outputs: ["unit_embedding"] },
    // Cosine similarity with every creator plus the engagement term; the person's own creator gets EXCLUDED_SCORE.
    { opType: "MatMul", inputs: ["unit_embedding", "creator_embeddings_t"], outputs: ["creator_similarity"] },
    { opType: "Mul", inputs: ["creator_similarity", "similarity_weight"], outputs: ["weighted_similarity"] },
    { opType: "Mul", inputs: ["creator_engagement", "engagement_weight"], outputs: ["engagement_term"] },
    { opType: "Add", inputs: ["weighted_similarity", "engagement_term"], outputs: ["creator_terms"] },
    {
      opType: "OneHot",
      inputs: [GRAPH_IO.selfCreator, "creator_count", "exclusion_values"],
      outputs: ["self_mask"],
      attributes: { axis: { kind: "int", value: -1 } },
    },
    { opType: "Add", inputs: ["creator_terms", "self_mask"], outputs: ["creator_scores"] },
    // Every video inherits its creator's score and adds its own recency term.
    {
      opType: "Gather",
      inputs: ["creator_scores", "video_creators"],
      outputs: ["video_creator_scores"],
      attributes: { axis: { kind: "int", value: 1 } },
    },
    { opType: "Mul", inputs: ["video_recency", "recency_weight"], outputs: ["recency_term"] },
    { opType: "Add", inputs: ["video_creator_scores", "recency_term"], outputs: ["video_scores"] },
    {
      opType: "TopK",
      inputs: ["video_scores", GRAPH_IO.k],
      outputs: [GRAPH_IO.scores, GRAPH_IO.indices],
      attributes: {
        axis: { kind: "int", value: -1 },
        largest: { kind: "int", value: 1 },
        sorted: { kind: "int", value: 1 },
      },
    },
  ];
}

/** Encodes the recommender as ONNX bytes; `version` goes into the model's metadata. */
export function buildRecommenderOnnx(parameters: RecommenderParameters, version: string): Uint8Array {
  return encodeModel({
    graphName: "recommender",
    producerVersion: version,
    nodes: nodes(),
    initializers: initializers(parameters),
    inputs: [
      { name: GRAPH_IO.features, elemType: DataType.FLOAT, shape: [1, parameters.vocabularySize] },
      { name: GRAPH_IO.selfCreator, elemType: DataType.INT64, shape: [1] },
      { name: GRAPH_IO.k, elemType: DataType.INT64, shape: [1] },
    ],
    outputs: [
      { name: GRAPH_IO.scores, elemType: DataType.FLOAT, shape: [1, "k"] },
      { name: GRAPH_IO.indices, elemType: DataType.INT64, shape: [1, "k"] },
    ],
    metadata: { model_version: version },
  });
}
