/**
 * @module
 * Writes a table as the CSV that the pipeline hands back to users (`--csv-out`), who are
 * likely to open it in a spreadsheet program. Every cell goes through escapeFormula
 * (OWASP's rule against CSV injection), and reading the CSV with readProfiles gives the
 * same values.
 */

import Papa from "papaparse";

import { escapeFormula } from "./escape-formula.ts";

/** Rows of cells in sheet order. Row i becomes line i + 1 of the CSV, so row numbers stay as they were. */
export type CsvCells = readonly (readonly string[])[];

/** Formats rows as RFC 4180 CSV: comma-delimited, CRLF line ends, formula-like cells escaped with `'`. */
export function formatCsv(rows: CsvCells): string {
  const escaped = rows.map((row) => row.map(escapeFormula));
  return Papa.unparse(escaped, { newline: "\r\n" });
}
