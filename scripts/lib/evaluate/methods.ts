/**
 * @module
 * The compared recommenders, each as a function from a person's index to
 * scored candidate videos, and the Worker's ranking rules that turn candidates
 * into the final list.
 */
import type { ScoredVideo } from "../../../src/service/ranking.ts";
import { applyRankingRules, candidateCount } from "../../../src/service/ranking.ts";
import { createRandom } from "../model/linear-algebra.ts";
import { scoreVideos, topK } from "../model/reference.ts";
import type { TrainedModel } from "../model/train.ts";

/** Returns the scored candidates of one person. */
export type CandidateSource = (person: number) => ScoredVideo[];

/** The Worker's list settings: the API's default limit and per-creator cap. */
export interface ListOptions {
  limit: number;
  maxPerCreator: number;
}

export const defaultListOptions = { limit: 10, maxPerCreator: 2 } satisfies ListOptions;

/** Applies the Worker's ranking rules and returns the listed video indices, best first. */
export function rankVideos(candidates: ScoredVideo[], videoCreators: Int32Array, person: number, options: ListOptions = defaultListOptions): number[] {
  const ranked = applyRankingRules(candidates, (video) => videoCreators[video]!, {
    selfCreator: person,
    maxPerCreator: options.maxPerCreator,
    limit: options.limit,
  });
  return ranked.map((candidate) => candidate.video);
}

/** Dense feature vector of one person's sparse model input, in float32 as the Worker builds it. */
export function personFeatures(trained: TrainedModel, person: number): Float32Array {
  const row = trained.personInputs.rows[person]!;
  const dense = new Float32Array(trained.parameters.vocabularySize);
  row.indices.forEach((column, i) => (dense[column] = Math.fround(row.values[i]!)));
  return dense;
}

/** Creates a source that runs the trained model as the Worker does: every video scored, then the TopK that the Worker requests. */
export function createModelSource(trained: TrainedModel, options: ListOptions = defaultListOptions): CandidateSource {
  const videoCount = trained.parameters.videoCreators.length;
  const k = candidateCount(options.limit, options.maxPerCreator, trained.maxVideosPerCreator, videoCount);
  return (person) => {
    const scores = scoreVideos(trained.parameters, personFeatures(trained, person), person);
    return topK(scores, k).map((video) => ({ video, score: scores[video]! }));
  };
}

/** Creates a source with the same popularity ranking for everyone, the Worker's cold-start fallback order. */
export function createPopularitySource(popularVideos: readonly number[]): CandidateSource {
  const candidates = popularVideos.map((video, rank) => ({ video, score: 1 - rank / popularVideos.length }));
  return () => candidates;
}

/** Creates a source of uniformly random scores, seeded per person so that every run lists the same videos. */
export function createRandomSource(videoCount: number, seed: number): CandidateSource {
  return (person) => {
    const random = createRandom((seed + Math.imul(person, 0x9e3779b1)) >>> 0);
    return Array.from({ length: videoCount }, (_, video) => ({ video, score: random() }));
  };
}
