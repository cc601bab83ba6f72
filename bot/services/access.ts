import type { Actor } from '../../shared/domain/actor';
import { conflict, DomainError } from '../../shared/domain/errors';
import { effectiveRole, may, type Permission } from '../../shared/domain/roles';
import type { Role, WarRoom } from '../../shared/domain/warRoom';
import type { Storage, Tx } from '../storage/types';
import { appendAudit } from './auditTrail';
import type { Clock } from './clock';

/** A refusal: who was refused what, kept so it can be audited after the rollback. */
export class Refused extends DomainError {
  constructor(
    readonly warRoomId: string,
    readonly permission: Permission,
    readonly role: Role,
  ) {
    super('forbidden', `access.${permission}`, { role });
    this.name = 'Refused';
  }
}

/** The actor's role in the war room (the lead's assignment, else lead for the starter, else default). */
export async function roleIn(tx: Tx, warRoom: WarRoom, actor: Actor): Promise<Role> {
  const assigned = await tx.roles.find(actor.tenantId, warRoom.id, {
    userId: actor.userId,
    ...(actor.teamsUserId ? { teamsUserId: actor.teamsUserId } : {}),
  });
  return effectiveRole(assigned?.role, warRoom.createdById === actor.userId);
}

/** What may still be done in a closed war room. */
const READ_ONLY: readonly Permission[] = ['warroom.read', 'audit.export', 'warroom.configure'];

/** Throws Refused unless the actor's role allows `permission` in this war room. */
export async function authorize(
  tx: Tx,
  warRoom: WarRoom,
  actor: Actor,
  permission: Permission,
): Promise<Role> {
  // A closed war room is a record: it is read, exported or purged, never changed again.
  if (warRoom.phase === 'closed' && !READ_ONLY.includes(permission)) {
    throw conflict('warroom.isClosed', { title: warRoom.title });
  }
  const role = await roleIn(tx, warRoom, actor);
  if (!may(role, permission)) throw new Refused(warRoom.id, permission, role);
  return role;
}

/**
 * Runs a service transaction; if it was refused, records the refusal in the audit log in a
 * transaction of its own (the refused one rolled back), then rethrows it.
 */
export async function recordingRefusals<T>(
  deps: { storage: Storage; clock: Clock },
  actor: Actor,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Refused) {
      const at = deps.clock.now().toISOString();
      await deps.storage.transaction((tx) =>
        appendAudit(tx, {
          tenantId: actor.tenantId,
          warRoomId: e.warRoomId,
          at,
          actorId: actor.userId,
          actorName: actor.name,
          action: 'access.refused',
          subject: `warroom:${e.warRoomId}`,
          before: null,
          after: { permission: e.permission, role: e.role },
        }),
      );
    }
    throw e;
  }
}
