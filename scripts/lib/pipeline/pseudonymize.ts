/**
 * @module
 * The privacy boundary of the pipeline: turns plaintext profiles into the
 * pseudonymized form that training receives. Identifiers and every text token
 * become HMAC-SHA-256 pseudonyms; numbers become derived values.
 */
import type { ProfileRow } from "../../../src/shared/profile.ts";
import { pseudonymize, type PseudonymDomain } from "../../../src/shared/pseudonym.ts";
import { domainToken, numberTokens, textTokens } from "../../../src/shared/tokens.ts";

/** One video as training receives it. */
export interface TrainingVideo {
  pseudonym: string;
  /** Creation time in seconds since the epoch, from the high 32 bits of the video id. */
  createdAt: number;
}

/** One profile as training receives it: no plaintext identifier or text token. */
export interface TrainingProfile {
  account: string;
  /** Feature token pseudonyms, repeated as often as the token occurs. */
  tokens: string[];
  videos: TrainingVideo[];
  engagementRate: number | null;
  followers: number | null;
}

/** Returns the creation time encoded in a TikTok video id, in seconds since the epoch. */
export function videoCreatedAt(videoId: string): number {
  return Number(BigInt(videoId) >> 32n);
}

/** Lists the plaintext feature tokens of a profile, before pseudonymization. */
export function profileTokens(profile: ProfileRow): string[] {
  const domain = domainToken(profile.bioLink);
  return [
    ...textTokens(profile.nickname),
    ...textTokens(profile.biography),
    ...(domain === null ? [] : [domain]),
    ...numberTokens(profile),
  ];
}

/** A value-to-pseudonym function; tests pass the identity to train on plaintext. */
export type Pseudonymizer = (domain: PseudonymDomain, value: string) => Promise<string>;

/** Creates a pseudonymizer under `key` that computes each distinct value once per run. */
export function createPseudonymizer(key: CryptoKey): Pseudonymizer {
  const cache = new Map<string, Promise<string>>();
  return (domain, value) => {
    const cacheKey = `${domain}\u0000${value}`;
    let pseudonym = cache.get(cacheKey);
    if (pseudonym === undefined) {
      pseudonym = pseudonymize(key, domain, value);
      cache.set(cacheKey, pseudonym);
    }
    return pseudonym;
  };
}

/** Pseudonymizes one profile for training. */
export async function toTrainingProfile(profile: ProfileRow, pseudonymizer: Pseudonymizer): Promise<TrainingProfile> {
  return {
    account: await pseudonymizer("account", profile.accountId),
    tokens: await Promise.all(profileTokens(profile).map((token) => pseudonymizer("token", token))),
    videos: await Promise.all(
      profile.topVideos.map(async (video) => ({
        pseudonym: await pseudonymizer("video", video.videoId),
        createdAt: videoCreatedAt(video.videoId),
      })),
    ),
    engagementRate: profile.engagementRate,
    followers: profile.followers,
  };
}
