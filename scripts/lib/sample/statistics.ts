/**
 * @module
 * Plausible follower counts and engagement rates. Counts are log-normal and rounded as
 * TikTok displays them (12.3K becomes 12,300). Rates are fractions: comments or likes
 * per view, where the total rate (`awg_engagement_rate`) is their sum and can exceed 1 for
 * small accounts with one viral video.
 */

import type { Random } from "./random.ts";

/** Counts and rates of one profile, as the export's columns contain them. */
export interface ProfileStatistics {
  followers: number;
  following: number;
  likes: number;
  videosCount: number;
  commentEngagementRate: number;
  likeEngagementRate: number;
  /** `awg_engagement_rate`: the comment rate plus the like rate. */
  engagementRate: number;
  isVerified: boolean;
}

/** Rounds counts of 10,000 and more to three significant digits, always a multiple of 100. */
export function roundDisplayCount(count: number): number {
  if (count < 10_000) {
    return count;
  }
  const unit = 10 ** (Math.floor(Math.log10(count)) - 2);
  return Math.round(count / unit) * unit;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

// Six decimals, the precision of the rates in the export.
const roundRate = (rate: number): number => Math.round(rate * 1e6) / 1e6;

const logNormalCount = (random: Random, log10Mean: number, log10Deviation: number, maxLog10: number): number =>
  Math.round(10 ** clamp(log10Mean + log10Deviation * random.normal(), 0, maxLog10));

/** Creates the statistics of a profile with `topVideoCount` videos in `top_videos`. */
export function createStatistics(random: Random, topVideoCount: number): ProfileStatistics {
  const followers = roundDisplayCount(logNormalCount(random, 4.8, 1.1, 8.3));
  const following = random.chance(0.1) ? 0 : roundDisplayCount(logNormalCount(random, 1.8, 0.7, 4));
  const likes = roundDisplayCount(Math.round(followers * 10 ** clamp(0.9 + 0.35 * random.normal(), 0, 2)));
  const videosCount = topVideoCount < 35 && random.chance(0.5) ? topVideoCount : topVideoCount + random.int(1, 1500);

  const commentEngagementRate = roundRate(10 ** (-2.6 + 0.4 * random.normal()));
  let likeRate = 10 ** (-1.2 + 0.35 * random.normal());
  if (random.chance(0.02)) {
    // A viral video on a small account: rates of about 1 and more, capped at 63 like the export's maximum.
    likeRate = Math.min(63, likeRate * 10 ** (1 + 1.5 * random.next()));
  }
  const likeEngagementRate = roundRate(likeRate);
  const engagementRate = roundRate(commentEngagementRate + likeEngagementRate);

  const isVerified = random.chance(followers >= 1_000_000 ? 0.5 : 0.03);
  return {
    followers,
    following,
    likes,
    videosCount,
    commentEngagementRate,
    likeEngagementRate,
    engagementRate,
    isVerified,
  };
}
