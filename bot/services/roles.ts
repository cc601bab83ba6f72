import type { Actor } from '../../shared/domain/actor';
import { invalid, notFound } from '../../shared/domain/errors';
import type { Person } from '../../shared/domain/person';
import type { Role, WarRoom } from '../../shared/domain/warRoom';
import type { RoleAssignment, Storage } from '../storage/types';
import { authorize, recordingRefusals, roleIn } from './access';
import { appendAudit } from './auditTrail';
import type { Clock, IdGenerator } from './clock';
import { withEffects, type Effects } from './effects';

export interface RoleDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

export interface Assigned {
  assignment: RoleAssignment;
  warRoom: WarRoom;
}

/** Use cases of roles: the lead gives someone a role in the war room of a channel. */
export class RoleService {
  constructor(private readonly deps: RoleDeps) {}

  async assign(
    actor: Actor,
    origin: { channelId: string },
    person: Person | undefined,
    role: Role | undefined,
    effects?: Effects<Assigned>,
  ): Promise<Assigned> {
    if (!person) throw invalid('role.whoMissing');
    if (!role) throw invalid('role.roleMissing');
    const { storage, clock, ids } = this.deps;
    const now = clock.now().toISOString();
    return recordingRefusals(this.deps, actor, () =>
      storage.transaction((tx) =>
        withEffects(tx, effects, now, ids, async () => {
          const warRoom = await tx.warRooms.findByChannel(actor.tenantId, origin.channelId);
          if (!warRoom) throw notFound('warroom.notStarted');
          await authorize(tx, warRoom, actor, 'role.assign');
          const before = await tx.roles.find(actor.tenantId, warRoom.id, {
            userId: person.aadObjectId ?? person.id,
            teamsUserId: person.id,
          });
          const assignment: RoleAssignment = {
            tenantId: actor.tenantId,
            warRoomId: warRoom.id,
            teamsUserId: person.id,
            userId: person.aadObjectId ?? before?.userId ?? null,
            name: person.name,
            role,
            assignedById: actor.userId,
            assignedAt: now,
          };
          await tx.roles.put(assignment);
          await appendAudit(tx, {
            tenantId: actor.tenantId,
            warRoomId: warRoom.id,
            at: now,
            actorId: actor.userId,
            actorName: actor.name,
            action: 'role.assigned',
            subject: `member:${person.id}`,
            before: before ?? null,
            after: assignment,
          });
          return { assignment, warRoom };
        }),
      ),
    );
  }

  /**
   * What the tab needs to offer only what the server allows: the viewer's role in the war
   * room, and the team members who can be named owner (those with an Entra object id).
   */
  access(
    viewer: Actor,
    warRoom: WarRoom,
  ): Promise<{ role: Role; members: { aadObjectId: string; name: string }[] }> {
    return this.deps.storage.transaction(async (tx) => {
      const role = await roleIn(tx, warRoom, viewer);
      const roster = warRoom.teamId ? await tx.roster.list(warRoom.tenantId, warRoom.teamId) : [];
      const members = roster.flatMap((m) =>
        m.aadObjectId ? [{ aadObjectId: m.aadObjectId, name: m.name }] : [],
      );
      return { role, members: members.sort((a, b) => a.name.localeCompare(b.name)) };
    });
  }

  list(actor: Actor, warRoomId: string): Promise<RoleAssignment[]> {
    return this.deps.storage.transaction((tx) => tx.roles.list(actor.tenantId, warRoomId));
  }
}
