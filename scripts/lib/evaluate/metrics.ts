/**
 * @module
 * Metrics of the evaluation. Relevance is per creator: a recommended video is
 * relevant when its creator's full profile uses at least one of the person's
 * hidden tokens. Lists are the creator index of each recommended video, best
 * first, after the ranking rules.
 */

/** Relevance facts that one person's list is judged against. */
export interface Judgement {
  /** Creators other than the person whose full nickname or biography contains a hidden token. */
  relevant: Set<number>;
  /**
   * Relevant videos that the best list could hold: min(k, the sum over relevant
   * creators of min(per-creator cap, the creator's video count)), because the
   * ranking rules allow no more.
   */
  idealHits: number;
}

/** Maps each token to the creators whose token set contains it, creators in ascending order. */
export function buildTokenIndex(creatorTokens: ReadonlyArray<ReadonlySet<string>>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  creatorTokens.forEach((tokens, creator) => {
    for (const token of tokens) {
      const creators = index.get(token);
      if (creators === undefined) index.set(token, [creator]);
      else creators.push(creator);
    }
  });
  return index;
}

/** Judges one person's hidden tokens against the full profiles of every other creator. */
export function judge(
  hidden: ReadonlySet<string>,
  person: number,
  tokenIndex: ReadonlyMap<string, readonly number[]>,
  videoCounts: readonly number[],
  options: { maxPerCreator: number; k: number },
): Judgement {
  const relevant = new Set<number>();
  for (const token of hidden) {
    for (const creator of tokenIndex.get(token) ?? []) if (creator !== person) relevant.add(creator);
  }
  let capacity = 0;
  for (const creator of relevant) capacity += Math.min(options.maxPerCreator, videoCounts[creator]!);
  return { relevant, idealHits: Math.min(options.k, capacity) };
}

/** Relevant videos in the first `k` positions divided by `judgement.idealHits`; NaN when that is 0. */
export function recallAtK(list: readonly number[], judgement: Judgement, k: number): number {
  if (judgement.idealHits === 0) return Number.NaN;
  const hits = list.slice(0, k).filter((creator) => judgement.relevant.has(creator)).length;
  return hits / judgement.idealHits;
}

/** Binary-gain NDCG of the first `k` positions, with the ideal list holding `judgement.idealHits` relevant videos first; NaN when that is 0. */
export function ndcgAtK(list: readonly number[], judgement: Judgement, k: number): number {
  if (judgement.idealHits === 0) return Number.NaN;
  let dcg = 0;
  list.slice(0, k).forEach((creator, position) => {
    if (judgement.relevant.has(creator)) dcg += 1 / Math.log2(position + 2);
  });
  let ideal = 0;
  for (let position = 0; position < judgement.idealHits; position++) ideal += 1 / Math.log2(position + 2);
  return dcg / ideal;
}

/** Mean of the values that are not NaN; NaN when there are none. */
export function meanOfDefined(values: readonly number[]): number {
  const defined = values.filter((value) => !Number.isNaN(value));
  return defined.length === 0 ? Number.NaN : defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

/** Share of all `creatorCount` creators that appear in at least one list. */
export function catalogCoverage(lists: ReadonlyArray<readonly number[]>, creatorCount: number): number {
  const seen = new Set(lists.flat());
  return seen.size / creatorCount;
}

/** Mean number of distinct creators per list. */
export function meanDistinctCreators(lists: ReadonlyArray<readonly number[]>): number {
  return meanOfDefined(lists.map((list) => new Set(list).size));
}

/**
 * Gini coefficient of non-negative counts: 0 when all are equal, approaching 1
 * when one creator gets everything. Zeros count, so pass every creator's count.
 */
export function gini(counts: readonly number[]): number {
  const sorted = [...counts].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (n === 0 || total === 0) return 0;
  // G = sum_i (2i - n - 1) x_(i) / (n * sum x), with x sorted ascending and i from 1.
  let weighted = 0;
  sorted.forEach((value, i) => (weighted += (2 * (i + 1) - n - 1) * value));
  return weighted / (n * total);
}

/** Counts how many recommended videos each of `creatorCount` creators received over all lists. */
export function exposureCounts(lists: ReadonlyArray<readonly number[]>, creatorCount: number): number[] {
  const counts = new Array<number>(creatorCount).fill(0);
  for (const list of lists) for (const creator of list) counts[creator]!++;
  return counts;
}

/**
 * Share of recommended videos whose creator's group (language or region) equals
 * the person's. People or creators with an unknown group (null) are left out;
 * NaN when nothing is left.
 */
export function sameGroupShare(lists: ReadonlyArray<readonly number[]>, groups: ReadonlyArray<string | null>): number {
  let same = 0;
  let total = 0;
  lists.forEach((list, person) => {
    const group = groups[person];
    if (group === null || group === undefined) return;
    for (const creator of list) {
      const other = groups[creator];
      if (other === null || other === undefined) continue;
      total++;
      if (other === group) same++;
    }
  });
  return total === 0 ? Number.NaN : same / total;
}

/** Mean share of the first `k` entries that two lists of the same person have in common. */
export function meanOverlap(first: ReadonlyArray<readonly number[]>, second: ReadonlyArray<readonly number[]>, k: number): number {
  return meanOfDefined(
    first.map((list, person) => {
      const other = new Set(second[person]!.slice(0, k));
      const size = Math.max(list.slice(0, k).length, other.size);
      return size === 0 ? 1 : list.slice(0, k).filter((item) => other.has(item)).length / size;
    }),
  );
}
