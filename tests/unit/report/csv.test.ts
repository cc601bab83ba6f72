import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { BOM, toCsv, type CsvValue } from '../../../shared/report/csv';

/** Reads CSV back strictly: records end with CRLF only, every record as wide as the header. */
const read = (text: string): string[][] =>
  parse(text, { bom: true, record_delimiter: '\r\n', relax_quotes: false }) as string[][];

const FORMULA = /^[=+\-@\t\r]/;
/** What a reader sees for a text cell: the text, or `'` + the text when it looked like a formula. */
const shown = (cell: string) => (FORMULA.test(cell) ? `'${cell}` : cell);

/** Strings rich in what CSV and spreadsheets care about, and any Unicode at all. */
const awkward = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '"',
      ',',
      ';',
      '\r',
      '\n',
      '=',
      '+',
      '-',
      '@',
      '\t',
      "'",
      ' ',
      'a',
      'ø',
      '😀',
    ),
    maxLength: 8,
  }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const table = fc
  .integer({ min: 1, max: 5 })
  .chain((width) =>
    fc.tuple(
      fc.array(awkward, { minLength: width, maxLength: width }),
      fc.array(fc.array(awkward, { minLength: width, maxLength: width }), { maxLength: 8 }),
    ),
  );

describe('toCsv: RFC 4180 that Excel opens safely', () => {
  test('any table of strings reads back cell for cell (formula-like cells with a leading quote)', () => {
    fc.assert(
      fc.property(table, ([header, rows]) => {
        expect(read(toCsv(header, rows))).toEqual([header, ...rows].map((r) => r.map(shown)));
      }),
      { numRuns: 500 },
    );
  });

  test('no cell read back starts with a formula character', () => {
    fc.assert(
      fc.property(table, ([header, rows]) => {
        const cells = read(toCsv(header, rows)).flat();
        expect(cells.filter((c) => FORMULA.test(c))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  test('UTF-8 byte order mark first, CRLF after every record, quotes doubled', () => {
    const csv = toCsv(['Spørgsmål', 'Svar'], [['Go "now", or not', 'ja; måske']]);
    expect(csv).toBe(`${BOM}Spørgsmål,Svar\r\n"Go ""now"", or not","ja; måske"\r\n`);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });

  test.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1-555', `"'+1-555"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['a=b', 'a=b'],
  ])('the cell %j is written %s', (cell, written) => {
    expect(toCsv(['h'], [[cell]], { bom: false })).toBe(`h\r\n${written}\r\n`);
  });

  test('numbers stay numbers (a negative one is not neutralised); empty values are empty', () => {
    const values: CsvValue[] = [-5, 2.5, Number.NaN, null, undefined, true];
    expect(toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [values], { bom: false })).toBe(
      'a,b,c,d,e,f\r\n-5,2.5,,,,true\r\n',
    );
  });

  test('a record of one empty cell is not an empty line', () => {
    expect(read(toCsv(['only'], [[''], [null]]))).toEqual([['only'], [''], ['']]);
  });
});
