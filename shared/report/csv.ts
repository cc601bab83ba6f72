/**
 * CSV for the evaluation report's tables, safe to double-click into Excel: RFC 4180
 * (CRLF after every record, `"` doubled inside quoted fields), UTF-8 byte order mark so
 * Excel reads æøå right, and OWASP's CSV-injection rule so no cell runs as a formula.
 */

/** A value in a table; null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Quoted when holding any of these: the separator, a quote, a line break, and `;`, the
 * separator Excel assumes in Danish, Dutch and Belgian locales.
 */
const NEEDS_QUOTES = /[",;\r\n]/;

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

/**
 * The cell as text. A number is written as a number (`-5` stays a number); text that
 * starts like a formula gets a leading `'`, which spreadsheets show as text.
 */
function cellText(value: CsvValue): { text: string; neutralised: boolean } {
  if (value === null || value === undefined) return { text: '', neutralised: false };
  if (typeof value === 'number') {
    return { text: Number.isFinite(value) ? String(value) : '', neutralised: false };
  }
  const text = String(value);
  return FORMULA_START.test(text)
    ? { text: `'${text}`, neutralised: true }
    : { text, neutralised: false };
}

function field(value: CsvValue, alone: boolean): string {
  const { text, neutralised } = cellText(value);
  // A record of one empty cell is written `""`: an empty line is skipped by many readers.
  const quote = neutralised || NEEDS_QUOTES.test(text) || (alone && text === '');
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table as CSV text: a header row, then the rows; BOM first unless `bom: false`. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  options: { bom?: boolean } = {},
): string {
  const records = [header, ...rows].map(
    (row) => row.map((v) => field(v, row.length === 1)).join(',') + CRLF,
  );
  return (options.bom === false ? '' : BOM) + records.join('');
}
