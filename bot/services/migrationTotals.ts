import type { MigrationCount, MigrationImport } from '../../shared/domain/migration';
import { MIGRATION_STATUSES, type MigrationStatus } from '../../shared/migration/status';

export type StatusCounts = Record<MigrationStatus, number>;

/** How far a war room's migration has got. */
export interface MigrationTotals {
  items: number;
  byStatus: StatusCounts;
  /** By batch name; items without a batch last (`batch: null`). */
  batches: { batch: string | null; items: number; byStatus: StatusCounts }[];
  lastImport: MigrationImport | null;
}

const zero = (): StatusCounts =>
  Object.fromEntries(MIGRATION_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Folds the database's counts per (batch, status) into totals per status and per batch. */
export function totalsOf(
  counts: readonly MigrationCount[],
  lastImport: MigrationImport | null,
): MigrationTotals {
  const byStatus = zero();
  const batches = new Map<string | null, { items: number; byStatus: StatusCounts }>();
  let items = 0;
  for (const { batch, status, count } of counts) {
    items += count;
    byStatus[status] += count;
    let b = batches.get(batch);
    if (!b) batches.set(batch, (b = { items: 0, byStatus: zero() }));
    b.items += count;
    b.byStatus[status] += count;
  }
  const ordered = [...batches.entries()]
    .map(([batch, b]) => ({ batch, ...b }))
    .sort((a, b) =>
      a.batch === null
        ? 1
        : b.batch === null
          ? -1
          : a.batch < b.batch
            ? -1
            : a.batch > b.batch
              ? 1
              : 0,
    );
  return { items, byStatus, batches: ordered, lastImport };
}
