import type { Language } from '../../../shared/i18n';
import type { LifecycleRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';

/** Closing a war room, its retention and its channel language (decision 022). */
export function lifecycleRepo(x: Exec): LifecycleRepo {
  const { db } = x;
  const room = (tenantId: string, warRoomId: string) =>
    db.updateTable('war_rooms').where('tenant_id', '=', tenantId).where('id', '=', warRoomId);
  return {
    async get(tenantId, warRoomId) {
      const [row] = await x.all(
        db
          .selectFrom('war_rooms')
          .select(['closed_at', 'retention_days'])
          .where('tenant_id', '=', tenantId)
          .where('id', '=', warRoomId),
      );
      return (
        row && {
          closedAt: row.closed_at === null ? null : toIso(row.closed_at),
          retentionDays: row.retention_days,
        }
      );
    },
    async close(tenantId, warRoomId, at) {
      await x.run(
        room(tenantId, warRoomId).set((eb) => ({
          phase: 'closed',
          closed_at: at,
          updated_at: at,
          version: eb('version', '+', 1),
        })),
      );
    },
    async setRetention(tenantId, warRoomId, days, at) {
      await x.run(room(tenantId, warRoomId).set({ retention_days: days, updated_at: at }));
    },
    async setLanguage(tenantId, warRoomId, language: Language, at) {
      await x.run(room(tenantId, warRoomId).set({ language, updated_at: at }));
    },
    async listClosed() {
      const rows = await x.all(
        db
          .selectFrom('war_rooms')
          .select(['tenant_id', 'id', 'closed_at', 'retention_days'])
          .where('closed_at', 'is not', null)
          .orderBy('closed_at'),
      );
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        warRoomId: r.id,
        closedAt: toIso(r.closed_at as string | Date),
        retentionDays: r.retention_days,
      }));
    },
  };
}
