import type { Person } from '../../shared/domain/person';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Tx } from '../storage/types';

/**
 * The member of the war room's team with Entra object id `aadObjectId`, as a Person (what a
 * card's people picker submits is only that id). Undefined for anyone not in the team:
 * a forged id names no one here.
 */
export async function memberByAadObjectId(
  tx: Tx,
  warRoom: WarRoom,
  aadObjectId: string,
): Promise<Person | undefined> {
  if (!warRoom.teamId) return undefined;
  const member = await tx.roster.findByAadObjectId(warRoom.tenantId, warRoom.teamId, aadObjectId);
  return member && { id: member.teamsUserId, aadObjectId, name: member.name };
}
