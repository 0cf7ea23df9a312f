/**
 * @module
 * Reads a profiles spreadsheet into typed profile rows and a report. The steps:
 *
 * 1. Detect the format from the content. Convert a workbook's sheet to CSV (workbookToCsv),
 *    or decode delimited text.
 * 2. Parse the CSV with papaparse.
 * 3. Map the columns by header name.
 * 4. Clean the values, parse the video URLs and apply the duplicate rules (profile-rows.ts).
 */

import type { ProfileRow } from "../../../src/shared/profile.ts";
import { mapColumns } from "./columns.ts";
import { decodeText, type TextEncoding } from "./decode-text.ts";
import { detectFormat, isWorkbookFormat, type InputFormat } from "./detect-format.ts";
import { InvalidInputError, type InputLocation } from "./errors.ts";
import { unescapeFormula } from "./escape-formula.ts";
import { parseCsv, type CsvRow } from "./parse-csv.ts";
import { buildProfileRows, type ProfileRowsResult } from "./profile-rows.ts";
import { collectWarnings, SKIP_REASON_DESCRIPTIONS, type ReadReport } from "./report.ts";
import { createValueReader } from "./values.ts";
import { workbookToCsv } from "./workbook-to-csv.ts";
import { formatCsv } from "./write-csv.ts";

/** Options of readProfiles. */
export interface ReadProfilesOptions {
  /** Name of the input file, for format hints and messages. Give the base name, not a path. */
  fileName: string;
  /** Sheet of a workbook to read, by name. Defaults to the first sheet. */
  sheet?: string | undefined;
}

/** Profiles read from the input, with the report of the read. */
export interface ReadResult {
  /** One profile per usable row, in input order. */
  profiles: ProfileRow[];
  report: ReadReport;
  /**
   * The table as UTF-8, comma-delimited CSV with formula-like cells escaped (see
   * formatCsv): a workbook's sheet, or delimited text in any encoding and delimiter.
   * Reading this CSV again gives the same profiles, with the same row numbers.
   */
  csv: string;
}

interface TableText {
  text: string;
  sheet: string | null;
  encoding: TextEncoding | null;
  warnings: string[];
}

const TEXT_EXTENSIONS = new Set(["csv", "tsv", "txt"]);
const WORKBOOK_EXTENSIONS = new Set(["xlsx", "xlsm", "xlsb", "xls", "ods"]);

const checkExtension = (fileName: string, format: InputFormat): string[] => {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === undefined) {
    return [];
  }
  if (isWorkbookFormat(format) && TEXT_EXTENSIONS.has(extension)) {
    return [`the file name ends in ".${extension}" but the content is a workbook; it was read as a workbook`];
  }
  if (!isWorkbookFormat(format) && WORKBOOK_EXTENSIONS.has(extension)) {
    return [`the file name ends in ".${extension}" but the content is delimited text; it was read as CSV`];
  }
  return [];
};

// A JSON export would otherwise be reported as a table without the required columns.
const isJsonDocument = (text: string): boolean => {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) {
    return false;
  }
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
};

const readTableText = (bytes: Uint8Array, format: InputFormat, options: ReadProfilesOptions): TableText => {
  if (isWorkbookFormat(format)) {
    const converted = workbookToCsv(bytes, options);
    return { text: converted.csv, sheet: converted.sheet, encoding: null, warnings: [] };
  }
  const decoded = decodeText(bytes);
  if (isJsonDocument(decoded.text)) {
    throw new InvalidInputError(
      { fileName: options.fileName },
      "the file contains JSON, not a table; download the CSV export instead, or convert the JSON to CSV with one column per field",
    );
  }
  const warnings: string[] = [];
  if (options.sheet !== undefined) {
    warnings.push(`the sheet option "${options.sheet}" was ignored because delimited text has no sheets`);
  }
  if (decoded.encoding === "windows-1252") {
    warnings.push(
      "the file is not valid UTF-8, so it was decoded as Windows-1252; " +
        'if names or bios look garbled, save it from Excel as "CSV UTF-8"',
    );
  }
  return { text: decoded.text, sheet: null, encoding: decoded.encoding, warnings };
};

// Places the header and rows at their row numbers, with blank rows in the gaps.
const toSheetRows = (header: readonly string[], headerRow: number, rows: readonly CsvRow[]): string[][] => {
  const lastRow = rows.at(-1)?.rowNumber ?? headerRow;
  const sheetRows = Array.from({ length: lastRow }, (): string[] => Array<string>(header.length).fill(""));
  sheetRows[headerRow - 1] = [...header];
  for (const row of rows) {
    sheetRows[row.rowNumber - 1] = row.cells;
  }
  return sheetRows;
};

const noUsableRowsError = (location: InputLocation, rowsRead: number, result: ProfileRowsResult): InvalidInputError => {
  const reasons = Object.entries(result.rowsSkipped)
    .filter(([, tally]) => tally.count > 0)
    .map(([reason, tally]) => `${tally.count} ${SKIP_REASON_DESCRIPTIONS[reason as keyof typeof SKIP_REASON_DESCRIPTIONS]}`);
  return new InvalidInputError(
    location,
    `none of the ${rowsRead} rows can be used (${reasons.join(", ")}); ` +
      "each profile needs an account_id and top_videos URLs like https://www.tiktok.com/@handle/video/7234567890123456789",
  );
};

/**
 * Reads profiles from the bytes of a CSV, TSV, xlsx, xlsm, xlsb, xls or ods file.
 *
 * @example
 * const { profiles, report } = readProfiles(bytes, { fileName: "sample.xlsx" });
 *
 * @throws InvalidInputError when the file is empty, not a spreadsheet (JSON, PDF, an image,
 * other binary data), corrupt or password-protected, lacks account_id or top_videos, has a
 * ragged row, an unclosed quote or an over-long cell, or has no usable row.
 */
export function readProfiles(bytes: Uint8Array, options: ReadProfilesOptions): ReadResult {
  const format = detectFormat(bytes, options.fileName);
  const tableText = readTableText(bytes, format, options);
  const location: InputLocation = { fileName: options.fileName, sheet: tableText.sheet ?? undefined };

  const table = parseCsv(tableText.text, location);
  // Escapes that workbookToCsv or another tool added for spreadsheet safety are not part of the data.
  const header = table.header.map(unescapeFormula);
  const rows = table.rows.map((row) => ({ rowNumber: row.rowNumber, cells: row.cells.map(unescapeFormula) }));
  const columns = mapColumns(header, location);

  // Excel writes semicolon CSV in locales whose decimal separator is the comma.
  const values = createValueReader({ decimalComma: table.delimiter === ";" });
  const result = buildProfileRows(rows, columns, values);
  if (result.profiles.length === 0) {
    throw noUsableRowsError(location, rows.length, result);
  }

  const report: ReadReport = {
    fileName: options.fileName,
    format,
    sheet: tableText.sheet,
    encoding: tableText.encoding,
    delimiter: table.delimiter,
    headerRow: table.headerRow,
    rowsRead: rows.length,
    rowsUsed: result.profiles.length,
    rowsSkipped: result.rowsSkipped,
    columnsUsed: columns.used,
    columnsIgnored: columns.ignored,
    videosUsed: result.videosUsed,
    invalidVideoUrls: result.invalidVideoUrls,
    duplicateVideosInRow: result.duplicateVideosInRow,
    videosListedEarlier: result.videosListedEarlier,
    warnings: [...checkExtension(options.fileName, format), ...tableText.warnings, ...collectWarnings(table, columns, result)],
  };
  const csv = isWorkbookFormat(format) ? tableText.text : formatCsv(toSheetRows(header, table.headerRow, rows));
  return { profiles: result.profiles, report, csv };
}
