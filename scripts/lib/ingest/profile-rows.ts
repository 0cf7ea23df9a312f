/**
 * @module
 * Turns parsed rows into profiles, applying the duplicate rules:
 *
 * 1. A row without account_id is skipped.
 * 2. A row whose account_id an earlier kept row has is skipped, so the first occurrence
 *    wins. Only kept rows count, so that a broken first copy does not hide a good one.
 * 3. A video whose id an earlier kept row lists stays with that row only, because every
 *    video belongs to one author.
 * 4. A row left without videos is skipped. It has nothing to recommend, and the export
 *    lists 1 to 35 videos for every profile, so an empty top_videos marks a broken row.
 */

import type { ProfileRow, VideoRef } from "../../../src/shared/profile.ts";
import type { ColumnMapping, ProfileColumn } from "./columns.ts";
import type { CsvRow } from "./parse-csv.ts";
import { addToTally, createRowTally, type RowTally } from "./tally.ts";
import type { ValueProblems, ValueReader } from "./values.ts";
import { readTopVideos } from "./videos.ts";

/** Reasons to skip a row, as keys of the report. */
export const SKIP_REASONS = ["missing_account_id", "duplicate_account_id", "no_valid_videos", "videos_listed_earlier"] as const;

/** Reason to skip a row. */
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Profiles with the counts of what was dropped on the way. */
export interface ProfileRowsResult {
  profiles: ProfileRow[];
  rowsSkipped: Record<SkipReason, RowTally>;
  videosUsed: number;
  invalidVideoUrls: RowTally;
  duplicateVideosInRow: RowTally;
  /** Videos dropped because an earlier kept row lists the same video id. */
  videosListedEarlier: RowTally;
  valueProblems: ValueProblems;
}

type CellGetter = (column: ProfileColumn) => string | undefined;

const readFields = (row: CsvRow, cell: CellGetter, values: ValueReader): Omit<ProfileRow, "rowNumber" | "accountId" | "topVideos"> => {
  const number = (column: ProfileColumn): number | null => values.number(cell(column), column, row.rowNumber);
  return {
    userId: values.userId(cell("id"), row.rowNumber),
    nickname: values.text(cell("nickname")) ?? "",
    biography: values.text(cell("biography")) ?? "",
    bioLink: values.text(cell("bio_link")),
    isVerified: values.boolean(cell("is_verified"), row.rowNumber) ?? false,
    followers: number("followers"),
    following: number("following"),
    likes: number("likes"),
    videosCount: number("videos_count"),
    engagementRate: number("awg_engagement_rate"),
    commentEngagementRate: number("comment_engagement_rate"),
    likeEngagementRate: number("like_engagement_rate"),
    predictedLang: values.text(cell("predicted_lang")),
    region: values.text(cell("region")),
  };
};

/** Builds one profile per usable row, in input order. */
export function buildProfileRows(rows: readonly CsvRow[], columns: ColumnMapping, values: ValueReader): ProfileRowsResult {
  const result: ProfileRowsResult = {
    profiles: [],
    rowsSkipped: {
      missing_account_id: createRowTally(),
      duplicate_account_id: createRowTally(),
      no_valid_videos: createRowTally(),
      videos_listed_earlier: createRowTally(),
    },
    videosUsed: 0,
    invalidVideoUrls: createRowTally(),
    duplicateVideosInRow: createRowTally(),
    videosListedEarlier: createRowTally(),
    valueProblems: values.problems,
  };
  const keptAccountIds = new Set<string>();
  const keptVideoIds = new Set<string>();

  for (const row of rows) {
    const cell: CellGetter = (column) => {
      const index = columns.indexes.get(column);
      return index === undefined ? undefined : row.cells[index];
    };
    const accountId = values.accountId(cell("account_id"), row.rowNumber);
    if (accountId === null) {
      addToTally(result.rowsSkipped.missing_account_id, row.rowNumber);
      continue;
    }
    if (keptAccountIds.has(accountId)) {
      addToTally(result.rowsSkipped.duplicate_account_id, row.rowNumber);
      continue;
    }

    const parsed = readTopVideos(values.text(cell("top_videos")));
    if (parsed.invalidCount > 0) {
      addToTally(result.invalidVideoUrls, row.rowNumber, parsed.invalidCount);
    }
    if (parsed.duplicateCount > 0) {
      addToTally(result.duplicateVideosInRow, row.rowNumber, parsed.duplicateCount);
    }
    const topVideos: VideoRef[] = parsed.videos.filter((video) => !keptVideoIds.has(video.videoId));
    if (topVideos.length < parsed.videos.length) {
      addToTally(result.videosListedEarlier, row.rowNumber, parsed.videos.length - topVideos.length);
    }
    if (parsed.videos.length === 0) {
      addToTally(result.rowsSkipped.no_valid_videos, row.rowNumber);
      continue;
    }
    if (topVideos.length === 0) {
      addToTally(result.rowsSkipped.videos_listed_earlier, row.rowNumber);
      continue;
    }

    keptAccountIds.add(accountId);
    topVideos.forEach((video) => keptVideoIds.add(video.videoId));
    result.videosUsed += topVideos.length;
    result.profiles.push({ rowNumber: row.rowNumber, accountId, topVideos, ...readFields(row, cell, values) });
  }
  return result;
}
