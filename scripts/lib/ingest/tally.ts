/**
 * @module
 * Counts of a problem with the first row numbers where it occurs, enough to find the
 * rows in a spreadsheet without listing thousands of them.
 */

/** Number of row numbers that a tally keeps. */
export const FIRST_ROWS_LIMIT = 5;

/** A count with the first few rows it came from. */
export interface RowTally {
  count: number;
  /** Up to FIRST_ROWS_LIMIT distinct row numbers, ascending as the rows were read. */
  firstRows: number[];
}

/** Creates an empty tally. */
export function createRowTally(): RowTally {
  return { count: 0, firstRows: [] };
}

/** Adds `count` occurrences in row `rowNumber` to the tally. */
export function addToTally(tally: RowTally, rowNumber: number, count = 1): void {
  tally.count += count;
  if (tally.firstRows.length < FIRST_ROWS_LIMIT && !tally.firstRows.includes(rowNumber)) {
    tally.firstRows.push(rowNumber);
  }
}

/** Formats the rows of a tally as `rows 4, 9, 12, ...` or `row 4`. */
export function formatTallyRows(tally: RowTally): string {
  const more = tally.count > tally.firstRows.length && tally.firstRows.length === FIRST_ROWS_LIMIT ? ", ..." : "";
  const label = tally.firstRows.length === 1 && more === "" ? "row" : "rows";
  return `${label} ${tally.firstRows.join(", ")}${more}`;
}
