import { CompiledQuery, SqliteAdapter } from 'kysely';
import { MIGRATION_STATUSES } from '../../../shared/migration/status';
import type { MigrationTotalsRepo } from '../types';
import { oneOf, type Exec } from './exec';
import { shape } from './shape';

/**
 * Items a refresh must find added before it has PostgreSQL sample the table again: until
 * autovacuum gets to it (a minute or more), a war room bulk-loaded into an empty one is
 * estimated at a few rows, and the items page sorted all 100,000 of them (150–400 ms).
 */
const ANALYZE_AFTER = 10_000;

// Read by every GET …/migration, status card and snapshot: compiled once, see shape.ts.
const countsOf = shape(['tenantId', 'warRoomId'], (db, p) =>
  db
    .selectFrom('migration_totals')
    .select(['batch', 'status', 'items'])
    .where('tenant_id', '=', p.tenantId)
    .where('war_room_id', '=', p.warRoomId),
);

/**
 * The kept counts of a war room's items (docs/decisions/025). A refresh recounts the whole
 * war room rather than adjusting by deltas: imports are rare next to reads, one GROUP BY
 * at the end of one costs a few tens of milliseconds, and it cannot drift.
 */
export function migrationTotalsRepo(x: Exec): MigrationTotalsRepo {
  const { db } = x;
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const ofRoom = (tenantId: string, warRoomId: string) =>
    db
      .selectFrom('migration_totals')
      .where('tenant_id', '=', tenantId)
      .where('war_room_id', '=', warRoomId);
  const itemsOf = async (tenantId: string, warRoomId: string) => {
    const [row] = await x.all(
      ofRoom(tenantId, warRoomId).select((eb) =>
        eb.fn.coalesce(eb.fn.sum<number | string>('items'), eb.lit(0)).as('n'),
      ),
    );
    return Number(row?.n ?? 0);
  };
  return {
    async refresh(tenantId, warRoomId) {
      // One refresher per war room at a time (pg): a second waits for the first to commit,
      // then counts what it committed too. SQLite serialises transactions anyway.
      await x.lockWarRoom(tenantId, warRoomId);
      const before = await itemsOf(tenantId, warRoomId);
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
      if (!sqlite && (await itemsOf(tenantId, warRoomId)) - before >= ANALYZE_AFTER) {
        await x.run({ compile: () => CompiledQuery.raw('ANALYZE migration_items') });
      }
    },
    async counts(tenantId, warRoomId) {
      const rows = await x.all(countsOf(db, { tenantId, warRoomId }));
      return rows.map((r) => ({
        batch: r.batch,
        status: oneOf(MIGRATION_STATUSES, r.status, 'migration_totals.status'),
        count: Number(r.items),
      }));
    },
  };
}
