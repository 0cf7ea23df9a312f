/**
 * @module
 * Parses `top_videos`: comma-separated URLs in the Kaggle export, a JSON array of URL
 * strings in Bright Data's newer export. A video URL has the form
 * `https://www.tiktok.com/@<handle>/video/<id>`, where the id is an unsigned 64-bit
 * integer whose high 32 bits are the creation time in seconds since the Unix epoch.
 */

import type { VideoRef } from "../../../src/shared/profile.ts";

/** The videos of one row. */
export interface RowVideos {
  /** Valid videos in cell order (newest first), without repeats. */
  videos: VideoRef[];
  /** Entries that are no TikTok video URL. A JSON array that does not parse counts as one. */
  invalidCount: number;
  /** Entries that repeat a video id earlier in the same cell. */
  duplicateCount: number;
}

const VIDEO_PATH = /^\/@([^/]+)\/video\/(\d{1,20})\/?$/;
const MAX_VIDEO_ID = (1n << 64n) - 1n;

const isTikTokHost = (hostname: string): boolean => hostname === "tiktok.com" || hostname.endsWith(".tiktok.com");

const decodeHandle = (text: string): string | null => {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
};

/**
 * Parses one video URL, or returns null when it is no TikTok video URL. The URL kept is the
 * canonical `https://www.tiktok.com/@<handle>/video/<id>`: user info, query (share links carry
 * tracking parameters such as `web_id`) and fragment are dropped, because the URL is served to
 * other people.
 */
export function parseVideoUrl(text: string): VideoRef | null {
  const url = text.trim();
  if (!URL.canParse(url)) {
    return null;
  }
  const parsed = new URL(url);
  const match = VIDEO_PATH.exec(parsed.pathname);
  if ((parsed.protocol !== "https:" && parsed.protocol !== "http:") || !isTikTokHost(parsed.hostname) || !match) {
    return null;
  }
  const handle = decodeHandle(match[1] ?? "");
  const id = BigInt(match[2] ?? "0");
  if (!handle || id === 0n || id > MAX_VIDEO_ID) {
    return null;
  }
  const videoId = id.toString();
  return { url: `https://www.tiktok.com/@${encodeURIComponent(handle)}/video/${videoId}`, handle, videoId };
}

/** Returns the creation time of a video in seconds since the Unix epoch, from the high 32 bits of its id. */
export function videoCreationSeconds(videoId: string): number {
  return Number(BigInt(videoId) >> 32n);
}

// Returns the entries of the cell, or null when it looks like a JSON array but does not parse.
const splitTopVideos = (cell: string): unknown[] | null => {
  const trimmed = cell.trim();
  if (!trimmed.startsWith("[")) {
    return trimmed.split(/[\s,]+/).filter((entry) => entry !== "");
  }
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
};

/** Reads the videos of one `top_videos` cell. An empty cell gives no videos. */
export function readTopVideos(cell: string | null): RowVideos {
  const result: RowVideos = { videos: [], invalidCount: 0, duplicateCount: 0 };
  if (cell === null) {
    return result;
  }
  const entries = splitTopVideos(cell);
  if (entries === null) {
    result.invalidCount = 1;
    return result;
  }

  const seen = new Set<string>();
  for (const entry of entries) {
    const video = typeof entry === "string" ? parseVideoUrl(entry) : null;
    if (video === null) {
      result.invalidCount++;
    } else if (seen.has(video.videoId)) {
      result.duplicateCount++;
    } else {
      seen.add(video.videoId);
      result.videos.push(video);
    }
  }
  return result;
}
