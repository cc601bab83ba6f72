import type { HandoverRepo, LessonsRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';

export function lessonsRepo(x: Exec): LessonsRepo {
  const { db } = x;
  return {
    async find(tenantId, warRoomId) {
      const [r] = await x.all(
        db
          .selectFrom('report_lessons')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId),
      );
      return (
        r && {
          tenantId: r.tenant_id,
          warRoomId: r.war_room_id,
          text: r.text,
          byId: r.by_id,
          byName: r.by_name,
          at: toIso(r.at),
          version: r.version,
        }
      );
    },
    async put(l) {
      const row = {
        tenant_id: l.tenantId,
        war_room_id: l.warRoomId,
        text: l.text,
        by_id: l.byId,
        by_name: l.byName,
        at: toIso(l.at),
        version: l.version,
      };
      await x.run(
        db
          .insertInto('report_lessons')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'war_room_id']).doUpdateSet({
              text: row.text,
              by_id: row.by_id,
              by_name: row.by_name,
              at: row.at,
              version: row.version,
            }),
          ),
      );
    },
  };
}

export function handoverRepo(x: Exec): HandoverRepo {
  const { db } = x;
  return {
    async insert(h) {
      await x.run(
        db.insertInto('handovers').values({
          id: h.id,
          tenant_id: h.tenantId,
          war_room_id: h.warRoomId,
          at: toIso(h.at),
          by_id: h.byId,
          by_name: h.byName,
          completed: h.completed,
          failed: h.failed,
        }),
      );
    },
    async lastBefore(tenantId, warRoomId, at) {
      const [r] = await x.all(
        db
          .selectFrom('handovers')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .where('at', '<=', toIso(at))
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      );
      return (
        r && {
          id: r.id,
          tenantId: r.tenant_id,
          warRoomId: r.war_room_id,
          at: toIso(r.at),
          byId: r.by_id,
          byName: r.by_name,
          completed: r.completed,
          failed: r.failed,
        }
      );
    },
  };
}
