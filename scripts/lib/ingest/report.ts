/**
 * @module
 * The report of one read: what was read, used, skipped and ignored, and warnings. It
 * contains counts, row numbers and column names, never cell values, so it can be logged
 * and stored with the model.
 */

import type { ColumnMapping } from "./columns.ts";
import type { TextEncoding } from "./decode-text.ts";
import type { InputFormat } from "./detect-format.ts";
import type { Delimiter, ParsedTable } from "./parse-csv.ts";
import type { ProfileRowsResult, SkipReason } from "./profile-rows.ts";
import { formatTallyRows, type RowTally } from "./tally.ts";

/** Ignored columns named in the printed summary; the report JSON lists all of them. */
const MAX_LISTED_COLUMNS = 20;

/** Summary of one read: rows and videos read, used and dropped, columns, and warnings. */
export interface ReadReport {
  fileName: string;
  format: InputFormat;
  /** Sheet that was read, or null for delimited text. */
  sheet: string | null;
  /** Encoding of delimited text, or null for a workbook. */
  encoding: TextEncoding | null;
  /** Delimiter of the parsed text. A workbook's converted CSV always uses a comma. */
  delimiter: Delimiter;
  headerRow: number;
  /** Non-blank data rows. */
  rowsRead: number;
  /** Rows that became profiles. */
  rowsUsed: number;
  rowsSkipped: Record<SkipReason, RowTally>;
  /** Canonical names of the columns read. */
  columnsUsed: string[];
  /** Header names of the columns not read, in header order. */
  columnsIgnored: string[];
  /** Videos kept on the profiles. */
  videosUsed: number;
  /** `top_videos` entries that are no TikTok video URL. */
  invalidVideoUrls: RowTally;
  /** Videos listed twice in one row, whose repeats were dropped. */
  duplicateVideosInRow: RowTally;
  /** Videos that an earlier profile lists too, which stay with that profile only. */
  videosListedEarlier: RowTally;
  warnings: string[];
}

/** Descriptions of the skip reasons, for messages. */
export const SKIP_REASON_DESCRIPTIONS: Readonly<Record<SkipReason, string>> = {
  missing_account_id: "without account_id",
  duplicate_account_id: "repeating an earlier account_id",
  no_valid_videos: "without a valid top_videos URL",
  videos_listed_earlier: "whose videos all belong to earlier rows",
};

const quoteList = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(", ");

const countOf = (count: number, singular: string, plural: string): string => `${count} ${count === 1 ? singular : plural}`;

/** Collects the warnings of a read from the parsed table, the columns and the profile rows. */
export function collectWarnings(table: ParsedTable, columns: ColumnMapping, result: ProfileRowsResult): string[] {
  const warnings: string[] = [];
  if (columns.duplicates.length > 0) {
    warnings.push(`columns ${quoteList(columns.duplicates)} repeat a column found earlier in the header; their cells were ignored`);
  }
  if (table.shortRows.count > 0) {
    warnings.push(
      `${countOf(table.shortRows.count, "row has", "rows have")} fewer fields than the header ` +
        `(${formatTallyRows(table.shortRows)}); the missing cells were read as empty`,
    );
  }
  if (table.malformedQuoteRows.count > 0) {
    warnings.push(
      `${countOf(table.malformedQuoteRows.count, "row has", "rows have")} a stray quote inside a quoted cell ` +
        `(${formatTallyRows(table.malformedQuoteRows)}); check that their cells were split correctly`,
    );
  }

  const problems = result.valueProblems;
  for (const [column, tally] of problems.invalidNumbers) {
    warnings.push(`column "${column}": ${countOf(tally.count, "cell is", "cells are")} not a number (${formatTallyRows(tally)}); read as empty`);
  }
  if (problems.invalidBooleans.count > 0) {
    const tally = problems.invalidBooleans;
    warnings.push(`column "is_verified": ${countOf(tally.count, "cell is", "cells are")} not true or false (${formatTallyRows(tally)}); read as false`);
  }
  if (problems.roundedUserIds.count > 0) {
    const tally = problems.roundedUserIds;
    warnings.push(
      `column "id": ${countOf(tally.count, "id was", "ids were")} rounded to 15 significant digits, ` +
        `as Excel does with long numbers such as 6.78E+18 or 6784563421347840000 (${formatTallyRows(tally)}); read as empty. ` +
        "Format the column as Text before saving in Excel, or use the original CSV",
    );
  }
  if (problems.maskedAccountIds.count > 0) {
    const tally = problems.maskedAccountIds;
    warnings.push(
      `column "account_id": ${countOf(tally.count, "id is", "ids are")} partly masked with block characters (${formatTallyRows(tally)}); ` +
        "masked ids can collide, and requests cannot name these people; their videos are still recommended to others",
    );
  }
  if (problems.unservableAccountIds.count > 0) {
    const tally = problems.unservableAccountIds;
    warnings.push(
      `column "account_id": ${countOf(tally.count, "id has", "ids have")} characters other than ASCII letters, digits, "_" and "." or more than 64 characters (${formatTallyRows(tally)}); ` +
        "their videos are recommended to others, but requests cannot name these people",
    );
  }
  return warnings;
}

/** Formats the report as lines for a log: totals, skipped rows, video counts, columns. Warnings are not included. */
export function formatReadReport(report: ReadReport): string[] {
  const source = report.sheet === null ? report.fileName : `${report.fileName}, sheet "${report.sheet}"`;
  const skipped = report.rowsRead - report.rowsUsed;
  const lines = [
    `${source}: ${countOf(report.rowsRead, "row", "rows")} read, ${report.rowsUsed} used, ${skipped} skipped; ` +
      `${countOf(report.videosUsed, "video", "videos")}`,
  ];
  for (const [reason, tally] of Object.entries(report.rowsSkipped) as [SkipReason, RowTally][]) {
    if (tally.count > 0) {
      lines.push(`skipped ${countOf(tally.count, "row", "rows")} ${SKIP_REASON_DESCRIPTIONS[reason]} (${formatTallyRows(tally)})`);
    }
  }
  const videoTallies: [RowTally, string][] = [
    [report.invalidVideoUrls, "invalid video URL"],
    [report.duplicateVideosInRow, "video repeated within a row"],
    [report.videosListedEarlier, "video listed by an earlier row"],
  ];
  for (const [tally, description] of videoTallies) {
    if (tally.count > 0) {
      lines.push(`dropped ${tally.count} × ${description} (${formatTallyRows(tally)})`);
    }
  }
  lines.push(`columns used: ${report.columnsUsed.join(", ")}`);
  if (report.columnsIgnored.length > 0) {
    const shown = report.columnsIgnored.slice(0, MAX_LISTED_COLUMNS);
    const more = report.columnsIgnored.length - shown.length;
    lines.push(`columns ignored: ${shown.join(", ")}${more > 0 ? `, and ${more} more (all in --report)` : ""}`);
  }
  return lines;
}
