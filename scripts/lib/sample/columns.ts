/**
 * @module
 * The 18 columns of the Kaggle "TikTok Profiles Data" export, in its order, and the cell
 * types of a sample row.
 */

/** Column names of the Kaggle export, in the export's order. */
export const SAMPLE_COLUMNS = [
  "timestamp",
  "account_id",
  "nickname",
  "biography",
  "awg_engagement_rate",
  "comment_engagement_rate",
  "like_engagement_rate",
  "bio_link",
  "is_verified",
  "followers",
  "following",
  "likes",
  "videos_count",
  "create_time",
  "id",
  "top_videos",
  "url",
  "profile_pic_url",
] as const;

/** One column name of the Kaggle export. */
export type SampleColumn = (typeof SAMPLE_COLUMNS)[number];

/**
 * A cell value. Numbers and booleans become typed cells in a workbook and plain text in
 * CSV. Empty cells are the string `"null"`, as in the export.
 */
export type SampleCell = string | number | boolean;

/** One row of the sample, keyed by column name. */
export type SampleRow = Record<SampleColumn, SampleCell>;

/** A row of any table the writer accepts: the sample's columns, a subset or extra columns. */
export type SampleRecord = Readonly<Record<string, SampleCell>>;

/** The literal that the export writes into empty cells. */
export const NULL_LITERAL = "null";
