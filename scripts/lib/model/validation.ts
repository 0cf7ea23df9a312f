/**
 * @module
 * The held-out objective that training maximises when it picks
 * hyperparameters: some profiles lose part of their tokens, and a list is good
 * when its creators use the lost ones. It mirrors the evaluation's proxy, on
 * the training data alone: NDCG@10 of the Worker's list (own creator
 * excluded, at most 2 videos per creator).
 */
import { createRandom } from "./linear-algebra.ts";
import type { HeldOutDocuments } from "./holdout.ts";

/** Settings of the validation. */
export interface ValidationOptions {
  /** At most this many profiles become queries, chosen at random; bounds the cost on large inputs. */
  maxQueries: number;
  /**
   * A held-out token is a target only if at most this share of profiles use it:
   * tokens nearly everyone has, such as a verification flag, would make almost
   * every creator relevant and measure nothing.
   */
  maxTargetShare: number;
  seed: number;
  listLength: number;
  maxPerCreator: number;
}

/** Queries and what each one's list is judged against. */
export interface ValidationSet {
  queries: number[];
  relevant: Array<Set<number>>;
  /** Relevant videos the best list could hold, per query. */
  idealHits: number[];
}

/** Learned weights of the score terms that the validation compares. */
export interface TermWeights {
  engagement: number;
  recency: number;
}

/** Per-creator inputs of the score terms. */
export interface CatalogTerms {
  creatorEngagement: Float32Array;
  videoRecency: Float32Array;
  /** Each creator's video indices in catalog order. */
  creatorVideos: number[][];
}

/** Chooses queries from held-out documents, and each query's relevant creators by their full documents. */
export function buildValidationSet(
  fullDocuments: readonly string[][],
  heldOut: HeldOutDocuments,
  videoCounts: readonly number[],
  options: ValidationOptions,
): ValidationSet {
  const n = fullDocuments.length;
  const frequency = new Map<string, number>();
  for (const tokens of fullDocuments) for (const token of new Set(tokens)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const isTarget = (token: string) => {
    const count = frequency.get(token) ?? 0;
    return count >= 2 && count <= Math.max(2, options.maxTargetShare * n);
  };

  const eligible = heldOut.hidden.flatMap((hidden, person) => ([...hidden].some(isTarget) ? [person] : []));
  const random = createRandom(options.seed);
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  const queries = eligible.slice(0, options.maxQueries).sort((a, b) => a - b);

  const targets = new Set(queries.flatMap((query) => [...heldOut.hidden[query]!].filter(isTarget)));
  const users = new Map<string, number[]>();
  fullDocuments.forEach((tokens, creator) => {
    for (const token of new Set(tokens)) {
      if (!targets.has(token)) continue;
      const list = users.get(token);
      if (list === undefined) users.set(token, [creator]);
      else list.push(creator);
    }
  });
  const relevant = queries.map((query) => {
    const creators = new Set<number>();
    for (const token of heldOut.hidden[query]!) for (const creator of users.get(token) ?? []) if (creator !== query) creators.add(creator);
    return creators;
  });
  const idealHits = relevant.map((creators) => {
    let capacity = 0;
    for (const creator of creators) capacity += Math.min(options.maxPerCreator, videoCounts[creator]!);
    return Math.min(options.listLength, capacity);
  });
  return { queries, relevant, idealHits };
}

/** A creator's first `count` videos in the order that recency weight `weight` ranks them, ties by catalog index. */
function leadingVideos(videos: readonly number[], recency: Float32Array, weight: number, count: number): number[] {
  if (weight === 0) return videos.slice(0, count);
  return [...videos].sort((a, b) => weight * (recency[b]! - recency[a]!) || a - b).slice(0, count);
}

/**
 * Computes the NDCG@listLength of every query's list for each weight pair.
 * Each creator's similarity is the dot product of the query's and the
 * creator's embedding rows. Returns one array of per-query values per weight pair.
 */
export function validationNdcg(
  set: ValidationSet,
  queryEmbeddings: Float64Array,
  creatorEmbeddings: Float64Array,
  rank: number,
  terms: CatalogTerms,
  weightPairs: readonly TermWeights[],
  options: ValidationOptions,
): number[][] {
  const creatorCount = terms.creatorVideos.length;
  const slots = weightPairs.map((weights) =>
    terms.creatorVideos.map((videos) => leadingVideos(videos, terms.videoRecency, weights.recency, options.maxPerCreator)),
  );
  const discount = Array.from({ length: options.listLength }, (_, position) => 1 / Math.log2(position + 2));
  const results = weightPairs.map(() => new Array<number>(set.queries.length).fill(0));
  const similarity = new Float64Array(creatorCount);
  const bestScores = new Float64Array(options.listLength);
  const bestVideos = new Int32Array(options.listLength);
  const bestCreators = new Int32Array(options.listLength);

  set.queries.forEach((query, q) => {
    for (let creator = 0; creator < creatorCount; creator++) {
      let dot = 0;
      for (let d = 0; d < rank; d++) dot += queryEmbeddings[q * rank + d]! * creatorEmbeddings[creator * rank + d]!;
      similarity[creator] = dot;
    }
    let ideal = 0;
    for (let position = 0; position < set.idealHits[q]!; position++) ideal += discount[position]!;

    weightPairs.forEach((weights, w) => {
      let filled = 0;
      for (let creator = 0; creator < creatorCount; creator++) {
        if (creator === query) continue;
        const base = similarity[creator]! + weights.engagement * terms.creatorEngagement[creator]!;
        for (const video of slots[w]![creator]!) {
          const score = base + weights.recency * terms.videoRecency[video]!;
          // Insertion into the sorted top list: higher score first, then lower video index, as the ranking rules order.
          let position = filled;
          while (position > 0 && (bestScores[position - 1]! < score || (bestScores[position - 1] === score && bestVideos[position - 1]! > video))) position--;
          if (position >= options.listLength) continue;
          for (let move = Math.min(filled, options.listLength - 1); move > position; move--) {
            bestScores[move] = bestScores[move - 1]!;
            bestVideos[move] = bestVideos[move - 1]!;
            bestCreators[move] = bestCreators[move - 1]!;
          }
          bestScores[position] = score;
          bestVideos[position] = video;
          bestCreators[position] = creator;
          filled = Math.min(filled + 1, options.listLength);
        }
      }
      let gain = 0;
      for (let position = 0; position < filled; position++) if (set.relevant[q]!.has(bestCreators[position]!)) gain += discount[position]!;
      results[w]![q] = ideal > 0 ? gain / ideal : 0;
    });
  });
  return results;
}
