/**
 * @module
 * Writes sample rows as a workbook or CSV file, byte for byte the same for the same rows,
 * so that a seed identifies a file.
 */

import Papa from "papaparse";
import * as XLSX from "xlsx";

import { SAMPLE_COLUMNS, type SampleCell, type SampleRecord } from "./columns.ts";

/**
 * File formats of the writer. `xls` and `ods` exist for tests of the reader.
 * NOTE: SheetJS 0.20.3 writes at most 255 characters of a text cell to `xls`, so long
 * bios and top_videos come back truncated from that format.
 */
export type SampleFormat = "xlsx" | "xls" | "ods" | "csv";

/** Options of writeSampleWorkbook. */
export interface WriteSampleOptions {
  /** Columns in file order. Defaults to the keys of the first row, or the export's 18 columns. */
  columns?: readonly string[];
  /** Name of the only sheet of a workbook. */
  sheetName?: string;
}

/** Name of the only sheet of the sample workbook. */
export const SAMPLE_SHEET_NAME = "profiles";

// Document properties with dates pinned to the sample's reference date, 2024-06-01 UTC.
// SheetJS 0.20.3 writes no dates of its own into docProps or the zip entries of an xlsx,
// so the bytes do not depend on when the file was written.
const PINNED_PROPERTIES = {
  Title: "Synthetic TikTok profiles",
  Author: "edge-recommender sample generator",
  CreatedDate: new Date(Date.UTC(2024, 5, 1)),
  ModifiedDate: new Date(Date.UTC(2024, 5, 1)),
} satisfies XLSX.FullProperties;

const UTF8_BOM = "\uFEFF";

const toCells = (rows: readonly SampleRecord[], columns: readonly string[]): (SampleCell | null)[][] =>
  rows.map((row) => columns.map((column) => row[column] ?? null));

const writeCsv = (rows: readonly SampleRecord[], columns: readonly string[]): Uint8Array<ArrayBuffer> => {
  // A UTF-8 byte order mark, so that Excel opens the CSV with the right encoding.
  // papaparse quotes cells with commas, quotes or line breaks and ends lines with CRLF.
  const csv = Papa.unparse({ fields: [...columns], data: toCells(rows, columns) });
  return new TextEncoder().encode(UTF8_BOM + csv);
};

const writeWorkbook = (
  rows: readonly SampleRecord[],
  columns: readonly string[],
  format: Exclude<SampleFormat, "csv">,
  sheetName: string,
): Uint8Array<ArrayBuffer> => {
  // Strings stay string cells, so 19-digit ids keep their digits. Numbers and booleans
  // become typed cells, as when Excel opens the CSV.
  const sheet = XLSX.utils.aoa_to_sheet([[...columns], ...toCells(rows, columns)]);
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, sheetName);
  workbook.Props = { ...PINNED_PROPERTIES };
  const output: ArrayBuffer = XLSX.write(workbook, {
    type: "array",
    bookType: format === "xls" ? "biff8" : format,
    compression: true,
  });
  return new Uint8Array(output);
};

/**
 * Writes rows to a file of the given format and returns its bytes. Cells missing from a
 * row are left empty. CSV is UTF-8 with a byte order mark and CRLF line ends.
 *
 * @throws Error from SheetJS when a text cell is longer than 32,767 characters (Excel's
 * limit) in a workbook format.
 */
export function writeSampleWorkbook(
  rows: readonly SampleRecord[],
  format: SampleFormat,
  options: WriteSampleOptions = {},
): Uint8Array<ArrayBuffer> {
  const firstRow = rows[0];
  const columns = options.columns ?? (firstRow ? Object.keys(firstRow) : SAMPLE_COLUMNS);
  if (format === "csv") {
    return writeCsv(rows, columns);
  }
  return writeWorkbook(rows, columns, format, options.sheetName ?? SAMPLE_SHEET_NAME);
}
