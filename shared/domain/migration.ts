import type { ColumnMapping } from '../migration/columns';
import type { MigrationStatus } from '../migration/status';
import type { StatusValues } from '../migration/status';

/** One mailbox (or archive, site...) of a war room's migration, as the last import left it. */
export interface MigrationItem {
  tenantId: string;
  warRoomId: string;
  /** Unique within the war room: an email address in lower case, or the tool's identifier. */
  identity: string;
  batch: string | null;
  /** As the tool wrote it (`IncrementalSyncing`), shown beside the normalised status. */
  rawStatus: string;
  status: MigrationStatus;
  itemsSynced: number | null;
  itemsSkipped: number | null;
  error: string | null;
  lastSyncAt: string | null;
  /** Lower case, no duplicates (`lab-results`): what freeze windows select. */
  tags: string[];
  firstSeenAt: string;
  /** When the normalised status last changed (first seen, for a new item). */
  statusChangedAt: string;
  updatedAt: string;
}

/** Where an import came from. */
export const IMPORT_SOURCES = ['api-csv', 'api-json', 'file', 'tab'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** What was read: a known export, a mapped CSV, or JSON items. */
export const IMPORT_FORMATS = ['exchangeOnline', 'exchangeAdminCenter', 'mapping', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One accepted import: who sent what, and what it changed. */
export interface MigrationImport {
  id: string;
  tenantId: string;
  warRoomId: string;
  at: string;
  /** Entra object id of a person, or `apikey:<id>` for a script. */
  actorId: string;
  /** The person's name, or the API key's name. */
  actorName: string;
  source: ImportSource;
  format: ImportFormat;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  /** SHA-256 (hex) of the content as received. */
  contentHash: string;
}

/** How a war room reads other tools' CSV: the lead's column mapping and own status words. */
export interface MigrationSettings {
  tenantId: string;
  warRoomId: string;
  mapping: ColumnMapping | null;
  statusValues: StatusValues;
  updatedById: string;
  updatedByName: string;
  updatedAt: string;
}

/** Items of one war room counted by batch and normalised status (a GROUP BY row). */
export interface MigrationCount {
  batch: string | null;
  status: MigrationStatus;
  count: number;
}
