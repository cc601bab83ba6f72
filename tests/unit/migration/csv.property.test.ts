import fc from 'fast-check';
import { parseMigrationCsv } from '../../../shared/migration/csv';
import type { MigrationStatus } from '../../../shared/migration/status';
import { csvText, startLines, type CsvStyle } from './csvText';

const RAW_STATUSES: [string, MigrationStatus][] = [
  ['Queued', 'notStarted'],
  ['Syncing', 'inProgress'],
  ['IncrementalSyncing', 'inProgress'],
  ['Synced', 'synced'],
  ['Completed', 'completed'],
  ['Completed with warnings', 'completed'],
  ['Failed', 'failed'],
  ['Corrupted', 'failed'],
  ['Stopped', 'stopped'],
  ['Removing', 'stopped'],
];

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/);
const address = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,12}$/),
    fc.array(label, { minLength: 1, maxLength: 2 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
  )
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);

/** Text with what breaks naive CSV: both delimiters, quotes, every kind of line break. */
const awkward = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    'ø',
    'é',
    '🚑',
    ' ',
    '\t',
    ',',
    ';',
    '"',
    '""',
    '\n',
    '\r\n',
    '\r',
    "'",
  ),
  maxLength: 30,
});

const row = fc.record({
  identity: address,
  upper: fc.boolean(),
  status: fc.constantFrom(...RAW_STATUSES),
  statusCase: fc.constantFrom('as is', 'lower', 'upper'),
  batch: awkward,
  error: awkward,
  synced: fc.option(fc.nat({ max: 5_000_000 })),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

const style: fc.Arbitrary<CsvStyle> = fc.record({
  delimiter: fc.constantFrom(',', ';'),
  eol: fc.constantFrom('\r\n', '\n'),
  quoteAll: fc.boolean(),
  bom: fc.boolean(),
  typeLine: fc.boolean(),
});

const cased = (text: string, how: string) =>
  how === 'lower' ? text.toLowerCase() : how === 'upper' ? text.toUpperCase() : text;

/** Thousands grouped with the separator that does not clash with the delimiter's culture. */
const count = (n: number | null, delimiter: string) =>
  n === null ? '' : String(n).replace(/\B(?=(\d{3})+$)/g, delimiter === ';' ? '.' : ',');

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('property: any export, written with proper CSV quoting, reads back', () => {
  test('identities, statuses, values and line numbers', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { minLength: 1, maxLength: 25, selector: (r) => r.identity }),
        style,
        (rows: Row[], csvStyle) => {
          const delimiter = csvStyle.delimiter ?? ',';
          const written = [
            ['Identity', 'Status', 'BatchId', 'SyncedItemCount', 'ErrorSummary'],
            ...rows.map((r) => [
              r.upper ? r.identity.toUpperCase() : r.identity,
              cased(r.status[0], r.statusCase),
              r.batch,
              count(r.synced, delimiter),
              r.error,
            ]),
          ];
          const result = parseMigrationCsv(csvText(written, csvStyle), { timeZone: 'UTC' });

          expect(result.rejected).toEqual([]);
          expect(result.delimiter).toBe(delimiter);
          expect(result.items.map((i) => i.identity)).toEqual(rows.map((r) => r.identity));
          expect(result.items.map((i) => i.status)).toEqual(rows.map((r) => r.status[1]));
          expect(result.items.map((i) => i.rawStatus)).toEqual(
            rows.map((r) => cased(r.status[0], r.statusCase)),
          );
          expect(result.items.map((i) => i.batch)).toEqual(
            rows.map((r) => oneLine(r.batch) || null),
          );
          expect(result.items.map((i) => i.error)).toEqual(rows.map((r) => r.error.trim() || null));
          expect(result.items.map((i) => i.itemsSynced)).toEqual(rows.map((r) => r.synced));
          expect(result.items.map((i) => i.line)).toEqual(startLines(written, !!csvStyle.typeLine));
        },
      ),
      { numRuns: 300 },
    );
  });
});
