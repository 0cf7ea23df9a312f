/**
 * @module
 * Maps header names to the columns the pipeline reads, by name and never by position.
 * Names match regardless of case, spaces, underscores and hyphens, so `Account ID`,
 * `account_id` and `AccountId` are the same column.
 */

import { InvalidInputError, type InputLocation } from "./errors.ts";

/** Columns that readProfiles reads. All others are ignored and listed in the report. */
export const PROFILE_COLUMNS = [
  "account_id",
  "top_videos",
  "id",
  "nickname",
  "biography",
  "bio_link",
  "is_verified",
  "followers",
  "following",
  "likes",
  "videos_count",
  "awg_engagement_rate",
  "comment_engagement_rate",
  "like_engagement_rate",
  "predicted_lang",
  "region",
] as const;

/** A column that readProfiles reads. */
export type ProfileColumn = (typeof PROFILE_COLUMNS)[number];

/** Columns without which no profile can be built. */
export const REQUIRED_COLUMNS = ["account_id", "top_videos"] as const satisfies readonly ProfileColumn[];

/** Positions of the columns in the header. */
export interface ColumnMapping {
  /** Index of each column found, by canonical name. */
  indexes: Map<ProfileColumn, number>;
  /** Canonical names of the columns found, in PROFILE_COLUMNS order. */
  used: ProfileColumn[];
  /** Header names of the other columns, in header order. */
  ignored: string[];
  /** Header names that match a column already found, whose cells are ignored. */
  duplicates: string[];
}

// Found column names quoted in a message, at most this many.
const MAX_LISTED_COLUMNS = 40;

/** Normalizes a header name for matching: lowercase, without whitespace, `_`, `-` or a byte order mark. */
export function normalizeColumnName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-\uFEFF]+/g, "");
}

const CANONICAL_BY_NORMALIZED = new Map<string, ProfileColumn>(
  PROFILE_COLUMNS.map((column) => [normalizeColumnName(column), column]),
);

const listFoundColumns = (header: readonly string[]): string => {
  const names = header.map((name) => name.trim()).filter((name) => name !== "");
  const listed = names.slice(0, MAX_LISTED_COLUMNS).map((name) => `"${name}"`).join(", ");
  return names.length > MAX_LISTED_COLUMNS ? `${listed} and ${names.length - MAX_LISTED_COLUMNS} more` : listed;
};

const missingColumnsError = (missing: readonly string[], header: readonly string[], location: InputLocation): InvalidInputError => {
  const subject =
    missing.length === 1 ? `column "${missing[0]}" is missing` : `columns ${missing.map((name) => `"${name}"`).join(" and ")} are missing`;
  return new InvalidInputError(
    location,
    `${subject}; found columns ${listFoundColumns(header)}; the input needs ${REQUIRED_COLUMNS.join(" and ")}`,
  );
};

/**
 * Finds the columns in a header row. Of two header names for the same column, the first
 * is used. Columns with a blank name are ignored without being listed.
 *
 * @throws InvalidInputError when account_id or top_videos is missing.
 */
export function mapColumns(header: readonly string[], location: InputLocation): ColumnMapping {
  const indexes = new Map<ProfileColumn, number>();
  const ignored: string[] = [];
  const duplicates: string[] = [];
  header.forEach((name, index) => {
    const trimmed = name.trim();
    if (trimmed === "") {
      return;
    }
    const column = CANONICAL_BY_NORMALIZED.get(normalizeColumnName(trimmed));
    if (column === undefined) {
      ignored.push(trimmed);
    } else if (indexes.has(column)) {
      duplicates.push(trimmed);
    } else {
      indexes.set(column, index);
    }
  });

  const missing = REQUIRED_COLUMNS.filter((column) => !indexes.has(column));
  if (missing.length > 0) {
    throw missingColumnsError(missing, header, location);
  }
  const used = PROFILE_COLUMNS.filter((column) => indexes.has(column));
  return { indexes, used, ignored, duplicates };
}
