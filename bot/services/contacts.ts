import type { WarRoom } from '../../shared/domain/warRoom';
import type { Tx } from '../storage/types';

/** Someone a card may link to: a Teams user id, an Entra object id, or both. */
export interface Reachable {
  id?: string;
  aadObjectId?: string;
}

/**
 * The user principal names of `people`, from the war room's team roster, in their order;
 * people the roster does not know (or knows without a UPN) are left out.
 */
export async function upnsOf(
  tx: Tx,
  warRoom: WarRoom,
  people: readonly Reachable[],
): Promise<string[]> {
  if (!warRoom.teamId || people.length === 0) return [];
  const roster = await tx.roster.findPeople(
    warRoom.tenantId,
    warRoom.teamId,
    people.flatMap((p) => (p.id === undefined ? [] : [p.id])),
    people.flatMap((p) => (p.aadObjectId === undefined ? [] : [p.aadObjectId])),
  );
  return people.flatMap((p) => {
    const entry = roster.find(
      (m) =>
        (p.id !== undefined && m.teamsUserId === p.id) ||
        (p.aadObjectId !== undefined && m.aadObjectId === p.aadObjectId),
    );
    return entry?.userPrincipalName ? [entry.userPrincipalName] : [];
  });
}
