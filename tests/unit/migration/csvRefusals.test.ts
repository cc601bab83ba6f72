import { DomainError } from '../../../shared/domain/errors';
import { parseMigrationCsv, type ParseMigrationOptions } from '../../../shared/migration/csv';
import { LIMITS } from '../../../shared/migration/types';
import { csvText } from './csvText';

const OPTIONS: ParseMigrationOptions = { timeZone: 'UTC' };
const HEADER = [
  'Identity',
  'Status',
  'BatchId',
  'SyncedItemCount',
  'SkippedItemCount',
  'LastSuccessfulSyncTime',
  'ErrorSummary',
];

function refusal(input: string | Uint8Array) {
  try {
    parseMigrationCsv(input, OPTIONS);
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return { key: e.messageKey, params: e.params };
    throw e;
  }
}

describe('rows that cannot be read are refused with their line and a reason', () => {
  const rows = [
    HEADER,
    ['ok.1@contoso.example', 'Synced', 'W1', '10', '0', '', ''],
    ['', 'Synced', 'W1', '10', '0', '', ''],
    ['jdoe@', 'Synced', 'W1', '10', '0', '', ''],
    ['ok.2@contoso.example', ' ', 'W1', '10', '0', '', ''],
    ['ok.3@contoso.example', 'Done', 'W1', '10', '0', '', ''],
    ['ok.4@contoso.example', 'Synced', 'W1', '12,5', '0', '', ''],
    ['ok.5@contoso.example', 'Synced', 'W1', '10', 'lots', '', ''],
    ['ok.6@contoso.example', 'Synced', 'B'.repeat(LIMITS.batchChars + 1), '10', '0', '', ''],
    ['ok.7@contoso.example', 'Synced', 'W1', '10', '0', '', '', 'extra'],
    ['ok.8@contoso.example', 'Synced', 'W1'],
    ['ok.9@contoso.example', 'S'.repeat(LIMITS.statusChars + 1), 'W1', '10', '0', '', ''],
    ['ok.10@contoso.example', 'Failed', 'W1', '10', '0', 'not a date', 'Boom'],
  ];
  const result = parseMigrationCsv(csvText(rows), OPTIONS);

  test('each refusal says which row and why', () => {
    expect(result.rejected).toEqual([
      { line: 3, reason: { code: 'migration.row.missingIdentity', params: {} } },
      { line: 4, reason: { code: 'migration.row.invalidIdentity', params: { value: 'jdoe@' } } },
      { line: 5, reason: { code: 'migration.row.missingStatus', params: {} } },
      { line: 6, reason: { code: 'migration.row.unknownStatus', params: { value: 'Done' } } },
      {
        line: 7,
        reason: {
          code: 'migration.row.invalidCount',
          params: { column: 'SyncedItemCount', value: '12,5' },
        },
      },
      {
        line: 8,
        reason: {
          code: 'migration.row.invalidCount',
          params: { column: 'SkippedItemCount', value: 'lots' },
        },
      },
      {
        line: 9,
        reason: {
          code: 'migration.row.tooLong',
          params: { column: 'BatchId', max: LIMITS.batchChars },
        },
      },
      {
        line: 10,
        reason: { code: 'migration.row.columnCount', params: { expected: 7, actual: 8 } },
      },
      {
        line: 11,
        reason: { code: 'migration.row.columnCount', params: { expected: 7, actual: 3 } },
      },
      {
        line: 12,
        reason: {
          code: 'migration.row.tooLong',
          params: { column: 'Status', max: LIMITS.statusChars },
        },
      },
    ]);
  });

  test('the readable rows are still read; an unreadable date is null and counted, not refused', () => {
    expect(result.rowsRead).toBe(12);
    expect(result.items.map((i) => [i.line, i.identity, i.lastSyncAt, i.error])).toEqual([
      [2, 'ok.1@contoso.example', null, null],
      [13, 'ok.10@contoso.example', null, 'Boom'],
    ]);
    expect(result.unreadDates).toBe(1);
  });

  test('a long bad value is quoted back cut short, on one line', () => {
    const value = `bad@${'x'.repeat(150)}\n@contoso.example`;
    const rejected = parseMigrationCsv(csvText([HEADER.slice(0, 2), [value, 'Synced']]), OPTIONS)
      .rejected[0];
    expect(rejected?.reason).toEqual({
      code: 'migration.row.invalidIdentity',
      params: {
        value: `${`bad@${'x'.repeat(150)} @contoso.example`.slice(0, LIMITS.quotedChars)}…`,
      },
    });
  });

  test('an over-long error text is kept, cut', () => {
    const error = parseMigrationCsv(
      csvText([HEADER, ['a@contoso.example', 'Failed', '', '', '', '', 'e'.repeat(5000)]]),
      OPTIONS,
    ).items[0]?.error;
    expect(error?.length).toBe(LIMITS.errorChars);
  });
});

describe('duplicates, blank lines and empty files', () => {
  test('a later row of the same identity wins, keeps the first place, and is counted', () => {
    const result = parseMigrationCsv(
      csvText([
        ['Identity', 'Status'],
        ['Anne@Contoso.example', 'Syncing'],
        ['bo@contoso.example', 'Synced'],
        ['anne@contoso.example', 'Completed'],
        ['ANNE@contoso.example', 'Failed'],
      ]),
      OPTIONS,
    );
    expect(result.items.map((i) => [i.line, i.identity, i.status])).toEqual([
      [5, 'anne@contoso.example', 'failed'],
      [3, 'bo@contoso.example', 'synced'],
    ]);
    expect(result.duplicates).toBe(2);
    expect(result.rowsRead).toBe(4);
  });

  test('blank lines and rows of empty cells are skipped, and line numbers stay true', () => {
    const text =
      '\r\nIdentity,Status\r\n\r\na@contoso.example,Synced\r\n,\r\n  , \r\n\r\nb@contoso.example,Failed\r\n\r\n';
    const result = parseMigrationCsv(text, OPTIONS);
    expect(result.items.map((i) => [i.line, i.identity])).toEqual([
      [4, 'a@contoso.example'],
      [8, 'b@contoso.example'],
    ]);
    expect(result.rowsRead).toBe(2);
    expect(result.rejected).toEqual([]);
  });

  test('a header without rows reads as no items', () => {
    const result = parseMigrationCsv('"Identity","Status"\r\n', OPTIONS);
    expect([result.format, result.items, result.rowsRead]).toEqual(['exchangeOnline', [], 0]);
  });

  test.each([
    ['nothing', ''],
    ['a BOM', '\uFEFF'],
    [
      'only the #TYPE line',
      '#TYPE Deserialized.Microsoft.Exchange.Data.Storage.Management.MigrationUser\r\n',
    ],
    ['blank lines', '\r\n\r\n , \r\n'],
  ])('%s is an empty file', (_label, text) => {
    expect(refusal(text)).toEqual({ key: 'migration.file.empty', params: {} });
  });
});

describe('a file that cannot be read as a whole is refused with where it breaks', () => {
  test('an unclosed quote: the line where its record starts', () => {
    const text =
      'Identity,Status\na@contoso.example,Synced\nb@contoso.example,"Synced\nc@contoso.example,Synced\n';
    expect(refusal(text)).toEqual({ key: 'migration.file.malformed', params: { line: 3 } });
  });

  test('a quote inside an unquoted field', () => {
    const text = 'Identity,Status\na@contoso.example,Synced\nb@contoso.example,Syn"ced\n';
    expect(refusal(text)).toEqual({ key: 'migration.file.malformed', params: { line: 3 } });
  });

  test('a record longer than any export writes', () => {
    const text = `Identity,Status,ErrorSummary\na@contoso.example,Failed,"${'x'.repeat(LIMITS.recordChars + 1)}"\n`;
    expect(refusal(text)).toEqual({
      key: 'migration.file.recordTooLong',
      params: { line: 2, max: LIMITS.recordChars },
    });
  });

  test(`more than ${LIMITS.rows.toLocaleString('en')} rows`, () => {
    const atLimit = `Identity,Status\n${'a@contoso.example,Synced\n'.repeat(LIMITS.rows)}`;
    expect(parseMigrationCsv(atLimit, OPTIONS).rowsRead).toBe(LIMITS.rows);
    expect(refusal(`${atLimit}b@contoso.example,Synced\n`)).toEqual({
      key: 'migration.file.tooManyRows',
      params: { max: LIMITS.rows },
    });
  });

  test('more bytes than the limit, before anything is parsed', () => {
    const bytes = new Uint8Array(LIMITS.bytes + 1);
    expect(refusal(bytes)).toEqual({ key: 'migration.file.tooLarge', params: { maxMb: 64 } });
    // At the limit the size passes, and the parser meets one endless record of NULs.
    expect(refusal(new Uint8Array(LIMITS.bytes))).toEqual({
      key: 'migration.file.recordTooLong',
      params: { line: 1, max: LIMITS.recordChars },
    });
  });
});
