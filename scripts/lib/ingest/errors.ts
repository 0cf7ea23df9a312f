/**
 * @module
 * The one error of ingestion: the input cannot be read as a profiles table. Messages name
 * the file, sheet, row and column where known, and never contain cell values, because
 * cells contain personal data.
 */

/** Position of a problem in the input. Only the file name is always known. */
export interface InputLocation {
  fileName: string;
  sheet?: string | undefined;
  /**
   * 1-based row number as a spreadsheet program shows it, so the header is row 1 unless
   * blank rows precede it. In CSV it counts records, not lines.
   */
  row?: number | undefined;
  /** Column name as written in the header. */
  column?: string | undefined;
}

/**
 * Thrown when the input is empty, not a spreadsheet, unreadable or lacks what the
 * pipeline needs. The message reads `<file>[, sheet "<name>"][, row <n>][, column "<name>"]:
 * <problem>; <what to do>`, and `cause` keeps the library error where there was one.
 */
export class InvalidInputError extends Error {
  override readonly name = "InvalidInputError";
  readonly location: InputLocation;

  constructor(location: InputLocation, problem: string, options?: ErrorOptions) {
    super(`${formatLocation(location)}: ${problem}`, options);
    this.location = location;
  }
}

/** Formats a location as the prefix of a message, for example `a.xlsx, sheet "profiles", row 4`. */
export function formatLocation(location: InputLocation): string {
  let text = location.fileName;
  if (location.sheet !== undefined) {
    text += `, sheet "${location.sheet}"`;
  }
  if (location.row !== undefined) {
    text += `, row ${location.row}`;
  }
  if (location.column !== undefined) {
    text += `, column "${location.column}"`;
  }
  return text;
}
