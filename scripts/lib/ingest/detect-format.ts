/**
 * @module
 * Detects the kind of input from its first bytes rather than its file name, because users
 * rename files and Excel saves CSV under any extension.
 */

import { InvalidInputError } from "./errors.ts";

/**
 * Container of the input:
 * - `zip`: xlsx, xlsm, xlsb or ods;
 * - `ole`: xls, or an xlsx that is password-protected (Excel wraps those in OLE);
 * - `xml`: SpreadsheetML 2003 or an HTML table saved as .xls;
 * - `text`: delimited text (CSV, TSV or Excel's "Unicode Text").
 */
export type InputFormat = "zip" | "ole" | "xml" | "text";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_SIGNATURE = [0x50, 0x4b, 0x05, 0x06];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

// Signatures of files that users pick by mistake, named in the message so that the fix is obvious.
const OTHER_FILE_SIGNATURES: readonly { signature: readonly number[]; kind: string; advice: string }[] = [
  { signature: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: "a PDF document", advice: "export the table from its source as .xlsx or .csv and try again" },
  { signature: [0x1f, 0x8b], kind: "a gzip archive", advice: "extract the spreadsheet from it and try again" },
  { signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: "a 7z archive", advice: "extract the spreadsheet from it and try again" },
  { signature: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], kind: "a RAR archive", advice: "extract the spreadsheet from it and try again" },
  { signature: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image", advice: "give the path of the spreadsheet, not of a picture of it" },
  { signature: [0xff, 0xd8, 0xff], kind: "a JPEG image", advice: "give the path of the spreadsheet, not of a picture of it" },
];

// Bytes checked for binary content. 8 KiB covers the header and the first rows of a typical table.
const SNIFF_BYTES = 8192;
// Share of control bytes above which the input is binary. Text has next to none.
const MAX_CONTROL_SHARE = 0.01;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  signature.every((byte, index) => bytes[offset + index] === byte);

const isBlank = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

// A control byte other than tab, line feed, form feed and carriage return. Text files in
// UTF-8 or Windows-1252 contain no NUL bytes, and UTF-16 text was recognized by its byte order mark.
const isControlByte = (byte: number): boolean =>
  byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d;

const hexPrefix = (bytes: Uint8Array): string =>
  Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).padStart(2, "0")).join(" ");

/** Returns whether the format is read through SheetJS rather than as delimited text. */
export function isWorkbookFormat(format: InputFormat): boolean {
  return format !== "text";
}

/**
 * Detects the format of the input from its content.
 *
 * @throws InvalidInputError when the input is empty (or only blanks and a byte order mark),
 * a PDF, an image or an archive other than zip, or other binary data.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): InputFormat {
  if (startsWith(bytes, ZIP_SIGNATURE) || startsWith(bytes, EMPTY_ZIP_SIGNATURE)) {
    return "zip";
  }
  if (startsWith(bytes, OLE_SIGNATURE)) {
    return "ole";
  }
  const other = OTHER_FILE_SIGNATURES.find((entry) => startsWith(bytes, entry.signature));
  if (other !== undefined) {
    throw new InvalidInputError({ fileName }, `the file is ${other.kind}, not a spreadsheet or CSV; ${other.advice}`);
  }
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) {
    const hasText = bytes.subarray(2).some((byte) => byte !== 0 && !isBlank(byte));
    if (!hasText) {
      throw emptyFileError(fileName);
    }
    return "text";
  }

  const textStart = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
  let firstCharacter = textStart;
  while (firstCharacter < bytes.length && isBlank(bytes[firstCharacter] ?? 0)) {
    firstCharacter++;
  }
  if (firstCharacter === bytes.length) {
    throw emptyFileError(fileName);
  }

  const sample = bytes.subarray(textStart, textStart + SNIFF_BYTES);
  const controlBytes = sample.reduce((count, byte) => count + (isControlByte(byte) ? 1 : 0), 0);
  if (sample.includes(0) || controlBytes > sample.length * MAX_CONTROL_SHARE) {
    throw new InvalidInputError(
      { fileName },
      `the file is not a spreadsheet or CSV (it starts with bytes ${hexPrefix(bytes)}); ` +
        "save the data as .xlsx or .csv and try again",
    );
  }
  return bytes[firstCharacter] === 0x3c ? "xml" : "text";
}

const emptyFileError = (fileName: string): InvalidInputError =>
  new InvalidInputError(
    { fileName },
    "the file is empty; the input needs a header row with account_id and top_videos, and one row per profile",
  );
