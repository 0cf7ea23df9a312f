/**
 * @module
 * The pipeline's first step for workbooks: converts one sheet to CSV text with SheetJS.
 * The CSV is also what the pipeline writes out for review, so text cells that a
 * spreadsheet program would run as formulas are escaped with a leading `'`.
 */

import * as XLSX from "xlsx";

import { InvalidInputError } from "./errors.ts";
import { formatCsv } from "./write-csv.ts";

/** Options of workbookToCsv. */
export interface WorkbookToCsvOptions {
  /** File name for messages. */
  fileName: string;
  /** Sheet to convert, matched exactly, else case-insensitively. Defaults to the first sheet. */
  sheet?: string | undefined;
}

/** One sheet as CSV text. */
export interface WorkbookCsv {
  /** RFC 4180 CSV: comma-delimited, CRLF line ends, formula-like text cells escaped. */
  csv: string;
  /** Name of the converted sheet. */
  sheet: string;
  /** Names of all sheets, in workbook order. */
  sheets: string[];
}

// SheetJS 0.20.3 types its number formatter as `any`. These are the two functions used here.
const SSF = XLSX.SSF as {
  is_date(format: string): boolean;
  format(format: string, value: number, options?: { date1904?: boolean }): string;
};

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const quoteList = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(", ");

// Excel saves a password-protected xlsx as an OLE container with an EncryptedPackage stream.
const isEncryptedPackage = (bytes: Uint8Array): boolean => {
  if (!OLE_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return false;
  }
  try {
    return XLSX.CFB.find(XLSX.CFB.read(bytes, { type: "array" }), "EncryptedPackage") !== null;
  } catch {
    return false;
  }
};

const passwordError = (fileName: string, cause?: unknown): InvalidInputError =>
  new InvalidInputError(
    { fileName },
    "the workbook is password-protected; remove the password in Excel " +
      "(File > Info > Protect Workbook > Encrypt with Password) and save it again",
    { cause },
  );

const readWorkbook = (bytes: Uint8Array, fileName: string): XLSX.WorkBook => {
  if (isEncryptedPackage(bytes)) {
    throw passwordError(fileName);
  }
  try {
    // cellNF keeps number formats, so that date cells can be distinguished from numbers.
    return XLSX.read(bytes, { type: "array", dense: false, cellNF: true, cellFormula: false, cellHTML: false });
  } catch (error) {
    // BIFF (xls) encryption is found only while parsing, and SheetJS reports it by message.
    if (error instanceof Error && /password/i.test(error.message)) {
      throw passwordError(fileName, error);
    }
    throw new InvalidInputError(
      { fileName },
      "the workbook is corrupt or not a supported format (xlsx, xlsm, xlsb, xls, ods); " +
        "open it in Excel and save it again as .xlsx or .csv",
      { cause: error },
    );
  }
};

const chooseSheet = (workbook: XLSX.WorkBook, requested: string | undefined, fileName: string): string => {
  const names = workbook.SheetNames;
  const first = names[0];
  if (first === undefined) {
    throw new InvalidInputError({ fileName }, "the workbook has no sheets; save a sheet with the profiles as .xlsx or .csv");
  }
  if (requested === undefined) {
    return first;
  }
  // Excel keeps sheet names unique regardless of case, so at most one name matches.
  const match = names.find((name) => name === requested) ?? names.find((name) => name.toLowerCase() === requested.toLowerCase());
  if (match === undefined) {
    throw new InvalidInputError({ fileName }, `sheet "${requested}" not found; the workbook has sheets ${quoteList(names)}; choose one of them`);
  }
  return match;
};

const formatNumberCell = (cell: XLSX.CellObject, date1904: boolean): string => {
  const value = Number(cell.v);
  if (typeof cell.z === "string" && SSF.is_date(cell.z)) {
    const format = Number.isInteger(value) ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss";
    return SSF.format(format, value, { date1904 });
  }
  // A float cannot store every integer above 2^53, so such a value has most likely lost
  // digits, typically a 19-digit id that Excel converted to a number. The exponent form
  // keeps that visible to later steps.
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return value.toExponential();
  }
  // The shortest text that converts back to the same float, not the displayed rounding.
  return String(value);
};

const cellToText = (cell: XLSX.CellObject, date1904: boolean): string => {
  switch (cell.t) {
    case "s":
      return String(cell.v ?? "");
    case "n":
      return formatNumberCell(cell, date1904);
    case "b":
      return cell.v === true ? "TRUE" : "FALSE";
    case "e":
      // Error cells such as #N/A, as Excel shows them.
      return cell.w ?? "";
    case "d":
      // Produced only with the cellDates read option, which readWorkbook does not set.
      return cell.v instanceof Date ? cell.v.toISOString() : "";
    default:
      return "";
  }
};

// Rows and columns start at A1 whatever the sheet's used range, so row numbers match Excel's.
const sheetToRows = (sheet: XLSX.WorkSheet, date1904: boolean): string[][] => {
  const rows: string[][] = [];
  let width = 0;
  for (const address of Object.keys(sheet)) {
    if (address.startsWith("!")) {
      continue;
    }
    const text = cellToText(sheet[address] as XLSX.CellObject, date1904);
    if (text === "") {
      continue;
    }
    const { r: rowIndex, c: columnIndex } = XLSX.utils.decode_cell(address);
    const row = (rows[rowIndex] ??= []);
    row[columnIndex] = text;
    width = Math.max(width, columnIndex + 1);
  }
  return Array.from(rows, (row) => Array.from({ length: width }, (_, columnIndex) => row?.[columnIndex] ?? ""));
};

/**
 * Converts one sheet of a workbook (xlsx, xlsm, xlsb, xls, ods or SpreadsheetML) to CSV.
 * Numbers keep full precision and date cells become ISO 8601 dates. Text cells that start
 * like a formula get a leading `'`, which readProfiles removes again.
 *
 * @throws InvalidInputError when the workbook is corrupt, password-protected or has no
 * sheet of the requested name.
 */
export function workbookToCsv(bytes: Uint8Array, options: WorkbookToCsvOptions): WorkbookCsv {
  const workbook = readWorkbook(bytes, options.fileName);
  const sheetName = chooseSheet(workbook, options.sheet, options.fileName);
  const sheet = workbook.Sheets[sheetName];
  const date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  const rows = sheet ? sheetToRows(sheet, date1904) : [];
  return { csv: formatCsv(rows), sheet: sheetName, sheets: [...workbook.SheetNames] };
}
