/**
 * @module
 * Fits the recommender: TF-IDF over pseudonymized profile tokens, a truncated
 * SVD (latent semantic analysis) that maps them into a small embedding space,
 * and per-video biases for creator engagement and video recency. See
 * docs/model.md for the objective and the choices.
 */
import type { TrainingProfile } from "../pipeline/pseudonymize.ts";
import type { SparseRows } from "./linear-algebra.ts";
import type { RecommenderParameters } from "./parameters.ts";
import { truncatedSvd } from "./svd.ts";
import { buildVocabulary, weighDocuments } from "./tfidf.ts";

/** Hyperparameters of training. */
export interface TrainingOptions {
  /** Width of the embedding space. */
  embeddingSize: number;
  /** Tokens in fewer profiles than this carry no similarity and are left out. */
  minDocumentFrequency: number;
  powerIterations: number;
  seed: number;
  /** Score added for the creator with the highest engagement rate; others scale on log1p(rate). */
  engagementWeight: number;
  /** Score added for the newest video; the oldest gets 0, others scale linearly with creation time. */
  recencyWeight: number;
}

export const defaultTrainingOptions = {
  embeddingSize: 32,
  minDocumentFrequency: 2,
  powerIterations: 4,
  seed: 20_241_204,
  engagementWeight: 0.05,
  recencyWeight: 0.05,
} satisfies TrainingOptions;

/** What training produces: the model's parameters and the inputs each person will send it. */
export interface TrainedModel {
  parameters: RecommenderParameters;
  /** Sparse TF-IDF input of each profile, in profile order. */
  personInputs: SparseRows;
  droppedTokens: number;
  /** Video indices ranked by popularity (followers and recency), for cold-start fallback. */
  popularVideos: number[];
  maxVideosPerCreator: number;
}

function unitRows(matrix: Float64Array, rows: number, width: number): Float32Array {
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let w = 0; w < width; w++) norm += matrix[r * width + w]! ** 2;
    norm = Math.sqrt(norm);
    for (let w = 0; w < width; w++) out[r * width + w] = norm > 1e-12 ? matrix[r * width + w]! / norm : 0;
  }
  return out;
}

function projectRows(inputs: SparseRows, basis: Float64Array, width: number): Float64Array {
  const out = new Float64Array(inputs.rows.length * width);
  inputs.rows.forEach((row, r) => {
    row.indices.forEach((column, i) => {
      for (let w = 0; w < width; w++) out[r * width + w]! += row.values[i]! * basis[column * width + w]!;
    });
  });
  return out;
}

function scaleToUnitRange(values: number[]): number[] {
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values.map((value) => (span > 0 ? (value - min) / span : 0));
}

function videoTables(profiles: TrainingProfile[], options: TrainingOptions) {
  const creators: number[] = [];
  const createdAt: number[] = [];
  profiles.forEach((profile, creator) => {
    for (const video of profile.videos) {
      creators.push(creator);
      createdAt.push(video.createdAt);
    }
  });
  const engagement = scaleToUnitRange(profiles.map((profile) => Math.log1p(Math.max(profile.engagementRate ?? 0, 0))));
  const recency = scaleToUnitRange(createdAt);
  const biases = Float32Array.from(creators, (creator, video) => options.engagementWeight * engagement[creator]! + options.recencyWeight * recency[video]!);

  const reach = scaleToUnitRange(profiles.map((profile) => Math.log1p(Math.max(profile.followers ?? 0, 0))));
  const popularity = creators.map((creator, video) => reach[creator]! + recency[video]!);
  const popularVideos = creators.map((_, video) => video).sort((a, b) => popularity[b]! - popularity[a]! || a - b);
  return { creators: Int32Array.from(creators), biases, popularVideos };
}

/** Trains the recommender on pseudonymized profiles; the profile order fixes creator indices. */
export function trainRecommender(profiles: TrainingProfile[], options: TrainingOptions = defaultTrainingOptions): TrainedModel {
  if (profiles.length < 2) throw new RangeError(`training needs at least 2 profiles, got ${profiles.length}`);
  const documents = profiles.map((profile) => profile.tokens);
  const vocabulary = buildVocabulary(documents, options.minDocumentFrequency);
  if (vocabulary.idf.length === 0) {
    throw new RangeError(`no token appears in ${options.minDocumentFrequency} or more profiles, so profiles cannot be compared`);
  }
  const personInputs = weighDocuments(documents, vocabulary);
  const svd = truncatedSvd(personInputs, {
    rank: options.embeddingSize,
    oversampling: 10,
    powerIterations: options.powerIterations,
    seed: options.seed,
  });
  const creatorEmbeddings = unitRows(projectRows(personInputs, svd.vectors, svd.rank), profiles.length, svd.rank);
  const videos = videoTables(profiles, options);

  return {
    parameters: {
      vocabularySize: vocabulary.idf.length,
      embeddingSize: svd.rank,
      tokenEmbeddings: Float32Array.from(svd.vectors),
      creatorEmbeddings,
      creatorCount: profiles.length,
      videoCreators: videos.creators,
      videoBiases: videos.biases,
      similarityWeight: 1,
    },
    personInputs,
    droppedTokens: vocabulary.droppedTokens,
    popularVideos: videos.popularVideos,
    maxVideosPerCreator: Math.max(...profiles.map((profile) => profile.videos.length)),
  };
}
