import type { Actor } from '../../shared/domain/actor';
import { DomainError, forbidden, notFound } from '../../shared/domain/errors';
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

/** Which record: by id (a card) or by number in the war room of `origin` (`note INC-4`). */
export interface RecordLookup<T> {
  origin: Origin | null;
  key: { id: string } | { number: number };
  records: Records<T>;
  kind: 'incident' | 'decision';
  ref: (n: number) => string;
}

/**
 * A numbered record with its war room, by id (a card) or by number in the war room of
 * `origin` (`note INC-4`), current after taking the war room's write lock, so two changes
 * in flight are applied one after the other. `origin`, when given, must be the record's
 * war room. Messages are `<kind>.notFound`, `.noSuchNumber` and `.otherWarRoom`.
 */
export async function loadLocked<T extends { id: string; warRoomId: string }>(
  tx: Tx,
  actor: Actor,
  lookup: RecordLookup<T>,
  /** Runs on the record as first read, before the lock: may refuse the change early. */
  beforeLock?: (found: { record: T; warRoom: WarRoom }) => Promise<void>,
): Promise<{ record: T; warRoom: WarRoom }> {
  const { record, warRoom } = await loadRecord(tx, actor, lookup);
  await beforeLock?.({ record, warRoom });
  const { earlierReadsCurrent } = await tx.warRooms.lock(actor.tenantId, warRoom.id);
  if (earlierReadsCurrent) return { record, warRoom };
  return { record: (await lookup.records.findById(actor.tenantId, record.id)) ?? record, warRoom };
}

/**
 * A change refused because the view it came from (a card) is older than the record. It
 * carries the record as it stands, read in the refused transaction, for the answer to show
 * instead of reading it again.
 */
export class StaleView<T> extends DomainError {
  constructor(
    messageKey: string,
    params: Record<string, string | number>,
    readonly current: T,
  ) {
    super('conflict', messageKey, params);
  }
}

/** As `loadLocked`, without the lock: to read the record, not to change it. */
export async function loadRecord<T extends { id: string; warRoomId: string }>(
  tx: Tx,
  actor: Actor,
  lookup: RecordLookup<T>,
): Promise<{ record: T; warRoom: WarRoom }> {
  const { origin, key, records, kind, ref } = lookup;
  let found: T | undefined;
  let room: WarRoom | undefined;
  if ('id' in key) {
    found = await records.findById(actor.tenantId, key.id);
  } else {
    if (!origin) throw notFound(`${kind}.notFound`);
    room = await warRoomOf(tx, actor, origin);
    found = await records.findByNumber(actor.tenantId, room.id, key.number);
    if (!found) throw notFound(`${kind}.noSuchNumber`, { ref: ref(key.number) });
  }
  if (!found) throw notFound(`${kind}.notFound`);
  const warRoom =
    room?.id === found.warRoomId
      ? room
      : await tx.warRooms.findById(actor.tenantId, found.warRoomId);
  if (!warRoom) throw notFound('warroom.notFound');
  if (origin && !isOf(warRoom, origin)) {
    await warRoomOf(tx, actor, origin); // a channel with no war room says so
    throw forbidden(`${kind}.otherWarRoom`);
  }
  return { record: found, warRoom };
}

/** Whether `origin` names `warRoom` (one war room per channel; the tenant is the actor's). */
function isOf(warRoom: WarRoom, origin: Origin): boolean {
  return 'channelId' in origin
    ? warRoom.channelId === origin.channelId
    : warRoom.id === origin.warRoomId;
}
