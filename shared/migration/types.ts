import type { Field } from './columns';
import type { MigrationStatus } from './status';

/** The exports we read: two known layouts, and any other CSV through a saved mapping. */
export type MigrationFormat = 'exchangeOnline' | 'exchangeAdminCenter' | 'mapping';

/** One mailbox as an export reports it, normalised. */
export interface MigrationRow {
  /** 1-based line of the file where the row starts (a field may span lines). */
  line: number;
  /** An email address in lower case, or another identifier as written (trimmed). */
  identity: string;
  batch: string | null;
  /** The status as the tool wrote it (trimmed), kept for display and for the timeline. */
  rawStatus: string;
  status: MigrationStatus;
  itemsSynced: number | null;
  itemsSkipped: number | null;
  /** The tool's error text, trimmed and capped at `LIMITS.errorChars`. */
  error: string | null;
  /** An instant in UTC (`Date#toISOString` form), or null when absent or unreadable. */
  lastSyncAt: string | null;
  /** Lower case, without duplicates; only a mapped file has them. */
  tags: string[];
}

/** Why a row was refused: a catalog key and its parameters, for the reader's language. */
export type RejectReason =
  | { code: 'migration.row.missingIdentity'; params: Record<string, never> }
  | { code: 'migration.row.invalidIdentity'; params: { value: string } }
  | { code: 'migration.row.missingStatus'; params: Record<string, never> }
  | { code: 'migration.row.unknownStatus'; params: { value: string } }
  | { code: 'migration.row.invalidCount'; params: { column: string; value: string } }
  | { code: 'migration.row.tooLong'; params: { column: string; max: number } }
  | { code: 'migration.row.columnCount'; params: { expected: number; actual: number } };

export interface RejectedRow {
  line: number;
  reason: RejectReason;
}

export interface MigrationParseResult {
  format: MigrationFormat;
  delimiter: ',' | ';' | '\t';
  /**
   * The fields the file has a column for. A field it lacks (the admin center's report has
   * no batch) says nothing about an item, which is not the same as an empty cell.
   */
  fields: Field[];
  /** Data rows read (blank lines not counted), rejected and duplicate ones included. */
  rowsRead: number;
  /** One per identity, in the order each identity first appears; the last row wins. */
  items: MigrationRow[];
  rejected: RejectedRow[];
  /** Rows that repeated an identity of an earlier row (and replaced it). */
  duplicates: number;
  /** Items whose last-sync time was present but unreadable (kept, with `lastSyncAt` null). */
  unreadDates: number;
}

export const LIMITS = {
  /**
   * Input size (characters for text): a 200,000-row Get-MigrationUser export is about
   * 31 MB; the rest is room for long error texts.
   */
  bytes: 64 * 1024 * 1024,
  rows: 200_000,
  /** A record longer than this is an unclosed quote swallowing the file, not data. */
  recordChars: 100_000,
  identityChars: 320,
  batchChars: 200,
  statusChars: 100,
  tagChars: 50,
  /** Error text is kept but cut here: a stack trace should not refuse an import. */
  errorChars: 2000,
  /** Field values quoted back in a rejection reason. */
  quotedChars: 100,
} as const;
