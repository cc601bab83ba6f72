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

/**
 * Reads one CSV record by the file's column plan. `width` is the number of header
 * columns: a record with another count has a field split or lost (an unquoted separator)
 * and its columns cannot be trusted, so it is refused rather than read shifted.
 */
export function readRow(
  record: readonly string[],
  line: number,
  plan: ColumnPlan,
  readStatus: StatusReader,
  width: number,
): DraftRow | RejectReason {
  if (record.length !== width) {
    return reject('migration.row.columnCount', { expected: width, actual: record.length });
  }
  const cell = (field: Field): string => {
    for (const i of plan[field]?.indexes ?? []) {
      const value = record[i];
      if (value !== undefined && value.trim() !== '') return value;
    }
    return '';
  };
  const header = (field: Field) => plan[field]?.header ?? field;

  const identity = readIdentity(cell('identity'));
  if (identity.kind === 'missing') return reject('migration.row.missingIdentity', {});
  if (identity.kind === 'tooLong') {
    return reject('migration.row.tooLong', {
      column: header('identity'),
      max: LIMITS.identityChars,
    });
  }
  if (identity.kind === 'invalid') {
    return reject('migration.row.invalidIdentity', { value: quoted(cell('identity')) });
  }

  const rawStatus = oneLine(cell('status'));
  if (rawStatus === '') return reject('migration.row.missingStatus', {});
  if (rawStatus.length > LIMITS.statusChars) {
    return reject('migration.row.tooLong', { column: header('status'), max: LIMITS.statusChars });
  }
  const status = readStatus(rawStatus);
  if (status === undefined) return reject('migration.row.unknownStatus', { value: rawStatus });

  const batch = oneLine(cell('batch'));
  if (batch.length > LIMITS.batchChars) {
    return reject('migration.row.tooLong', { column: header('batch'), max: LIMITS.batchChars });
  }

  const counts: Partial<Record<'itemsSynced' | 'itemsSkipped', number | null>> = {};
  for (const field of ['itemsSynced', 'itemsSkipped'] as const) {
    const count = readCount(cell(field));
    if (count === undefined) {
      return reject('migration.row.invalidCount', {
        column: header(field),
        value: quoted(cell(field)),
      });
    }
    counts[field] = count;
  }

  const tags = readTags(cell('tags'));
  if (tags === undefined) {
    return reject('migration.row.tooLong', { column: header('tags'), max: LIMITS.tagChars });
  }

  const lastSync = cell('lastSync');
  const row: MigrationRow = {
    line,
    identity: identity.identity,
    batch: batch === '' ? null : batch,
    rawStatus,
    status,
    itemsSynced: counts.itemsSynced ?? null,
    itemsSkipped: counts.itemsSkipped ?? null,
    error: readErrorText(cell('error')),
    lastSyncAt: null,
    tags,
  };
  return { row, lastSyncRaw: lastSync === '' ? null : lastSync };
}

export function isRejection(row: DraftRow | RejectReason): row is RejectReason {
  return 'code' in row;
}
