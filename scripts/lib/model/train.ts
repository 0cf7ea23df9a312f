/**
 * @module
 * Fits the recommender: TF-IDF over pseudonymized profile tokens, a truncated
 * SVD that maps them into a small embedding space, a denoising map for people
 * whose profiles are partial, and the weights of the engagement and recency
 * terms. See docs/model.md for the objectives and the choices.
 */
import { NUMBER_TOKEN_COUNT } from "../../../src/shared/tokens.ts";
import type { TrainingProfile } from "../pipeline/pseudonymize.ts";
import { embedRows, fitDenoisingMap, personProjection, tokenProjection } from "./embedding.ts";
import { searchHyperparameters, type FittedHyperparameters, type SearchOptions } from "./fit.ts";
import { holdOutTokens } from "./holdout.ts";
import type { SparseRows } from "./linear-algebra.ts";
import type { RecommenderParameters } from "./parameters.ts";
import { truncatedSvd } from "./svd.ts";
import { buildVocabulary, weighDocuments } from "./tfidf.ts";
import { buildVideoTables } from "./video-terms.ts";

/** Hyperparameters of training. */
export interface TrainingOptions {
  /** Width of the embedding space. */
  embeddingSize: number;
  /** Tokens in fewer profiles than this carry no similarity and are left out. */
  minDocumentFrequency: number;
  /** Power iterations of the randomized SVD; more give more accurate singular vectors. */
  powerIterations: number;
  seed: number;
  search: SearchOptions;
}

export const defaultTrainingOptions = {
  embeddingSize: 64,
  minDocumentFrequency: 2,
  powerIterations: 4,
  seed: 20_241_204,
  search: {
    validation: { maxQueries: 500, maxTargetShare: 0.1, seed: 5, trailingFactTokens: NUMBER_TOKEN_COUNT, listLength: 10, maxPerCreator: 2 },
    holdOutFraction: 0.4,
    powers: [1, 0.5, 0],
    termWeights: [-0.3, -0.1, -0.03, -0.01, 0, 0.01, 0.03, 0.1, 0.3],
    minQueries: 20,
    fallbackPower: 0.5,
  },
} satisfies TrainingOptions;

/** Result of training: the model's parameters and the inputs each person will send it. */
export interface TrainedModel {
  parameters: RecommenderParameters;
  /** Sparse TF-IDF input of each profile, in profile order. */
  personInputs: SparseRows;
  droppedTokens: number;
  /** Video indices ranked by popularity (followers and recency), for cold-start fallback. */
  popularVideos: number[];
  maxVideosPerCreator: number;
  /** The hyperparameters that validation on the training data chose. */
  fitted: FittedHyperparameters;
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
  const videos = buildVideoTables(profiles);
  const videoCounts = profiles.map((profile) => profile.videos.length);
  const creatorVideos: number[][] = [];
  let firstVideo = 0;
  for (const count of videoCounts) {
    creatorVideos.push(Array.from({ length: count }, (_, offset) => firstVideo + offset));
    firstVideo += count;
  }
  const heldOut = holdOutTokens(documents, options.search.holdOutFraction, options.search.validation.seed);
  const svdOptions = { rank: options.embeddingSize, oversampling: 10, powerIterations: options.powerIterations, seed: options.seed };

  const fitted = searchHyperparameters(
    {
      documents,
      heldOut,
      minDocumentFrequency: options.minDocumentFrequency,
      svd: svdOptions,
      terms: { creatorEngagement: videos.creatorEngagement, videoRecency: videos.videoRecency, creatorVideos },
      videoCounts,
    },
    options.search,
  );

  const svd = truncatedSvd(personInputs, svdOptions);
  const projection = tokenProjection(svd, fitted.singularValuePower);
  const creatorEmbeddings = embedRows(personInputs, projection, svd.rank);
  const corrupted = weighDocuments(heldOut.visible, vocabulary);
  const allRows = Array.from({ length: profiles.length }, (_, row) => row);
  const map = fitDenoisingMap(embedRows(corrupted, projection, svd.rank), creatorEmbeddings, svd.rank, allRows);

  return {
    parameters: {
      vocabularySize: vocabulary.idf.length,
      embeddingSize: svd.rank,
      tokenEmbeddings: Float32Array.from(personProjection(projection, map, vocabulary.idf.length, svd.rank)),
      creatorEmbeddings: Float32Array.from(creatorEmbeddings),
      creatorCount: profiles.length,
      videoCreators: videos.videoCreators,
      creatorEngagement: videos.creatorEngagement,
      videoRecency: videos.videoRecency,
      similarityWeight: 1,
      engagementWeight: fitted.engagementWeight,
      recencyWeight: fitted.recencyWeight,
    },
    personInputs,
    droppedTokens: vocabulary.droppedTokens,
    popularVideos: videos.popularVideos,
    maxVideosPerCreator: videoCounts.reduce((max, count) => Math.max(max, count), 0),
    fitted,
  };
}
