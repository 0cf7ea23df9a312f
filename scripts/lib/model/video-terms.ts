/**
 * @module
 * Per-creator and per-video inputs of the learned score terms: the creator's
 * engagement rate and the video's creation time, each as a percentile in
 * [0, 1], and the popularity order of the cold-start fallback.
 */
import type { TrainingProfile } from "../pipeline/pseudonymize.ts";

/** The catalog-side tables of the model, in catalog order (profile order, then each profile's videos). */
export interface VideoTables {
  /** Creator index of each video. */
  videoCreators: Int32Array;
  /** Percentile of each creator's log engagement rate; a missing rate counts as 0. */
  creatorEngagement: Float32Array;
  /** Percentile of each video's creation time among all videos. */
  videoRecency: Float32Array;
  /** Video indices ranked by follower reach plus recency, for the cold-start fallback. */
  popularVideos: number[];
}

/**
 * Returns each value's percentile rank in [0, 1]: (rank - 1) / (n - 1) with the
 * mean rank for ties, so equal values get equal percentiles; 0.5 when n is 1.
 */
export function percentiles(values: ArrayLike<number>): Float32Array {
  const n = values.length;
  const out = new Float32Array(n);
  if (n === 1) out[0] = 0.5;
  if (n <= 1) return out;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]!] === values[order[start]!]) end++;
    const percentile = (start + end) / 2 / (n - 1);
    for (let i = start; i <= end; i++) out[order[i]!] = percentile;
    start = end + 1;
  }
  return out;
}

function minMax(values: ArrayLike<number>): { min: number; span: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return { min, span: max - min };
}

function scaleToUnitRange(values: Float64Array): Float64Array {
  const { min, span } = minMax(values);
  return values.map((value) => (span > 0 ? (value - min) / span : 0));
}

/** Builds the video tables of `profiles`. */
export function buildVideoTables(profiles: readonly TrainingProfile[]): VideoTables {
  const videoCount = profiles.reduce((sum, profile) => sum + profile.videos.length, 0);
  const videoCreators = new Int32Array(videoCount);
  const createdAt = new Float64Array(videoCount);
  let video = 0;
  profiles.forEach((profile, creator) => {
    for (const { createdAt: seconds } of profile.videos) {
      videoCreators[video] = creator;
      createdAt[video] = seconds;
      video++;
    }
  });
  const creatorEngagement = percentiles(profiles.map((profile) => Math.log1p(Math.max(profile.engagementRate ?? 0, 0))));
  const videoRecency = percentiles(createdAt);

  const reach = scaleToUnitRange(Float64Array.from(profiles, (profile) => Math.log1p(Math.max(profile.followers ?? 0, 0))));
  const recency = scaleToUnitRange(createdAt);
  const popularity = Float64Array.from(videoCreators, (creator, index) => reach[creator]! + recency[index]!);
  const popularVideos = Array.from({ length: videoCount }, (_, index) => index).sort((a, b) => popularity[b]! - popularity[a]! || a - b);
  return { videoCreators, creatorEngagement, videoRecency, popularVideos };
}
