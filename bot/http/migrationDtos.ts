import type { ApiKeyView } from '../services/apiKeys';
import type { ImportSummary, MigrationTotals } from '../services/migration';

/** What the API answers; ids and counts, never hashes or content. */

export const importSummaryDto = (s: ImportSummary) => ({
  importId: s.importId,
  format: s.format,
  rowsRead: s.rowsRead,
  created: s.created,
  updated: s.updated,
  unchanged: s.unchanged,
});

export const totalsDto = (totals: MigrationTotals) => ({
  items: totals.items,
  byStatus: totals.byStatus,
  batches: totals.batches,
  lastImport: totals.lastImport && {
    id: totals.lastImport.id,
    at: totals.lastImport.at,
    by: totals.lastImport.actorName,
    source: totals.lastImport.source,
    format: totals.lastImport.format,
    rowsRead: totals.lastImport.rowsRead,
    created: totals.lastImport.created,
    updated: totals.lastImport.updated,
    unchanged: totals.lastImport.unchanged,
  },
});

export const keyDto = (k: ApiKeyView) => ({
  id: k.id,
  name: k.name,
  createdAt: k.createdAt,
  createdBy: k.createdByName,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
});
