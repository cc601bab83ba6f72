import type { ColumnPlan, Field } from './columns';
import type { StatusReader } from './status';
import { LIMITS, type MigrationRow, type RejectReason } from './types';
import { oneLine, quoted, readCount, readErrorText, readIdentity, readTags } from './values';

/**
 * A row, and its last-sync time as written: dates are read once the whole file is seen
 * (their day/month order is settled across the file), `row.lastSyncAt` is null until then.
 */
export interface DraftRow {
  row: MigrationRow;
  lastSyncRaw: string | null;
}

const reject = <C extends RejectReason['code']>(
  code: C,
  params: Extract<RejectReason, { code: C }>['params'],
) => ({ code, params }) as Extract<RejectReason, { code: C }>;

/** The first non-blank cell of a field's columns, or '' (no column, or all blank). */
function cellOf(record: readonly string[], plan: ColumnPlan, field: Field): string {
  const indexes = plan[field]?.indexes;
  if (indexes === undefined) return '';
  for (const i of indexes) {
    const value = record[i];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return '';
}

/** A field's column as the file names it, for messages. */
const headerOf = (plan: ColumnPlan, field: Field) => plan[field]?.header ?? field;

/**
 * One file's values that repeat row after row (batches, raw statuses), one string each:
 * 100,000 rows then keep a handful of strings, not 100,000 copies for the collector.
 */
export function repeatedValues(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (seen.size < 1000) seen.set(value, value);
    return value;
  };
}

/** How one file's records are read: its column plan and width, and its status words. */
export interface RowReading {
  plan: ColumnPlan;
  /** The number of header columns. */
  width: number;
  readStatus: StatusReader;
  repeated: (value: string) => string;
}

/**
 * Reads one CSV record by the file's column plan. A record with another count of columns
 * than the header has a field split or lost (an unquoted separator) and its columns cannot
 * be trusted, so it is refused rather than read shifted.
 */
export function readRow(
  record: readonly string[],
  line: number,
  { plan, width, readStatus, repeated }: RowReading,
): DraftRow | RejectReason {
  if (record.length !== width) {
    return reject('migration.row.columnCount', { expected: width, actual: record.length });
  }

  const identityCell = cellOf(record, plan, 'identity');
  const identity = readIdentity(identityCell);
  if (identity.kind === 'missing') return reject('migration.row.missingIdentity', {});
  if (identity.kind === 'tooLong') {
    return reject('migration.row.tooLong', {
      column: headerOf(plan, 'identity'),
      max: LIMITS.identityChars,
    });
  }
  if (identity.kind === 'invalid') {
    return reject('migration.row.invalidIdentity', { value: quoted(identityCell) });
  }

  const rawStatus = oneLine(cellOf(record, plan, 'status'));
  if (rawStatus === '') return reject('migration.row.missingStatus', {});
  if (rawStatus.length > LIMITS.statusChars) {
    return reject('migration.row.tooLong', {
      column: headerOf(plan, 'status'),
      max: LIMITS.statusChars,
    });
  }
  const status = readStatus(rawStatus);
  if (status === undefined) return reject('migration.row.unknownStatus', { value: rawStatus });

  const batch = oneLine(cellOf(record, plan, 'batch'));
  if (batch.length > LIMITS.batchChars) {
    return reject('migration.row.tooLong', {
      column: headerOf(plan, 'batch'),
      max: LIMITS.batchChars,
    });
  }

  const itemsSynced = readCount(cellOf(record, plan, 'itemsSynced'));
  if (itemsSynced === undefined) return invalidCount(record, plan, 'itemsSynced');
  const itemsSkipped = readCount(cellOf(record, plan, 'itemsSkipped'));
  if (itemsSkipped === undefined) return invalidCount(record, plan, 'itemsSkipped');

  const tags = readTags(cellOf(record, plan, 'tags'));
  if (tags === undefined) {
    return reject('migration.row.tooLong', {
      column: headerOf(plan, 'tags'),
      max: LIMITS.tagChars,
    });
  }

  const lastSync = cellOf(record, plan, 'lastSync');
  const row: MigrationRow = {
    line,
    identity: identity.identity,
    batch: batch === '' ? null : repeated(batch),
    rawStatus: repeated(rawStatus),
    status,
    itemsSynced,
    itemsSkipped,
    error: readErrorText(cellOf(record, plan, 'error')),
    lastSyncAt: null,
    tags,
  };
  return { row, lastSyncRaw: lastSync === '' ? null : lastSync };
}

const invalidCount = (
  record: readonly string[],
  plan: ColumnPlan,
  field: 'itemsSynced' | 'itemsSkipped',
) =>
  reject('migration.row.invalidCount', {
    column: headerOf(plan, field),
    value: quoted(cellOf(record, plan, field)),
  });

export function isRejection(row: DraftRow | RejectReason): row is RejectReason {
  return 'code' in row;
}
