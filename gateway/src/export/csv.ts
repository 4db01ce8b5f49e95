/**
 * CSV as spreadsheets read it: UTF-8 with a byte order mark (without it Excel reads the file in the
 * system's code page and Chinese turns to mojibake), RFC 4180 quoting and CRLF line ends, and no
 * cell that a spreadsheet would run as a formula.
 */

/** The byte order mark that makes Excel read the file as UTF-8. */
export const BOM = '\uFEFF';

/** RFC 4180 line end. */
export const CRLF = '\r\n';

/** What a cell holds: text, a number, or nothing (an empty cell). */
export type Cell = string | number | null;

/**
 * The first characters that make a spreadsheet read a text cell as a formula (= + - @), and the
 * tab and carriage return OWASP lists beside them (a cell that starts with either can still be
 * read as one after the spreadsheet trims it).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-1+1`) gets a
 * leading apostrophe, so it shows as the text it is (CSV injection). Only text: numbers are
 * written by us, and a negative number stays a number.
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A field quoted when it must be (RFC 4180): it holds a comma, a quote, CR or LF; quotes doubled. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV field: text defused and quoted, a number as JavaScript writes it, null empty. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return quoted(defuseFormula(cell));
}

/** One CSV record, with its CRLF. */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',') + CRLF;
}
