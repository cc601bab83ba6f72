import { z } from 'zod';
import { invalid } from '../domain/errors';
import type { Field } from './columns';
import { statusReader, type StatusValues } from './status';
import { LIMITS, type MigrationRow, type RejectReason } from './types';
import { oneLine, quoted, readErrorText, readIdentity, readTags } from './values';

/**
 * One item as a script sends it (`POST .../migration/imports` with JSON). A field left out
 * says nothing (the stored value stays); `null` clears it.
 */
export const migrationItemSchema = z.strictObject({
  identity: z.string(),
  status: z.string(),
  batch: z.string().nullable().optional(),
  itemsSynced: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  itemsSkipped: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  error: z.string().nullable().optional(),
  lastSyncAt: z.iso.datetime({ offset: true }).nullable().optional(),
  tags: z.array(z.string()).max(50).optional(),
});
export type MigrationItemInput = z.infer<typeof migrationItemSchema>;

/** The body's shape; items are checked one by one, so a bad one is reported by its number. */
export const migrationItemsBodySchema = z.strictObject({ items: z.array(z.unknown()) });

/** Why an item was refused: the CSV reasons, and a field of the wrong type. */
export type ItemRejectReason =
  RejectReason | { code: 'migration.item.invalid'; params: { field: string } };

/** An item read, and which fields it spoke about. */
export interface ReadItem {
  row: MigrationRow;
  fields: Field[];
}

export interface JsonReadResult {
  rowsRead: number;
  /** One per identity, in order of first appearance; the last item wins. */
  items: ReadItem[];
  /** `line` is the item's position in the array, from 1. */
  rejected: { line: number; reason: ItemRejectReason }[];
  duplicates: number;
}

const MAX_TAG_LIST = 50;

function readItem(
  input: MigrationItemInput,
  line: number,
  readStatus: ReturnType<typeof statusReader>,
): ReadItem | ItemRejectReason {
  const identity = readIdentity(input.identity);
  if (identity.kind === 'missing') return { code: 'migration.row.missingIdentity', params: {} };
  if (identity.kind === 'tooLong') {
    return {
      code: 'migration.row.tooLong',
      params: { column: 'identity', max: LIMITS.identityChars },
    };
  }
  if (identity.kind === 'invalid') {
    return { code: 'migration.row.invalidIdentity', params: { value: quoted(input.identity) } };
  }
  const rawStatus = oneLine(input.status);
  if (rawStatus === '') return { code: 'migration.row.missingStatus', params: {} };
  if (rawStatus.length > LIMITS.statusChars) {
    return { code: 'migration.row.tooLong', params: { column: 'status', max: LIMITS.statusChars } };
  }
  const status = readStatus(rawStatus);
  if (status === undefined)
    return { code: 'migration.row.unknownStatus', params: { value: rawStatus } };
  const batch = input.batch == null ? input.batch : oneLine(input.batch);
  if (batch && batch.length > LIMITS.batchChars) {
    return { code: 'migration.row.tooLong', params: { column: 'batch', max: LIMITS.batchChars } };
  }
  const tags = input.tags === undefined ? [] : readTags(input.tags.join(','));
  if (tags === undefined || tags.length > MAX_TAG_LIST) {
    return { code: 'migration.row.tooLong', params: { column: 'tags', max: LIMITS.tagChars } };
  }
  const fields: Field[] = ['identity', 'status'];
  if (input.batch !== undefined) fields.push('batch');
  if (input.itemsSynced !== undefined) fields.push('itemsSynced');
  if (input.itemsSkipped !== undefined) fields.push('itemsSkipped');
  if (input.error !== undefined) fields.push('error');
  if (input.lastSyncAt !== undefined) fields.push('lastSync');
  if (input.tags !== undefined) fields.push('tags');
  const row: MigrationRow = {
    line,
    identity: identity.identity,
    batch: batch === '' ? null : (batch ?? null),
    rawStatus,
    status,
    itemsSynced: input.itemsSynced ?? null,
    itemsSkipped: input.itemsSkipped ?? null,
    error: input.error == null ? null : readErrorText(input.error),
    lastSyncAt: input.lastSyncAt == null ? null : new Date(input.lastSyncAt).toISOString(),
    tags,
  };
  return { row, fields };
}

/**
 * Reads JSON items with the rules of a CSV row (identity, status words, limits). Throws
 * `migration.file.empty` or `.tooManyRows` for the list as a whole.
 */
export function readMigrationItems(
  items: readonly unknown[],
  options: { statusValues?: StatusValues } = {},
): JsonReadResult {
  if (items.length === 0) throw invalid('migration.file.empty');
  if (items.length > LIMITS.rows) throw invalid('migration.file.tooManyRows', { max: LIMITS.rows });
  const readStatus = statusReader(options.statusValues);
  const result: JsonReadResult = { rowsRead: items.length, items: [], rejected: [], duplicates: 0 };
  const slots = new Map<string, number>();
  items.forEach((raw, index) => {
    const line = index + 1;
    const parsed = migrationItemSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue?.code === 'unrecognized_keys'
          ? issue.keys.join(', ')
          : issue && issue.path.length > 0
            ? issue.path.join('.')
            : 'item';
      result.rejected.push({ line, reason: { code: 'migration.item.invalid', params: { field } } });
      return;
    }
    const read = readItem(parsed.data, line, readStatus);
    if ('code' in read) {
      result.rejected.push({ line, reason: read });
      return;
    }
    const slot = slots.get(read.row.identity);
    if (slot === undefined) {
      slots.set(read.row.identity, result.items.length);
      result.items.push(read);
    } else {
      result.duplicates++;
      result.items[slot] = read;
    }
  });
  return result;
}
