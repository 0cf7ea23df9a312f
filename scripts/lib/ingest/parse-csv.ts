/**
 * @module
 * Parses delimited text into a header and data rows with papaparse, and rejects what
 * would silently shift or swallow cells: unclosed quotes, rows with more fields than the
 * header, and cells over Excel's limit.
 */

import Papa from "papaparse";

import { InvalidInputError, type InputLocation } from "./errors.ts";
import { addToTally, createRowTally, type RowTally } from "./tally.ts";

/** Field delimiters that Excel writes: comma, semicolon (locales with a decimal comma) and tab. */
export type Delimiter = "," | ";" | "\t";

/** One data row with its number as a spreadsheet program shows it. */
export interface CsvRow {
  rowNumber: number;
  /** Exactly as many cells as the header. */
  cells: string[];
}

/** A parsed table. Blank rows are left out, but they count in row numbers. */
export interface ParsedTable {
  header: string[];
  headerRow: number;
  rows: CsvRow[];
  delimiter: Delimiter;
  /** Rows with fewer fields than the header, read with empty cells at the end. */
  shortRows: RowTally;
  /** Rows with a stray quote inside a quoted cell, which papaparse read as best it could. */
  malformedQuoteRows: RowTally;
}

/** Excel's maximum number of characters in one cell. */
export const MAX_CELL_LENGTH = 32_767;

const DELIMITERS: readonly Delimiter[] = [",", "\t", ";"];

const describeDelimiter = (delimiter: Delimiter): string => (delimiter === "\t" ? "tab" : `"${delimiter}"`);

/**
 * Detects the delimiter from the header line, the one line where no free text can skew
 * the counts: the delimiter with the most occurrences outside quotes, comma on a tie.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let inQuotes = false;
  for (const character of text) {
    if (character === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (character === "\n" || character === "\r")) {
      break;
    } else if (!inQuotes && counts.has(character as Delimiter)) {
      const delimiter = character as Delimiter;
      counts.set(delimiter, (counts.get(delimiter) ?? 0) + 1);
    }
  }
  let best: Delimiter = ",";
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) {
      best = delimiter;
    }
  }
  return best;
}

// Excel's delimiter directive: a first line `sep=;`. Excel hides the line, so rows are numbered after it.
const SEPARATOR_DIRECTIVE = /^sep=(.)[ \t]*(?:\r\n|\r|\n|$)/i;

interface SeparatorDirective {
  delimiter: Delimiter;
  /** Length of the directive line with its line end, in UTF-16 code units. */
  length: number;
}

const readSeparatorDirective = (text: string, location: InputLocation): SeparatorDirective | null => {
  const match = SEPARATOR_DIRECTIVE.exec(text);
  if (match === null) {
    return null;
  }
  const delimiter = match[1] as Delimiter;
  if (!DELIMITERS.includes(delimiter)) {
    throw new InvalidInputError(
      { ...location, row: 1 },
      `the first line "sep=${match[1]}" sets a delimiter that is not supported; save the file with comma, semicolon or tab as the delimiter`,
    );
  }
  return { delimiter, length: match[0].length };
};

const isBlankRecord = (record: readonly string[]): boolean => record.every((cell) => cell.trim() === "");

const checkCellLengths = (cells: readonly string[], header: readonly string[], location: InputLocation): void => {
  cells.forEach((cell, index) => {
    if (cell.length > MAX_CELL_LENGTH) {
      throw new InvalidInputError(
        { ...location, column: header[index] ?? `column ${index + 1}` },
        `the cell has ${cell.length.toLocaleString("en-US")} characters, more than Excel's limit of ` +
          `${MAX_CELL_LENGTH.toLocaleString("en-US")}; ` +
          "look for a missing closing quote in an earlier cell, or shorten the cell",
      );
    }
  });
};

// Pads short rows, and drops surplus fields only when they are empty (a trailing delimiter).
const fitToHeader = (record: string[], header: readonly string[], delimiter: Delimiter, location: InputLocation): string[] => {
  if (record.length > header.length) {
    if (!isBlankRecord(record.slice(header.length))) {
      throw new InvalidInputError(
        location,
        `the row has ${record.length} fields but the header has ${header.length}; ` +
          `quote cells that contain the delimiter ${describeDelimiter(delimiter)}, or add the missing column names to the header`,
      );
    }
    return record.slice(0, header.length);
  }
  return [...record, ...Array<string>(header.length - record.length).fill("")];
};

/**
 * Parses delimited text. The header is the first non-blank row. Line ends may be CRLF, LF
 * or CR, mixed within one file, and quoted cells may contain line breaks. A first line `sep=;` (Excel's
 * delimiter directive) sets the delimiter and is not counted as a row.
 *
 * @throws InvalidInputError on an unclosed quote, a row with more non-empty fields than
 * the header, a cell over 32,767 characters, an unsupported `sep=` directive, or a table
 * without data rows.
 */
export function parseCsv(text: string, location: InputLocation): ParsedTable {
  const directive = readSeparatorDirective(text, location);
  const body = directive === null ? text : text.slice(directive.length);
  const delimiter = directive?.delimiter ?? detectDelimiter(body);
  // papaparse takes the line end of the first line for the whole file, so files joined from
  // CRLF and LF exports would split wrongly. Cell values end up with LF line breaks anyway.
  const lines = body.replace(/\r\n?/g, "\n");
  const result = Papa.parse<string[]>(lines, { delimiter, newline: "\n", header: false, skipEmptyLines: false });
  const malformedQuoteRows = createRowTally();
  for (const error of result.errors) {
    // papaparse counts rows from 0, and a row number here counts from 1.
    const row = (error.row ?? 0) + 1;
    if (error.code === "MissingQuotes") {
      throw new InvalidInputError({ ...location, row }, 'a quoted cell is not closed; add the missing closing quote (")');
    }
    if (error.code === "InvalidQuotes") {
      addToTally(malformedQuoteRows, row);
    }
  }

  const headerIndex = result.data.findIndex((record) => !isBlankRecord(record));
  const header = result.data[headerIndex];
  if (header === undefined) {
    throw new InvalidInputError(location, "the table is empty; the input needs a header row with account_id and top_videos");
  }

  const rows: CsvRow[] = [];
  const shortRows = createRowTally();
  result.data.forEach((record, index) => {
    if (index <= headerIndex || isBlankRecord(record)) {
      return;
    }
    const rowLocation = { ...location, row: index + 1 };
    if (record.length < header.length) {
      addToTally(shortRows, index + 1);
    }
    const cells = fitToHeader(record, header, delimiter, rowLocation);
    checkCellLengths(cells, header, rowLocation);
    rows.push({ rowNumber: index + 1, cells });
  });
  if (rows.length === 0) {
    throw new InvalidInputError(location, "the table has a header row but no data rows; add one row per profile");
  }
  return { header, headerRow: headerIndex + 1, rows, delimiter, shortRows, malformedQuoteRows };
}
