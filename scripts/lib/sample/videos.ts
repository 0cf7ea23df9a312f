/**
 * @module
 * Synthetic TikTok video ids and URLs. As in TikTok's ids, a video id is a 64-bit integer
 * whose high 32 bits are the creation time in seconds since the Unix epoch. The low 32 bits
 * are random here. Ids of videos created from 1977 to 2043 have 19 decimal digits.
 */

import type { Random } from "./random.ts";

/** A time window in seconds since the Unix epoch, both ends inclusive. */
export interface TimeWindow {
  startSeconds: number;
  endSeconds: number;
}

/** Returns the id of a video created at `createdSeconds`, unique among `usedIds`, and adds it to `usedIds`. */
export function createVideoId(random: Random, createdSeconds: number, usedIds: Set<string>): string {
  for (;;) {
    const id = ((BigInt(createdSeconds) << 32n) | BigInt(random.uint32())).toString();
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

/** Returns the URL of a video as it appears in `top_videos`. */
export function createVideoUrl(handle: string, videoId: string): string {
  return `https://www.tiktok.com/@${handle}/video/${videoId}`;
}

/**
 * Creates `count` video URLs of `handle` with creation times drawn from `window`,
 * newest first, each id unique among `usedIds`.
 */
export function createTopVideos(
  random: Random,
  handle: string,
  count: number,
  window: TimeWindow,
  usedIds: Set<string>,
): string[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(random.int(window.startSeconds, window.endSeconds));
  }
  times.sort((a, b) => b - a);
  return times.map((seconds) => createVideoUrl(handle, createVideoId(random, seconds, usedIds)));
}
