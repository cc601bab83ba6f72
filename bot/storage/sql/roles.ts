import type { Selectable } from 'kysely';
import { ROLES } from '../../../shared/domain/warRoom';
import type { RoleAssignment, RoleRepo } from '../types';
import { oneOf, type Exec } from './exec';
import { toIso } from './instant';
import type { Database } from './schema';
import { shape } from './shape';

type RoleRow = Selectable<Database['war_room_roles']>;

function fromRow(r: RoleRow): RoleAssignment {
  return {
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    teamsUserId: r.teams_user_id,
    userId: r.user_id,
    name: r.name,
    role: oneOf(ROLES, r.role, 'war_room_roles.role'),
    assignedById: r.assigned_by_id,
    assignedAt: toIso(r.assigned_at),
  };
}

// Every command and click asks for the actor's role: compiled once, see shape.ts.
const roleOfPerson = shape(['tenantId', 'warRoomId', 'userId', 'teamsUserId'], (db, p) =>
  db
    .selectFrom('war_room_roles')
    .selectAll()
    .where('tenant_id', '=', p.tenantId)
    .where('war_room_id', '=', p.warRoomId)
    .where((eb) => eb.or([eb('user_id', '=', p.userId), eb('teams_user_id', '=', p.teamsUserId)])),
);

export function roleRepo(x: Exec): RoleRepo {
  const { db } = x;
  const inRoom = (tenantId: string, warRoomId: string) =>
    db
      .selectFrom('war_room_roles')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('war_room_id', '=', warRoomId);
  return {
    async find(tenantId, warRoomId, { userId, teamsUserId }) {
      const rows = await x.all(
        teamsUserId
          ? roleOfPerson(db, { tenantId, warRoomId, userId, teamsUserId })
          : inRoom(tenantId, warRoomId).where('user_id', '=', userId),
      );
      const [row] = rows.map(fromRow).sort((a, b) => b.assignedAt.localeCompare(a.assignedAt));
      return row;
    },
    async put(a) {
      const row = {
        tenant_id: a.tenantId,
        war_room_id: a.warRoomId,
        teams_user_id: a.teamsUserId,
        user_id: a.userId,
        name: a.name,
        role: a.role,
        assigned_by_id: a.assignedById,
        assigned_at: toIso(a.assignedAt),
      };
      await x.run(
        db
          .insertInto('war_room_roles')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['war_room_id', 'teams_user_id']).doUpdateSet({
              user_id: row.user_id,
              name: row.name,
              role: row.role,
              assigned_by_id: row.assigned_by_id,
              assigned_at: row.assigned_at,
            }),
          ),
      );
    },
    async list(tenantId, warRoomId) {
      const rows = await x.all(inRoom(tenantId, warRoomId).orderBy('assigned_at'));
      return rows.map(fromRow);
    },
  };
}
