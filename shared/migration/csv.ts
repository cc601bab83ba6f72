import { CsvError } from 'csv-parse';
import { invalid } from '../domain/errors';
import { FIELDS, type ColumnMapping } from './columns';
import { readDates, type ReadDatesOptions } from './dates';
import { planColumns } from './formats';
import { csvBytes, detectDelimiter, headerLine } from './input';
import { eachRecord } from './records';
import { isRejection, readRow, repeatedValues, type RowReading } from './row';
import { statusReader, type StatusValues } from './status';
import { LIMITS, type MigrationParseResult, type MigrationRow, type RejectedRow } from './types';

export interface ParseMigrationOptions extends ReadDatesOptions {
  /** The war room's saved mapping, for files that are not a known export. */
  mapping?: ColumnMapping;
  /** The war room's own status words, looked up before the built-in ones. */
  statusValues?: StatusValues;
}

/** A line break inside a quoted field: the next record starts that many lines further. */
function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    if (field.includes('\n') || field.includes('\r'))
      breaks += field.split(/\r\n|\r|\n/).length - 1;
  }
  return breaks;
}

/** A blank line, or a row of empty cells as spreadsheets leave below the data. */
const isBlank = (record: readonly string[]) => record.every((field) => field.trim() === '');

/**
 * Reads a migration status export: Get-MigrationUser's `Export-Csv`, the admin center's
 * users report, or any CSV through `options.mapping`. Bytes or text; UTF-8 with or without
 * BOM (or UTF-16 with one); an optional `#TYPE` line; `,` `;` or tab; quoted fields with
 * separators, quotes and line breaks; CRLF or LF.
 *
 * Rows that cannot be read are listed in `rejected` with their line and a reason; the
 * others are in `items`, one per identity (a later row replaces an earlier one). Throws an
 * `invalid` DomainError when the file as a whole cannot be read: `migration.file.empty`,
 * `.tooLarge`, `.tooManyRows`, `.missingColumns`, `.malformed`, `.recordTooLong`.
 */
export function parseMigrationCsv(
  input: string | Uint8Array,
  options: ParseMigrationOptions,
): MigrationParseResult {
  const { bytes, head } = csvBytes(input);
  const fromLine = headerLine(head);
  const delimiter = detectDelimiter(head, fromLine);
  const readStatus = statusReader(options.statusValues);

  let header: ReturnType<typeof planColumns> | undefined;
  let reading: RowReading | undefined;
  /** Where the record being read starts: records are counted, not csv-parse's `lines`. */
  let line: number = fromLine;
  let rowsRead = 0;
  let duplicates = 0;
  // One slot per identity, in order of first appearance; a later row takes over the slot.
  const slots = new Map<string, number>();
  const items: MigrationRow[] = [];
  const lastSyncRaws: (string | null)[] = [];
  const rejected: RejectedRow[] = [];

  const onRecord = (record: string[]): void => {
    const start = line;
    line += lineBreaksIn(record) + 1;
    if (isBlank(record)) return;
    if (reading === undefined) {
      header = planColumns(record, options.mapping);
      reading = { plan: header.plan, width: record.length, readStatus, repeated: repeatedValues() };
      return;
    }
    if (++rowsRead > LIMITS.rows) throw invalid('migration.file.tooManyRows', { max: LIMITS.rows });
    const draft = readRow(record, start, reading);
    if (isRejection(draft)) {
      rejected.push({ line: start, reason: draft });
      return;
    }
    let slot = slots.get(draft.row.identity);
    if (slot === undefined) {
      slot = items.length;
      slots.set(draft.row.identity, slot);
    } else {
      duplicates++;
    }
    items[slot] = draft.row;
    lastSyncRaws[slot] = draft.lastSyncRaw;
  };

  try {
    // Nothing is collected by csv-parse: each record is read as it comes.
    eachRecord(
      bytes,
      {
        delimiter,
        from_line: fromLine,
        relax_column_count: true,
        max_record_size: LIMITS.recordChars,
      },
      onRecord,
    );
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      throw invalid('migration.file.recordTooLong', { line, max: LIMITS.recordChars });
    }
    throw invalid('migration.file.malformed', { line });
  }
  if (header === undefined) throw invalid('migration.file.empty');

  const dates = readDates(lastSyncRaws, options);
  items.forEach((row, i) => (row.lastSyncAt = dates.values[i] ?? null));
  return {
    format: header.format,
    delimiter,
    fields: FIELDS.filter((field) => header?.plan[field] !== undefined),
    rowsRead,
    items,
    rejected,
    duplicates,
    unreadDates: dates.unread,
  };
}
