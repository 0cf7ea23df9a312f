/**
 * @module
 * Serves one recommendation request: pseudonymize the person id, open only
 * that person's record, run the model, apply the ranking rules and map the
 * winning indices to public video URLs from the catalog shards they fall in.
 */
import { UnknownPersonError } from "../errors.ts";
import { runRecommender } from "../inference/session.ts";
import type { CatalogEntry } from "../shared/assets.ts";
import { toDenseFeatures } from "../shared/features.ts";
import { pseudonymize } from "../shared/pseudonym.ts";
import { applyRankingRules, candidateCount, type ScoredVideo } from "./ranking.ts";
import type { Runtime } from "./runtime.ts";

/** One recommended video as the API returns it. */
export interface Recommendation {
  videoId: string;
  url: string;
  score: number;
  reason?: "popular";
}

/** Options of one request, already validated. */
export interface RecommendOptions {
  limit: number;
  maxPerCreator: number;
  fallbackPopular: boolean;
}

async function catalogEntries(runtime: Runtime, videos: number[]): Promise<Map<number, CatalogEntry>> {
  const shardSize = runtime.manifest.catalogShardSize;
  const shards = [...new Set(videos.map((video) => Math.floor(video / shardSize)))];
  await Promise.all(
    shards.map((shard) => {
      if (!runtime.catalogShards.has(shard)) {
        const opening = runtime.store.openCatalogShard(runtime.manifest, shard);
        runtime.catalogShards.set(shard, opening);
        opening.catch(() => runtime.catalogShards.delete(shard));
      }
      return runtime.catalogShards.get(shard);
    }),
  );
  const entries = new Map<number, CatalogEntry>();
  for (const video of videos) {
    const shard = await runtime.catalogShards.get(Math.floor(video / shardSize))!;
    const entry = shard[video % shardSize];
    if (entry !== undefined) entries.set(video, entry);
  }
  return entries;
}

/** Maps ranked videos to their public URLs; `entries` holds the catalog entry of every ranked video. */
function toRecommendations(entries: Map<number, CatalogEntry>, ranked: ScoredVideo[], reason?: "popular"): Recommendation[] {
  return ranked.map(({ video, score }) => {
    const entry = entries.get(video)!;
    const recommendation: Recommendation = { videoId: entry.videoId, url: entry.url, score: Math.round(score * 1e6) / 1e6 };
    if (reason !== undefined) recommendation.reason = reason;
    return recommendation;
  });
}

async function popular(runtime: Runtime, options: RecommendOptions): Promise<Recommendation[]> {
  const ranking = await runtime.store.openPopular(runtime.manifest);
  // Popular videos carry rank-based scores in (0, 1], since no person is there to score them for.
  const candidates = ranking.map((video, rank) => ({ video, score: 1 - rank / ranking.length }));
  const entries = await catalogEntries(runtime, ranking);
  const ranked = applyRankingRules(candidates, (video) => entries.get(video)?.creator ?? -1, {
    selfCreator: null,
    maxPerCreator: options.maxPerCreator,
    limit: options.limit,
  });
  return toRecommendations(entries, ranked, "popular");
}

/**
 * Returns the recommendations for `personId`. Throws `UnknownPersonError` when the
 * person has no record and the popular fallback was not requested.
 */
export async function recommend(runtime: Runtime, personId: string, options: RecommendOptions): Promise<Recommendation[]> {
  const { manifest, store, keys } = runtime;
  const pseudonym = await pseudonymize(keys.pseudonymKey, "account", personId);
  const record = await store.openPerson(manifest, pseudonym);
  if (record === null) {
    if (options.fallbackPopular) return popular(runtime, options);
    throw new UnknownPersonError("no recommendations exist for this person id");
  }

  const k = candidateCount(options.limit, options.maxPerCreator, manifest.maxVideosPerCreator, manifest.counts.videos);
  const candidates = await runRecommender(runtime.session, toDenseFeatures(record, manifest.counts.vocabulary), record.creator, k);
  const entries = await catalogEntries(runtime, candidates.map((candidate) => candidate.video));
  const ranked = applyRankingRules(candidates, (video) => entries.get(video)?.creator ?? -1, {
    selfCreator: record.creator,
    maxPerCreator: options.maxPerCreator,
    limit: options.limit,
  });
  return toRecommendations(entries, ranked);
}
