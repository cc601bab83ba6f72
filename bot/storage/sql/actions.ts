import type { Insertable, Selectable } from 'kysely';
import {
  ACTION_STATUSES,
  FOLLOW_UP_KINDS,
  type Action,
  type ActionOrigin,
  type FollowUpOf,
} from '../../../shared/domain/action';
import type { Person } from '../../../shared/domain/person';
import type { ActionRepo } from '../types';
import { oneOf, type Exec } from './exec';
import { toIso, toIsoOrNull } from './instant';
import type { Database } from './schema';

type ActionRow = Selectable<Database['actions']>;

function toRow(a: Action): Insertable<Database['actions']> {
  return {
    id: a.id,
    tenant_id: a.tenantId,
    war_room_id: a.warRoomId,
    number: a.number,
    title: a.title,
    owner: JSON.stringify(a.owner),
    due: toIsoOrNull(a.due),
    status: a.status,
    origin: JSON.stringify(a.origin),
    created_by_id: a.createdById,
    created_by_name: a.createdByName,
    created_at: toIso(a.createdAt),
    updated_at: toIso(a.updatedAt),
    done_at: toIsoOrNull(a.doneAt),
    reminded_at: toIsoOrNull(a.remindedAt),
    version: a.version,
    follow_up_kind: a.followUpOf?.kind ?? null,
    follow_up_id: a.followUpOf?.id ?? null,
    follow_up_ref: a.followUpOf?.ref ?? null,
  };
}

function fromRow(r: ActionRow): Action {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    number: r.number,
    title: r.title,
    owner: JSON.parse(r.owner) as Person,
    due: toIsoOrNull(r.due),
    status: oneOf(ACTION_STATUSES, r.status, 'actions.status'),
    origin: JSON.parse(r.origin) as ActionOrigin,
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    doneAt: toIsoOrNull(r.done_at),
    remindedAt: toIsoOrNull(r.reminded_at),
    version: r.version,
    followUpOf: followUpOf(r),
  };
}

function followUpOf(r: ActionRow): FollowUpOf | null {
  if (r.follow_up_kind === null || r.follow_up_id === null || r.follow_up_ref === null) return null;
  return {
    kind: oneOf(FOLLOW_UP_KINDS, r.follow_up_kind, 'actions.follow_up_kind'),
    id: r.follow_up_id,
    ref: r.follow_up_ref,
  };
}

export function actionRepo(x: Exec): ActionRepo {
  const { db } = x;
  return {
    async insert(a) {
      await x.run(db.insertInto('actions').values(toRow(a)));
    },
    async findById(tenantId, id) {
      const [row] = await x.all(
        db.selectFrom('actions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id),
      );
      return row && fromRow(row);
    },
    async update(a, expectedVersion) {
      const {
        id: _id,
        tenant_id: _t,
        war_room_id: _w,
        number: _n,
        created_at: _c,
        ...changes
      } = toRow(a);
      const changed = await x.run(
        db
          .updateTable('actions')
          .set(changes)
          .where('tenant_id', '=', a.tenantId)
          .where('id', '=', a.id)
          .where('version', '=', expectedVersion),
      );
      return changed === 1;
    },
    async listFollowUps(tenantId, of) {
      const rows = await x.all(
        db
          .selectFrom('actions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('follow_up_id', '=', of.id)
          .where('follow_up_kind', '=', of.kind)
          .orderBy('number'),
      );
      return rows.map(fromRow);
    },
    async listByWarRoom(tenantId, warRoomId, openOnly = false) {
      let query = db
        .selectFrom('actions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('war_room_id', '=', warRoomId);
      if (openOnly) query = query.where('status', '=', 'open');
      const rows = await x.all(query.orderBy('number'));
      return rows.map(fromRow);
    },
  };
}
