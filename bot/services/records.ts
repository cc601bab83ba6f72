import type { Actor } from '../../shared/domain/actor';
import { forbidden, notFound } from '../../shared/domain/errors';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Tx } from '../storage/types';

/**
 * Where a request comes from. A card or command from a Teams channel may only touch the
 * war room of that channel, even within the same tenant.
 */
export type Origin = { warRoomId: string } | { channelId: string };

/** The war room of `origin`: not started (a channel) or not found (an id). */
export async function warRoomOf(tx: Tx, actor: Actor, origin: Origin): Promise<WarRoom> {
  const warRoom =
    'channelId' in origin
      ? await tx.warRooms.findByChannel(actor.tenantId, origin.channelId)
      : await tx.warRooms.findById(actor.tenantId, origin.warRoomId);
  if (!warRoom) throw notFound('channelId' in origin ? 'warroom.notStarted' : 'warroom.notFound');
  return warRoom;
}

/** A numbered record of a war room (INC-n, DEC-n) as its repository finds it. */
interface Records<T> {
  findById(tenantId: string, id: string): Promise<T | undefined>;
  findByNumber(tenantId: string, warRoomId: string, number: number): Promise<T | undefined>;
}

/**
 * A numbered record with its war room, by id (a card) or by number in the war room of
 * `origin` (`note INC-4`), read again after taking the war room's write lock (the audit
 * chain's head), so two changes in flight are applied one after the other. `origin`, when
 * given, must be the record's war room. Messages are `<kind>.notFound`, `.noSuchNumber`
 * and `.otherWarRoom`.
 */
export async function loadLocked<T extends { id: string; warRoomId: string }>(
  tx: Tx,
  actor: Actor,
  origin: Origin | null,
  key: { id: string } | { number: number },
  records: Records<T>,
  kind: 'incident' | 'decision',
  ref: (n: number) => string,
): Promise<{ record: T; warRoom: WarRoom }> {
  let found: T | undefined;
  if ('id' in key) {
    found = await records.findById(actor.tenantId, key.id);
  } else {
    if (!origin) throw notFound(`${kind}.notFound`);
    const room = await warRoomOf(tx, actor, origin);
    found = await records.findByNumber(actor.tenantId, room.id, key.number);
    if (!found) throw notFound(`${kind}.noSuchNumber`, { ref: ref(key.number) });
  }
  if (!found) throw notFound(`${kind}.notFound`);
  const warRoom = await tx.warRooms.findById(actor.tenantId, found.warRoomId);
  if (!warRoom) throw notFound('warroom.notFound');
  if (origin && (await warRoomOf(tx, actor, origin)).id !== warRoom.id) {
    throw forbidden(`${kind}.otherWarRoom`);
  }
  await tx.audit.head(actor.tenantId, warRoom.id);
  return { record: (await records.findById(actor.tenantId, found.id)) ?? found, warRoom };
}
