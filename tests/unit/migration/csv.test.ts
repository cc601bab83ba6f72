import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../../shared/domain/errors';
import { parseMigrationCsv, type ParseMigrationOptions } from '../../../shared/migration/csv';
import type { MigrationParseResult } from '../../../shared/migration/types';
import { csvText, type CsvStyle } from './csvText';

const FIXTURES = path.join(__dirname, '../../fixtures/migration');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const OPTIONS: ParseMigrationOptions = { timeZone: 'Europe/Copenhagen' };

/** The domain error a parse throws (its key and params), or undefined when it reads. */
function refusal(input: string | Uint8Array, options = OPTIONS) {
  try {
    parseMigrationCsv(input, options);
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return { key: e.messageKey, params: e.params };
    throw e;
  }
}

const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => {
    acc[key(item)] = (acc[key(item)] ?? 0) + 1;
    return acc;
  }, {});

/** The rows of the Get-MigrationUser fixture as fields, header first (read independently). */
const exchangeRows = (): string[][] =>
  parse(fixture('exchange-get-migrationuser.csv'), { bom: true, from_line: 2 });

const withoutLines = (result: MigrationParseResult) =>
  result.items.map(({ line: _line, ...item }) => item);

describe('the Get-MigrationUser fixture (BOM, #TYPE, every field quoted, CRLF)', () => {
  const result = parseMigrationCsv(fixture('exchange-get-migrationuser.csv'), OPTIONS);

  test('is read as Exchange Online, every row kept, none refused', () => {
    expect(result.format).toBe('exchangeOnline');
    expect(result.delimiter).toBe(',');
    expect(result.rowsRead).toBe(60);
    expect(result.items).toHaveLength(60);
    expect(result.rejected).toEqual([]);
    expect(result.duplicates).toBe(0);
    expect(result.unreadDates).toBe(0);
  });

  test('statuses normalised, raw values kept', () => {
    expect(countBy(result.items, (i) => i.status)).toEqual({
      completed: 41,
      inProgress: 11,
      notStarted: 3,
      synced: 4,
      stopped: 1,
    });
    expect(countBy(result.items, (i) => i.rawStatus)).toMatchObject({
      Completed: 36,
      CompletedWithWarnings: 5,
      Syncing: 11,
      Queued: 3,
    });
  });

  test('the first row, field by field, on line 3 after #TYPE and the header', () => {
    expect(result.items[0]).toEqual({
      line: 3,
      identity: 'françois.vanderberg.0000@zuidoost.example',
      batch: 'Wave1-Admin',
      rawStatus: 'Syncing',
      status: 'inProgress',
      itemsSynced: 62933,
      itemsSkipped: 0,
      error: null,
      // 11/14/2026 16:01:00 in Copenhagen (CET, UTC+1).
      lastSyncAt: '2026-11-14T15:01:00.000Z',
      tags: [],
    });
    expect(result.items.at(-1)?.line).toBe(62);
    expect(result.items.find((i) => i.rawStatus === 'CompletedWithWarnings')?.itemsSkipped).toBe(
      16,
    );
  });
});

describe('the admin center fixture', () => {
  const result = parseMigrationCsv(fixture('eac-users-report.csv'), OPTIONS);

  test('is read as the admin center report', () => {
    expect(result.format).toBe('exchangeAdminCenter');
    expect(result.items).toHaveLength(20);
    expect(result.rejected).toEqual([]);
    expect(result.items[0]).toMatchObject({ line: 2, batch: null, lastSyncAt: null, error: null });
  });

  test('says what the Exchange export says of the same mailboxes', () => {
    const exchange = parseMigrationCsv(fixture('exchange-get-migrationuser.csv'), OPTIONS);
    const byIdentity = new Map(exchange.items.map((i) => [i.identity, i]));
    for (const item of result.items) {
      const same = byIdentity.get(item.identity);
      expect(same).toBeDefined();
      expect([item.status, item.rawStatus, item.itemsSynced, item.itemsSkipped]).toEqual([
        same?.status,
        same?.rawStatus,
        same?.itemsSynced,
        same?.itemsSkipped,
      ]);
    }
  });
});

describe('the same export written every way the tools write it', () => {
  const original = parseMigrationCsv(fixture('exchange-get-migrationuser.csv'), OPTIONS);
  const styles: [string, CsvStyle][] = [
    ['semicolon, BOM, CRLF, every field quoted', { delimiter: ';', bom: true, quoteAll: true }],
    ['semicolon, no BOM, LF, quoted only when needed', { delimiter: ';', eol: '\n' }],
    ['comma without #TYPE', {}],
    ['comma with #TYPE, no BOM', { typeLine: true, quoteAll: true }],
    ['semicolon with #TYPE and LF', { delimiter: ';', typeLine: true, eol: '\n' }],
    ['tab', { delimiter: '\t', bom: true }],
  ];

  test.each(styles)('%s: the same items', (_label, style) => {
    const result = parseMigrationCsv(csvText(exchangeRows(), style), OPTIONS);
    expect(result.delimiter).toBe(style.delimiter ?? ',');
    expect(result.rejected).toEqual([]);
    expect(withoutLines(result)).toEqual(withoutLines(original));
    expect(result.items[0]?.line).toBe(style.typeLine ? 3 : 2);
  });

  test('bytes in UTF-8 with or without BOM, in UTF-16 with one', () => {
    const text = csvText(exchangeRows(), { delimiter: ';' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    for (const bytes of [Buffer.from(text), Buffer.from(`\uFEFF${text}`), utf16]) {
      expect(withoutLines(parseMigrationCsv(bytes, OPTIONS))).toEqual(withoutLines(original));
    }
  });

  test('bytes that are not UTF-8 are read as Windows-1252 (Excel on Western Windows)', () => {
    const text = 'Name;Status\r\nsøren.brøndum@zuidoost.example;Completed\r\n';
    const latin1 = Buffer.from(text, 'latin1');
    expect(parseMigrationCsv(latin1, OPTIONS).items[0]?.identity).toBe(
      'søren.brøndum@zuidoost.example',
    );
  });
});

describe('fields with separators, quotes and line breaks', () => {
  const header = ['Identity', 'Status', 'BatchId', 'ErrorSummary'];
  const rows = [
    header,
    [
      'a@contoso.example',
      'Failed',
      'Wave 1; lab',
      'Error: "MailboxIsLocked", retry;\r\nthen\nagain',
    ],
    ['b@contoso.example', 'Failed', 'Wave,2', 'one\r\ntwo\r\nthree'],
    ['c@contoso.example', 'Synced', '"quoted"', ''],
  ];

  test.each([',', ';'] as const)('with %j, values intact and lines counted across breaks', (d) => {
    const result = parseMigrationCsv(csvText(rows, { delimiter: d, quoteAll: d === ';' }), OPTIONS);
    expect(result.items.map((i) => [i.line, i.batch, i.error])).toEqual([
      [2, 'Wave 1; lab', 'Error: "MailboxIsLocked", retry;\r\nthen\nagain'],
      [5, 'Wave,2', 'one\r\ntwo\r\nthree'],
      [8, '"quoted"', null],
    ]);
  });
});

describe('a Danish export', () => {
  test('semicolons, BOM, CRLF, every field quoted, thousand points, day-first dates', () => {
    const text = csvText(
      [
        ['Identity', 'Status', 'SyncedItemCount', 'SkippedItemCount', 'LastSuccessfulSyncTime'],
        [
          'ærlig.smit@zuidoost.example',
          'Completed with warnings',
          '1.234.567',
          '1.002',
          '29-11-2026 22:15:00',
        ],
        ['mette@zuidoost.example', 'IncrementalSyncing', '62.933', '0', '01-12-2026 06:05:00'],
      ],
      { delimiter: ';', bom: true, quoteAll: true, typeLine: true },
    );
    const result = parseMigrationCsv(text, OPTIONS);
    expect(result.delimiter).toBe(';');
    expect(
      result.items.map((i) => [i.status, i.itemsSynced, i.itemsSkipped, i.lastSyncAt]),
    ).toEqual([
      ['completed', 1234567, 1002, '2026-11-29T21:15:00.000Z'],
      ['inProgress', 62933, 0, '2026-12-01T05:05:00.000Z'],
    ]);
  });
});

describe('a MigrationWiz-like file through a mapping', () => {
  const text = csvText([
    [
      'Source Email',
      'Destination Email',
      'Project',
      'Migration Status',
      'Items Migrated',
      'Items Failed',
      'Last Error',
      'Labels',
    ],
    [
      'Anne@Old.example',
      'anne@new.example',
      'Pilot',
      'Submitted',
      '10',
      '0',
      '',
      'Lab Results; VIP',
    ],
    [
      'bo@old.example',
      'bo@new.example',
      'Pilot',
      'Completed (Full)',
      '1,500',
      '2',
      'Folder skipped',
      '',
    ],
    ['cy@old.example', 'cy@new.example', 'Pilot', 'Failed', '0', '0', 'Auth "denied"', 'vip'],
  ]);
  const options: ParseMigrationOptions = {
    ...OPTIONS,
    mapping: {
      identity: 'Source Email',
      status: 'Migration Status',
      batch: 'Project',
      itemsSynced: 'Items Migrated',
      itemsSkipped: 'Items Failed',
      error: 'Last Error',
      tags: 'Labels',
    },
    statusValues: { Submitted: 'notStarted', 'Completed (Full)': 'completed' },
  };

  test('reads the mapped columns and the war room status words', () => {
    const result = parseMigrationCsv(text, options);
    expect(result.format).toBe('mapping');
    expect(result.rejected).toEqual([]);
    expect(
      result.items.map((i) => [
        i.identity,
        i.batch,
        i.status,
        i.rawStatus,
        i.itemsSynced,
        i.error,
        i.tags,
      ]),
    ).toEqual([
      ['anne@old.example', 'Pilot', 'notStarted', 'Submitted', 10, null, ['lab-results', 'vip']],
      ['bo@old.example', 'Pilot', 'completed', 'Completed (Full)', 1500, 'Folder skipped', []],
      ['cy@old.example', 'Pilot', 'failed', 'Failed', 0, 'Auth "denied"', ['vip']],
    ]);
  });

  test('without the status words, their rows are refused with the raw value', () => {
    const result = parseMigrationCsv(text, { ...options, statusValues: undefined });
    expect(result.items.map((i) => i.identity)).toEqual(['cy@old.example']);
    expect(result.rejected).toEqual([
      { line: 2, reason: { code: 'migration.row.unknownStatus', params: { value: 'Submitted' } } },
      {
        line: 3,
        reason: { code: 'migration.row.unknownStatus', params: { value: 'Completed (Full)' } },
      },
    ]);
  });

  test('without the mapping, the file is refused naming the missing columns', () => {
    expect(refusal(text)).toEqual({
      key: 'migration.file.missingColumns',
      params: { format: 'exchangeOnline', missing: 'MailboxEmailAddress or Identity, Status' },
    });
  });
});
