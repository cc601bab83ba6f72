import type { Insertable, Selectable } from 'kysely';
import {
  FREEZE_STATUSES,
  type FreezeTarget,
  type FreezeWindow,
} from '../../../shared/domain/freeze';
import { StorageConflictError, type FreezeRepo } from '../types';
import { oneOf, type Exec } from './exec';
import { toIso, toIsoOrNull } from './instant';
import type { Database } from './schema';

type Row = Selectable<Database['freeze_windows']>;

function toRow(w: FreezeWindow): Insertable<Database['freeze_windows']> {
  return {
    id: w.id,
    tenant_id: w.tenantId,
    war_room_id: w.warRoomId,
    number: w.number,
    target: JSON.stringify(w.target),
    from_at: toIso(w.from),
    to_at: toIso(w.to),
    reason: w.reason,
    status: w.status,
    created_by_id: w.createdById,
    created_by_name: w.createdByName,
    created_at: toIso(w.createdAt),
    released_at: toIsoOrNull(w.releasedAt),
    release_decision_id: w.releaseDecisionId,
    version: w.version,
  };
}

function fromRow(r: Row): FreezeWindow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    number: r.number,
    target: JSON.parse(r.target) as FreezeTarget,
    from: toIso(r.from_at),
    to: toIso(r.to_at),
    reason: r.reason,
    status: oneOf(FREEZE_STATUSES, r.status, 'freeze_windows.status'),
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: toIso(r.created_at),
    releasedAt: toIsoOrNull(r.released_at),
    releaseDecisionId: r.release_decision_id,
    version: r.version,
  };
}

export function freezeRepo(x: Exec): FreezeRepo {
  const { db } = x;
  const ofWarRoom = (tenantId: string, warRoomId: string) =>
    db
      .selectFrom('freeze_windows')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('war_room_id', '=', warRoomId);
  return {
    async insert(w) {
      const changed = await x.run(
        db
          .insertInto('freeze_windows')
          .values(toRow(w))
          .onConflict((oc) => oc.columns(['war_room_id', 'number']).doNothing()),
      );
      if (changed === 0) throw new StorageConflictError('freeze_windows.number');
    },
    async nextNumber(tenantId, warRoomId) {
      const [row] = await x.all(
        db
          .selectFrom('freeze_windows')
          .select((eb) => eb.fn.max('number').as('last'))
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId),
      );
      return Number(row?.last ?? 0) + 1;
    },
    async findByNumber(tenantId, warRoomId, number) {
      const [row] = await x.all(ofWarRoom(tenantId, warRoomId).where('number', '=', number));
      return row && fromRow(row);
    },
    async findByReleaseDecision(tenantId, decisionId) {
      const [row] = await x.all(
        db
          .selectFrom('freeze_windows')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('release_decision_id', '=', decisionId),
      );
      return row && fromRow(row);
    },
    async listByWarRoom(tenantId, warRoomId) {
      return (await x.all(ofWarRoom(tenantId, warRoomId).orderBy('number'))).map(fromRow);
    },
    async update(w, expectedVersion) {
      const changed = await x.run(
        db
          .updateTable('freeze_windows')
          .set({
            status: w.status,
            released_at: toIsoOrNull(w.releasedAt),
            release_decision_id: w.releaseDecisionId,
            version: w.version,
          })
          .where('tenant_id', '=', w.tenantId)
          .where('id', '=', w.id)
          .where('version', '=', expectedVersion),
      );
      return changed === 1;
    },
    async addViolations(violations) {
      for (let i = 0; i < violations.length; i += 500) {
        await x.run(
          db
            .insertInto('freeze_violations')
            .values(
              violations.slice(i, i + 500).map((v) => ({
                tenant_id: v.tenantId,
                war_room_id: v.warRoomId,
                freeze_id: v.freezeId,
                identity: v.identity,
                import_id: v.importId,
                incident_id: v.incidentId,
                at: toIso(v.at),
              })),
            )
            .onConflict((oc) => oc.columns(['freeze_id', 'identity', 'import_id']).doNothing()),
        );
      }
    },
    async listViolations(tenantId, warRoomId) {
      const rows = await x.all(
        db
          .selectFrom('freeze_violations')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .orderBy('at')
          .orderBy('identity')
          .orderBy('import_id'),
      );
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        warRoomId: r.war_room_id,
        freezeId: r.freeze_id,
        identity: r.identity,
        importId: r.import_id,
        incidentId: r.incident_id,
        at: toIso(r.at),
      }));
    },
    async countViolations(tenantId, warRoomId) {
      const [row] = await x.all(
        db
          .selectFrom('freeze_violations')
          .select((eb) => eb.fn.count<number>('identity').distinct().as('n'))
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId),
      );
      return Number(row?.n ?? 0);
    },
  };
}
