import { z } from 'zod';

/** What a column can hold, in the war room's terms. */
export const FIELDS = [
  'identity',
  'batch',
  'status',
  'itemsSynced',
  'itemsSkipped',
  'error',
  'lastSync',
  'tags',
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * The key a header is matched by: lower case, letters and digits only, so `Items Synced`,
 * `items_synced` and `ItemsSynced` are one column, in any script (`Elementer synkroniseret`).
 */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const columnName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => headerKey(name) !== '', { message: 'A column name needs a letter or digit' });

/**
 * Which column of another tool's CSV holds what, saved once per war room by the lead.
 * Names are matched like headers (case, spaces and punctuation do not count).
 */
export const columnMappingSchema = z.strictObject({
  identity: columnName,
  status: columnName,
  batch: columnName.optional(),
  itemsSynced: columnName.optional(),
  itemsSkipped: columnName.optional(),
  error: columnName.optional(),
  lastSync: columnName.optional(),
  tags: columnName.optional(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/**
 * Where each field is read in one file: the column indexes in order of preference (the
 * first non-empty one wins) and the header as written, for messages.
 */
export type ColumnPlan = Partial<Record<Field, { indexes: number[]; header: string }>>;
