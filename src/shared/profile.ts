/**
 * @module
 * The plaintext shape of one profile after ingestion. It exists only inside the offline
 * pipeline, between reading the spreadsheet and pseudonymizing it, and is never stored.
 */

/** One video of a profile's `top_videos`, parsed from its URL. */
export interface VideoRef {
  /** The URL as published, `https://www.tiktok.com/@<handle>/video/<id>`. */
  url: string;
  /** The handle in the URL's path, without `@`. */
  handle: string;
  /** The numeric video id as a decimal string (up to 19 digits, so never a float). */
  videoId: string;
}

/** One profile row of the input, with typed and cleaned values. */
export interface ProfileRow {
  /** 1-based row number in the input sheet, counting the header as row 1. */
  rowNumber: number;
  /** The TikTok handle, the API's `personId`. */
  accountId: string;
  /** Numeric user id as a string, or null when absent. */
  userId: string | null;
  nickname: string;
  biography: string;
  bioLink: string | null;
  isVerified: boolean;
  followers: number | null;
  following: number | null;
  likes: number | null;
  videosCount: number | null;
  /** `awg_engagement_rate`: comment rate plus like rate, not bounded to 0..1. */
  engagementRate: number | null;
  commentEngagementRate: number | null;
  likeEngagementRate: number | null;
  /** Newest first, as in the input; duplicates within the row removed. */
  topVideos: VideoRef[];
  /** Optional columns of the 36-column export; null when the input lacks them. */
  predictedLang: string | null;
  region: string | null;
}
