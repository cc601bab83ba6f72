import { sql, SqliteAdapter, type Expression, type SqlBool } from 'kysely';
import { SEVERITIES } from '../../../shared/domain/incident';
import type { FreezeTarget } from '../../../shared/domain/freeze';
import { MIGRATION_STATUSES } from '../../../shared/migration/status';
import type { DashboardRepo, HourCount } from '../types';
import { oneOf, type Exec } from './exec';
import { toIso } from './instant';
import { itemFromRow } from './migrationItems';

/** `2025-06-14T08` → `2025-06-14T08:00:00.000Z`. */
const hourStart = (bucket: string): string => `${bucket}:00:00.000Z`;

/**
 * The dashboard's reads: counts and pages computed by the database (GROUP BY, COUNT,
 * LIMIT/OFFSET), so a war room of 100,000 items never travels to the server to be counted.
 * Where the dialects differ (JSON arrays, hour buckets, where NULLs sort) the SQL says so.
 */
export function dashboardRepo(x: Exec): DashboardRepo {
  const { db } = x;
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const decode = (raw: unknown) => x.decodeJson(raw);

  /** The UTC hour of an instant column, as `YYYY-MM-DDTHH` (SQLite keeps ISO text). */
  const hourOf = (column: string) =>
    sqlite
      ? sql<string>`substr(${sql.ref(column)}, 1, 13)`
      : sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`;

  /** Items whose tags (a JSON array of lower-case strings) hold `tag`. */
  const hasTag = (tag: string): Expression<SqlBool> =>
    sqlite
      ? sql<SqlBool>`exists (select 1 from json_each(migration_items.tags) where json_each.value = ${tag})`
      : sql<SqlBool>`migration_items.tags @> jsonb_build_array(${tag}::text)`;

  const items = (tenantId: string, warRoomId: string) =>
    db
      .selectFrom('migration_items')
      .where('tenant_id', '=', tenantId)
      .where('war_room_id', '=', warRoomId);

  const held = (target: FreezeTarget): Expression<SqlBool> => {
    switch (target.kind) {
      case 'tag':
        return hasTag(target.value.toLowerCase());
      case 'batch':
        return sql<SqlBool>`lower(batch) = ${target.value.toLowerCase()}`;
      case 'identities':
        return target.values.length === 0
          ? sql<SqlBool>`1 = 0`
          : sql<SqlBool>`lower(identity) in (${sql.join(target.values.map((v) => v.toLowerCase()))})`;
    }
  };

  return {
    async openIncidentCount(tenantId, warRoomId) {
      const [row] = await x.all(
        db
          .selectFrom('incidents')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .where('status', '!=', 'resolved'),
      );
      return Number(row?.n ?? 0);
    },

    async openIncidentsBySeverity(tenantId, warRoomId) {
      const rows = await x.all(
        db
          .selectFrom('incidents')
          .select(['severity', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .where('status', '!=', 'resolved')
          .groupBy('severity'),
      );
      return rows.map((r) => ({
        severity: oneOf(SEVERITIES, r.severity, 'incidents.severity'),
        count: Number(r.n),
      }));
    },

    async pendingDecisions(tenantId, warRoomId, limit) {
      const pending = db
        .selectFrom('decisions')
        .where('tenant_id', '=', tenantId)
        .where('war_room_id', '=', warRoomId)
        .where('status', '=', 'pending');
      const [counted] = await x.all(
        pending.select((eb) => eb.fn.countAll<number | string>().as('n')),
      );
      const rows = await x.all(
        pending
          .select(['number', 'question', 'kind', 'deadline'])
          // Soonest deadline first; those without one after them (NULLs sort differently per engine).
          .orderBy(sql`case when deadline is null then 1 else 0 end`)
          .orderBy('deadline')
          .orderBy('number')
          .limit(limit),
      );
      return {
        count: Number(counted?.n ?? 0),
        next: rows.map((r) => ({
          number: r.number,
          question: r.question,
          kind: r.kind === 'goNoGo' ? 'goNoGo' : 'approval',
          deadline: r.deadline === null ? null : toIso(r.deadline),
        })),
      };
    },

    async actionCounts(tenantId, warRoomId, now) {
      const [row] = await x.all(
        db
          .selectFrom('actions')
          .select([
            (eb) => eb.fn.countAll<number | string>().as('open'),
            (eb) => eb.fn.count<number | string>('due').filterWhere('due', '<', now).as('overdue'),
          ])
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .where('status', '=', 'open'),
      );
      return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
    },

    async countHeld(tenantId, warRoomId, targets) {
      if (targets.length === 0) return 0;
      const [row] = await x.all(
        items(tenantId, warRoomId)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where((eb) => eb.or(targets.map(held))),
      );
      return Number(row?.n ?? 0);
    },

    async itemPage(tenantId, warRoomId, q, known) {
      let filtered = items(tenantId, warRoomId);
      if (q.status !== undefined) filtered = filtered.where('status', '=', q.status);
      if (q.batch !== undefined) {
        filtered =
          q.batch === null
            ? filtered.where('batch', 'is', null)
            : filtered.where('batch', '=', q.batch);
      }
      if (q.tag !== undefined) filtered = filtered.where(hasTag(q.tag.toLowerCase()));
      if (q.search !== undefined) {
        const needle = `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filtered = filtered.where(sql<SqlBool>`lower(identity) like ${needle} escape '\\'`);
      }
      const count = async () => {
        const [row] = await x.all(
          filtered.select((eb) => eb.fn.countAll<number | string>().as('n')),
        );
        return Number(row?.n ?? 0);
      };
      const total = known ?? (await count());
      const column = {
        identity: 'identity',
        status: 'status',
        batch: 'batch',
        updated: 'updated_at',
      }[q.sort] as 'identity' | 'status' | 'batch' | 'updated_at';
      // Two steps: the page's identities from an index alone (a deep offset skips index
      // entries, not rows), then those rows by key.
      let ordered = filtered.select('identity');
      if (column !== 'identity') {
        // NULLs (no batch) sort as the smallest value on both engines, as SQLite does.
        const nulls = sqlite ? sql`` : q.dir === 'asc' ? sql` nulls first` : sql` nulls last`;
        ordered = ordered.orderBy(sql`${sql.ref(column)} ${sql.raw(q.dir)}${nulls}`);
      }
      const identities = (
        await x.all(ordered.orderBy('identity', q.dir).limit(q.limit).offset(q.offset))
      ).map((r) => r.identity);
      // By the primary key (war room, identity) alone: with the tenant in the WHERE too,
      // PostgreSQL without fresh statistics took a tenant index and read every item. The
      // tenant is checked on the rows instead, so the read stays the tenant's.
      const rows =
        identities.length === 0
          ? []
          : await x.all(
              db
                .selectFrom('migration_items')
                .selectAll()
                .where('war_room_id', '=', warRoomId)
                .where('identity', 'in', identities),
            );
      const byIdentity = new Map(
        rows.filter((r) => r.tenant_id === tenantId).map((r) => [r.identity, r]),
      );
      const page = identities.flatMap((i) => {
        const row = byIdentity.get(i);
        return row ? [itemFromRow(row, decode)] : [];
      });
      return { total, items: page };
    },

    async statusChangesPerHour(tenantId, warRoomId, since) {
      const hour = hourOf('status_changed_at');
      const rows = await x.all(
        items(tenantId, warRoomId)
          .select([hour.as('hour'), 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('status', 'in', ['completed', 'failed'])
          .where('status_changed_at', '>=', since)
          .groupBy([hour, 'status']),
      );
      return rows.map((r) => ({
        hour: hourStart(r.hour),
        status: oneOf(MIGRATION_STATUSES, r.status, 'migration_items.status'),
        count: Number(r.n),
      }));
    },

    async incidentsPerHour(tenantId, warRoomId) {
      const perHour = async (column: 'created_at' | 'resolved_at'): Promise<HourCount[]> => {
        const hour = hourOf(column);
        let query = db
          .selectFrom('incidents')
          .select([hour.as('hour'), (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .where(column, 'is not', null);
        // A reopened incident is open again, whatever its last resolution time says.
        if (column === 'resolved_at') query = query.where('status', '=', 'resolved');
        const rows = await x.all(query.groupBy(hour));
        return rows.map((r) => ({ hour: hourStart(r.hour), count: Number(r.n) }));
      };
      return { opened: await perHour('created_at'), resolved: await perHour('resolved_at') };
    },
  };
}
