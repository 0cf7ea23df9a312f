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
  /** Tokens at the end of every document that are facts such as count buckets, never targets. */
  trailingFactTokens: number;
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
  // Count buckets and engagement buckets are no interest, and an engagement bucket as a target
  // would reward the engagement term for finding its own input again.
  const facts = new Set(fullDocuments.flatMap((tokens) => tokens.slice(Math.max(0, tokens.length - options.trailingFactTokens))));
  const n = fullDocuments.length;
  const frequency = new Map<string, number>();
  for (const tokens of fullDocuments) for (const token of new Set(tokens)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const isTarget = (token: string) => {
    if (facts.has(token)) return false;
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

/** Queries whose similarities are computed together, so each creator row is read once per block, not once per query. */
const QUERY_BLOCK = 32;

/**
 * Returns each creator's first `count` videos in the order that a recency
 * weight of sign `sign` ranks them, ties by catalog index. Only the sign
 * matters, because percentiles order the same way under any positive weight.
 */
function leadingVideos(creatorVideos: readonly number[][], recency: Float32Array, sign: number, count: number): number[][] {
  return creatorVideos.map((videos) => {
    if (sign === 0) return videos.slice(0, count);
    return [...videos].sort((a, b) => sign * (recency[b]! - recency[a]!) || a - b).slice(0, count);
  });
}

/** Writes the dot products of queries `first..first+count-1` with every creator into `out`, one row of creators per query. */
function blockSimilarities(queries: Float64Array, creators: Float64Array, rank: number, first: number, count: number, out: Float64Array): void {
  const creatorCount = creators.length / rank;
  for (let creator = 0; creator < creatorCount; creator++) {
    const row = creator * rank;
    for (let q = 0; q < count; q++) {
      const base = (first + q) * rank;
      let dot = 0;
      for (let d = 0; d < rank; d++) dot += queries[base + d]! * creators[row + d]!;
      out[q * creatorCount + creator] = dot;
    }
  }
}

/** The top of one list as the ranking rules build it: the best slots by score, then by lower video index. */
class TopSlots {
  readonly length: number;
  readonly scores: Float64Array;
  readonly videos: Int32Array;
  readonly creators: Int32Array;
  filled = 0;

  constructor(length: number) {
    this.length = length;
    this.scores = new Float64Array(length);
    this.videos = new Int32Array(length);
    this.creators = new Int32Array(length);
  }

  clear(): void {
    this.filled = 0;
  }

  /** The lowest score a new slot must beat once the list is full. */
  get floor(): number {
    return this.filled === this.length ? this.scores[this.length - 1]! : -Infinity;
  }

  /** Inserts a slot at its rank, dropping the last one when the list is full. */
  offer(score: number, video: number, creator: number): void {
    let position = this.filled;
    while (position > 0 && (this.scores[position - 1]! < score || (this.scores[position - 1] === score && this.videos[position - 1]! > video))) position--;
    if (position >= this.length) return;
    for (let move = Math.min(this.filled, this.length - 1); move > position; move--) {
      this.scores[move] = this.scores[move - 1]!;
      this.videos[move] = this.videos[move - 1]!;
      this.creators[move] = this.creators[move - 1]!;
    }
    this.scores[position] = score;
    this.videos[position] = video;
    this.creators[position] = creator;
    this.filled = Math.min(this.filled + 1, this.length);
  }
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
  const slotsBySign = new Map<number, number[][]>();
  for (const { recency } of weightPairs) {
    const sign = Math.sign(recency);
    if (!slotsBySign.has(sign)) slotsBySign.set(sign, leadingVideos(terms.creatorVideos, terms.videoRecency, sign, options.maxPerCreator));
  }
  const discount = Array.from({ length: options.listLength }, (_, position) => 1 / Math.log2(position + 2));
  const results = weightPairs.map(() => new Array<number>(set.queries.length).fill(0));
  const similarities = new Float64Array(Math.min(QUERY_BLOCK, set.queries.length) * creatorCount);
  const top = new TopSlots(options.listLength);

  for (let first = 0; first < set.queries.length; first += QUERY_BLOCK) {
    const count = Math.min(QUERY_BLOCK, set.queries.length - first);
    blockSimilarities(queryEmbeddings, creatorEmbeddings, rank, first, count, similarities);
    for (let q = first; q < first + count; q++) {
      const query = set.queries[q]!;
      const similarity = similarities.subarray((q - first) * creatorCount, (q - first + 1) * creatorCount);
      let ideal = 0;
      for (let position = 0; position < set.idealHits[q]!; position++) ideal += discount[position]!;

      weightPairs.forEach((weights, w) => {
        const slots = slotsBySign.get(Math.sign(weights.recency))!;
        // Percentiles lie in [0, 1], so no video of a creator scores above its base plus this.
        const maxRecencyTerm = Math.max(0, weights.recency);
        top.clear();
        for (let creator = 0; creator < creatorCount; creator++) {
          if (creator === query) continue;
          const base = similarity[creator]! + weights.engagement * terms.creatorEngagement[creator]!;
          if (base + maxRecencyTerm < top.floor) continue;
          for (const video of slots[creator]!) top.offer(base + weights.recency * terms.videoRecency[video]!, video, creator);
        }
        let gain = 0;
        for (let position = 0; position < top.filled; position++) if (set.relevant[q]!.has(top.creators[position]!)) gain += discount[position]!;
        results[w]![q] = ideal > 0 ? gain / ideal : 0;
      });
    }
  }
  return results;
}
