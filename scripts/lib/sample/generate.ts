/**
 * @module
 * The seeded generator of synthetic profiles in the shape of the Kaggle export. Every
 * name, handle and id is invented, so the sample contains no real person's data.
 */

import { createBiography } from "./biography.ts";
import { NULL_LITERAL, type SampleRow } from "./columns.ts";
import { createHandle, createNickname } from "./names.ts";
import { createRandom, type Random } from "./random.ts";
import { createStatistics } from "./statistics.ts";
import { LANGUAGES, LANGUAGE_WEIGHTS, TOPICS, type Language, type Topic } from "./topics.ts";
import { createTopVideos } from "./videos.ts";

/** Options of the generator. */
export interface SampleOptions {
  /** Number of profiles (rows), at least 1. */
  profiles: number;
  /** Seed of the pseudo-random generator, an integer from 0 to 2^32-1. */
  seed: number;
}

/** A generated profile with the latent facts that the row does not contain. */
export interface SampleProfile {
  row: SampleRow;
  /** Names of the one or two topics that the bio was drawn from, the dominant one first. */
  topics: string[];
  language: Language;
}

/** Defaults of the command line: the size of the Kaggle export. */
export const DEFAULT_SAMPLE_OPTIONS = { profiles: 1_000, seed: 1 } satisfies SampleOptions;

const DAY_SECONDS = 86_400;
// The sample pretends to be scraped in the three weeks before this date (2024-06-01 UTC).
const SCRAPE_END_SECONDS = Date.UTC(2024, 5, 1) / 1000;
// Accounts were created from this date on (2019-01-01 UTC).
const FIRST_ACCOUNT_SECONDS = Date.UTC(2019, 0, 1) / 1000;
const MAX_TOP_VIDEOS = 35;
const DIGITS = "0123456789";
const HEX_DIGITS = "0123456789abcdef";
const BASE64_URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const pickLanguage = (random: Random): Language => {
  let draw = random.next();
  for (const language of LANGUAGES) {
    draw -= LANGUAGE_WEIGHTS[language];
    if (draw < 0) {
      return language;
    }
  }
  return "en";
};

const pickTopics = (random: Random): Topic[] => {
  const primary = random.pick(TOPICS);
  if (!random.chance(0.3)) {
    return [primary];
  }
  let secondary = random.pick(TOPICS);
  while (secondary === primary) {
    secondary = random.pick(TOPICS);
  }
  return [primary, secondary];
};

const createUserId = (random: Random, usedIds: Set<string>): string => {
  for (;;) {
    const id = random.pick(["6", "7"]) + random.string(DIGITS, 18);
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
};

// Shaped like a signed CDN URL, on the reserved `.example` domain so it can never resolve.
const createProfilePictureUrl = (random: Random, expiresSeconds: number): string =>
  `https://p16-sign-va.tiktokcdn.example/tos-maliva-avt-0068/${random.string(HEX_DIGITS, 32)}~c5_720x720.jpeg` +
  `?lk3s=a5d48078&x-expires=${expiresSeconds}&x-signature=${random.string(BASE64_URL, 27)}%3D`;

const formatDate = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

const validateOptions = (options: SampleOptions): void => {
  if (!Number.isSafeInteger(options.profiles) || options.profiles < 1) {
    throw new RangeError(`invalid profile count ${options.profiles}: expected a whole number of at least 1`);
  }
};

/**
 * Generates `options.profiles` synthetic profiles. The same options always give the same
 * profiles.
 *
 * @throws RangeError when the profile count or the seed is invalid.
 */
export function generateSample(options: SampleOptions): SampleProfile[] {
  validateOptions(options);
  const random = createRandom(options.seed);
  const handles: string[] = [];
  const usedHandles = new Set<string>();
  for (let i = 0; i < options.profiles; i++) {
    handles.push(createHandle(random, usedHandles));
  }

  const usedUserIds = new Set<string>();
  const usedVideoIds = new Set<string>();
  return handles.map((handle) => {
    const language = pickLanguage(random);
    const topics = pickTopics(random);
    const scrapedSeconds = SCRAPE_END_SECONDS - random.int(0, 20) * DAY_SECONDS - random.int(0, DAY_SECONDS - 1);
    const createdSeconds = random.int(FIRST_ACCOUNT_SECONDS, scrapedSeconds - 60 * DAY_SECONDS);

    const videoCount = random.int(1, MAX_TOP_VIDEOS);
    const videoWindow = { startSeconds: createdSeconds, endSeconds: scrapedSeconds - 3600 };
    const topVideos = createTopVideos(random, handle, videoCount, videoWindow, usedVideoIds);
    const statistics = createStatistics(random, videoCount);
    const biography = createBiography(random, { handle, language, topics, mentionHandles: handles });
    // About 10% of rows hold another profile's URL, as in the export.
    const urlHandle = random.chance(0.1) ? random.pick(handles) : handle;

    const row: SampleRow = {
      timestamp: formatDate(scrapedSeconds),
      account_id: handle,
      nickname: createNickname(random, language),
      biography: biography ?? NULL_LITERAL,
      awg_engagement_rate: statistics.engagementRate,
      comment_engagement_rate: statistics.commentEngagementRate,
      like_engagement_rate: statistics.likeEngagementRate,
      bio_link: random.chance(0.15) ? `https://links.example/${handle}` : NULL_LITERAL,
      is_verified: statistics.isVerified,
      followers: statistics.followers,
      following: statistics.following,
      likes: statistics.likes,
      videos_count: statistics.videosCount,
      create_time: NULL_LITERAL,
      id: createUserId(random, usedUserIds),
      top_videos: topVideos.join(","),
      url: `https://www.tiktok.com/@${urlHandle}`,
      profile_pic_url: createProfilePictureUrl(random, scrapedSeconds + 3 * DAY_SECONDS),
    };
    return { row, topics: topics.map((topic) => topic.name), language };
  });
}

/** Generates the rows of a sample, without the latent topics. See generateSample. */
export function generateSampleRows(options: SampleOptions): SampleRow[] {
  return generateSample(options).map((profile) => profile.row);
}
