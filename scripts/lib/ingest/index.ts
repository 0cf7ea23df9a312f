/**
 * @module
 * Public entry of ingestion: reads a profiles spreadsheet (CSV, TSV, xlsx, xls, ods) into
 * ProfileRow values with a report. Uses Web APIs only, so it runs on Node and Deno.
 *
 * @example
 * const { profiles, report, csv } = readProfiles(bytes, { fileName: "sample.xlsx" });
 */

export { PROFILE_COLUMNS, REQUIRED_COLUMNS, normalizeColumnName } from "./columns.ts";
export type { ProfileColumn } from "./columns.ts";
export type { TextEncoding } from "./decode-text.ts";
export { detectFormat } from "./detect-format.ts";
export type { InputFormat } from "./detect-format.ts";
export { InvalidInputError } from "./errors.ts";
export type { InputLocation } from "./errors.ts";
export { escapeFormula, unescapeFormula } from "./escape-formula.ts";
export { MAX_CELL_LENGTH } from "./parse-csv.ts";
export type { Delimiter } from "./parse-csv.ts";
export { SKIP_REASONS } from "./profile-rows.ts";
export type { SkipReason } from "./profile-rows.ts";
export { readProfiles } from "./read-profiles.ts";
export type { ReadProfilesOptions, ReadResult } from "./read-profiles.ts";
export { SKIP_REASON_DESCRIPTIONS, formatReadReport } from "./report.ts";
export type { ReadReport } from "./report.ts";
export { FIRST_ROWS_LIMIT } from "./tally.ts";
export type { RowTally } from "./tally.ts";
export { parseVideoUrl, videoCreationSeconds } from "./videos.ts";
export { workbookToCsv } from "./workbook-to-csv.ts";
export type { WorkbookCsv, WorkbookToCsvOptions } from "./workbook-to-csv.ts";
export { formatCsv } from "./write-csv.ts";
export type { CsvCells } from "./write-csv.ts";
