/**
 * @module
 * Escapes and unescapes cells that a spreadsheet program would run as a formula (CSV
 * injection). OWASP's rule: a text cell that starts with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'`. Plain numbers such as `-3` or `+1.5e3` are not
 * formulas and stay as they are.
 *
 * The pair is a bijection: text that already starts with `'` before such a character gets
 * one more `'`, so unescapeFormula(escapeFormula(x)) === x for every string.
 */

const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// Whether the text, after any leading apostrophes, would start a formula.
const needsEscape = (text: string): boolean => {
  let start = 0;
  while (text[start] === "'") {
    start++;
  }
  const first = text[start];
  if (first === undefined || !FORMULA_TRIGGERS.has(first)) {
    return false;
  }
  return !PLAIN_NUMBER.test(text.slice(start));
};

/** Prefixes `'` to text that a spreadsheet program would read as a formula. */
export function escapeFormula(text: string): string {
  return needsEscape(text) ? `'${text}` : text;
}

/** Removes the `'` that escapeFormula added, and returns any other text unchanged. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && needsEscape(text.slice(1)) ? text.slice(1) : text;
}
