import { MIGRATION_STATUSES } from '../../../shared/migration/status';
import type { MigrationTotalsRepo } from '../types';
import { oneOf, type Exec } from './exec';

/**
 * The kept counts of a war room's items (docs/decisions/025). A refresh recounts the whole
 * war room rather than adjusting by deltas: imports are rare next to reads, one GROUP BY
 * at the end of one costs a few tens of milliseconds, and it cannot drift.
 */
export function migrationTotalsRepo(x: Exec): MigrationTotalsRepo {
  const { db } = x;
  const ofRoom = (tenantId: string, warRoomId: string) =>
    db
      .selectFrom('migration_totals')
      .where('tenant_id', '=', tenantId)
      .where('war_room_id', '=', warRoomId);
  return {
    async refresh(tenantId, warRoomId) {
      // One refresher per war room at a time (pg): a second waits for the first to commit,
      // then counts what it committed too. SQLite serialises transactions anyway.
      await x.lockWarRoom(tenantId, warRoomId);
      await x.run(
        db
          .deleteFrom('migration_totals')
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId),
      );
      await x.run(
        db
          .insertInto('migration_totals')
          .columns(['tenant_id', 'war_room_id', 'batch', 'status', 'items'])
          .expression(
            db
              .selectFrom('migration_items')
              .select([
                'tenant_id',
                'war_room_id',
                'batch',
                'status',
                (eb) => eb.fn.countAll<number>().as('items'),
              ])
              .where('tenant_id', '=', tenantId)
              .where('war_room_id', '=', warRoomId)
              .groupBy(['tenant_id', 'war_room_id', 'batch', 'status']),
          ),
      );
    },
    async counts(tenantId, warRoomId) {
      const rows = await x.all(ofRoom(tenantId, warRoomId).select(['batch', 'status', 'items']));
      return rows.map((r) => ({
        batch: r.batch,
        status: oneOf(MIGRATION_STATUSES, r.status, 'migration_totals.status'),
        count: Number(r.items),
      }));
    },
  };
}
