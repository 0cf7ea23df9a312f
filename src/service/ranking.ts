/**
 * @module
 * Ranking rules applied to the model's TopK: never the person's own videos,
 * at most a set number of videos per creator, ties broken by catalog index.
 */
/** One scored video, by its index in the catalog. */
export interface ScoredVideo {
  video: number;
  score: number;
}

/** Ranking settings from wrangler.toml `[vars]`. */
export interface RankingEnv {
  /** Maximum videos of one creator in a single list; default 2. */
  MAX_VIDEOS_PER_CREATOR?: string;
}

export const DEFAULT_MAX_VIDEOS_PER_CREATOR = 2;

/** Reads MAX_VIDEOS_PER_CREATOR, falling back to the default when unset or not a positive integer. */
export function maxVideosPerCreator(env: RankingEnv): number {
  const parsed = Number(env.MAX_VIDEOS_PER_CREATOR);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_MAX_VIDEOS_PER_CREATOR;
}

/** Returns how many TopK candidates guarantee `limit` results after removing own videos and capping creators. */
export function candidateCount(limit: number, maxPerCreator: number, maxVideosOfOneCreator: number, videoCount: number): number {
  // Each creator kept contributes at least one video but may occupy up to maxVideosOfOneCreator ranks,
  // and the person's own videos (at most maxVideosOfOneCreator) rank last but are counted too.
  const needed = (limit + 1) * maxVideosOfOneCreator;
  return Math.max(1, Math.min(videoCount, Math.max(needed, limit * maxPerCreator)));
}

/**
 * Orders candidates by score (ties by lower index), drops the person's own videos
 * and any beyond `maxPerCreator` of one creator, and keeps the first `limit`.
 */
export function applyRankingRules(
  candidates: ScoredVideo[],
  creatorOf: (video: number) => number,
  options: { selfCreator: number | null; maxPerCreator: number; limit: number },
): ScoredVideo[] {
  const ordered = [...candidates].sort((a, b) => b.score - a.score || a.video - b.video);
  const perCreator = new Map<number, number>();
  const seen = new Set<number>();
  const kept: ScoredVideo[] = [];
  for (const candidate of ordered) {
    if (kept.length === options.limit) break;
    const creator = creatorOf(candidate.video);
    const count = perCreator.get(creator) ?? 0;
    if (creator === options.selfCreator || count >= options.maxPerCreator || seen.has(candidate.video)) continue;
    perCreator.set(creator, count + 1);
    seen.add(candidate.video);
    kept.push(candidate);
  }
  return kept;
}
