/**
 * @module
 * Cleans cell text into typed values. Exports write empty cells as the literal `null`
 * (Kaggle) or as empty strings (Bright Data's newer export), and Excel re-saves change
 * booleans to TRUE/FALSE and may store numbers as text or turn long ids into floats.
 * Invalid values become null and are counted, so one bad cell does not drop a profile.
 */

import { normalizePersonId, personIdProblem } from "../../../src/shared/person-id.ts";
import { addToTally, createRowTally, type RowTally } from "./tally.ts";

/** Counts of cells that could not be read as their column's type. */
export interface ValueProblems {
  /** Cells of numeric columns that are not numbers, by column name. */
  invalidNumbers: Map<string, RowTally>;
  /** `is_verified` cells other than true, false, 1 or 0. */
  invalidBooleans: RowTally;
  /** `id` cells that Excel rounded to 15 significant digits, whose digits are lost. */
  roundedUserIds: RowTally;
  /** `account_id` cells partly masked with block characters, as in Bright Data's export. */
  maskedAccountIds: RowTally;
  /** Ids that requests cannot name (other characters or too long); their videos are still recommended. */
  unservableAccountIds: RowTally;
}

/** Options of the value reader. */
export interface ValueReaderOptions {
  /** Read `,` as the decimal separator and `.` as the group separator, as in semicolon CSV. */
  decimalComma: boolean;
}

/** Typed reads of cell text, which record problems in `problems`. */
export interface ValueReader {
  problems: ValueProblems;
  /** Returns trimmed text with LF line breaks, or null for an empty cell or `null`. */
  text(cell: string | undefined): string | null;
  number(cell: string | undefined, column: string, rowNumber: number): number | null;
  boolean(cell: string | undefined, rowNumber: number): boolean | null;
  /** Returns the numeric user id as a string, or null when empty or rounded by Excel. */
  userId(cell: string | undefined, rowNumber: number): string | null;
  accountId(cell: string | undefined, rowNumber: number): string | null;
}

const NULL_LITERAL = /^null$/i;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// 1,234,567.5: comma as the group separator.
const COMMA_GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
// 1.234.567,5 or 0,05: comma as the decimal separator, dot as the group separator.
const DECIMAL_COMMA = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;
// Spaces, no-break space and narrow no-break space, which some locales use to group digits.
const GROUP_SPACES = /[\s\u00a0\u202f]/g;
const FLOAT_NOTATION = /^[+-]?\d+(?:[.,]\d*)?(?:[eE][+-]?\d+)?$/;
// Excel keeps 15 significant digits of a number, so a 19-digit id that it converted comes
// back as 15 digits and zeros, such as 6784563421347840000. Only ids of 18 or more digits
// are checked. A genuine one ends in 3 zeros about once in 1,000, and in 4 once in 10,000.
const EXCEL_ROUNDED_ID = /^\d{15}0{3,}$/;
// Excel writes a percent-formatted cell to CSV as text such as 5.12%.
const PERCENT_SUFFIX = /%$/;
// Unicode block elements (U+2580..U+259F) such as █, which Bright Data uses for masking.
const BLOCK_ELEMENTS = /[\u2580-\u259f]/;
const BOOLEANS = new Map([
  ["true", true],
  ["1", true],
  ["false", false],
  ["0", false],
]);

// Divides by 100 in decimal, so that 5.12% becomes 0.0512 and not 0.051199999999999996.
const fromPercent = (value: number): number => {
  const text = String(value);
  return text.includes("e") ? value / 100 : Number(`${text}e-2`);
};

const parseNumberText = (text: string, decimalComma: boolean): number | undefined => {
  const withoutSpaces = text.replace(GROUP_SPACES, "");
  const isPercent = PERCENT_SUFFIX.test(withoutSpaces);
  const compact = isPercent ? withoutSpaces.slice(0, -1) : withoutSpaces;
  let value: number | undefined;
  if (PLAIN_NUMBER.test(compact)) {
    value = Number(compact);
  } else if (!decimalComma && COMMA_GROUPED.test(compact)) {
    value = Number(compact.replaceAll(",", ""));
  } else if (decimalComma && DECIMAL_COMMA.test(compact)) {
    value = Number(compact.replaceAll(".", "").replace(",", "."));
  }
  if (value === undefined || !Number.isFinite(value)) {
    return undefined;
  }
  return isPercent ? fromPercent(value) : value;
};

/** Creates a value reader with empty problem counts. */
export function createValueReader(options: ValueReaderOptions): ValueReader {
  const problems: ValueProblems = {
    invalidNumbers: new Map(),
    invalidBooleans: createRowTally(),
    roundedUserIds: createRowTally(),
    maskedAccountIds: createRowTally(),
    unservableAccountIds: createRowTally(),
  };

  const text = (cell: string | undefined): string | null => {
    const trimmed = (cell ?? "").trim();
    if (trimmed === "" || NULL_LITERAL.test(trimmed)) {
      return null;
    }
    return trimmed.replace(/\r\n?/g, "\n");
  };

  const number = (cell: string | undefined, column: string, rowNumber: number): number | null => {
    const cleaned = text(cell);
    if (cleaned === null) {
      return null;
    }
    const value = parseNumberText(cleaned, options.decimalComma);
    if (value === undefined) {
      const tally = problems.invalidNumbers.get(column) ?? createRowTally();
      problems.invalidNumbers.set(column, tally);
      addToTally(tally, rowNumber);
      return null;
    }
    return value;
  };

  const boolean = (cell: string | undefined, rowNumber: number): boolean | null => {
    const cleaned = text(cell);
    if (cleaned === null) {
      return null;
    }
    const value = BOOLEANS.get(cleaned.toLowerCase());
    if (value === undefined) {
      addToTally(problems.invalidBooleans, rowNumber);
      return null;
    }
    return value;
  };

  const userId = (cell: string | undefined, rowNumber: number): string | null => {
    const cleaned = text(cell);
    if (cleaned === null) {
      return null;
    }
    const isDigits = /^\d+$/.test(cleaned);
    if ((isDigits && EXCEL_ROUNDED_ID.test(cleaned)) || (!isDigits && FLOAT_NOTATION.test(cleaned))) {
      addToTally(problems.roundedUserIds, rowNumber);
      return null;
    }
    return cleaned;
  };

  // Ids are normalised as the Worker normalises request ids, so both pseudonymize the same string.
  const accountId = (cell: string | undefined, rowNumber: number): string | null => {
    const cleaned = text(cell);
    if (cleaned === null) {
      return null;
    }
    const id = normalizePersonId(cleaned);
    if (id === "") {
      return null;
    }
    if (BLOCK_ELEMENTS.test(id)) {
      addToTally(problems.maskedAccountIds, rowNumber);
    } else if (personIdProblem(id) !== null) {
      addToTally(problems.unservableAccountIds, rowNumber);
    }
    return id;
  };

  return { problems, text, number, boolean, userId, accountId };
}
