import {
  AlreadyHandled,
  isAlreadyHandled,
  withEffects,
  type Delivery,
  type Effects,
} from '../../bot/services/effects';
import { openSqliteStorage } from '../../bot/storage/sqlite/storage';
import type { Storage, Tx } from '../../bot/storage/types';
import type { WarRoom } from '../../shared/domain/warRoom';
import { at, newTenant, warRoom } from '../storage/fixtures';

describe('withEffects', () => {
  let storage: Storage;
  let room: WarRoom;
  let delivery: Delivery;
  let n: number;
  const ids = () => `out-${++n}`;

  beforeEach(async () => {
    storage = await openSqliteStorage(':memory:');
    room = warRoom(newTenant());
    delivery = {
      tenantId: room.tenantId,
      conversationId: room.conversationId,
      activityId: '1:start-command',
      channelId: room.channelId,
      serviceUrl: room.serviceUrl,
    };
    n = 0;
  });
  afterEach(() => storage.close());

  /** The answer a `start` command owes: built from what the work returned. */
  const effects = (d: Delivery | null): Effects<WarRoom> => ({
    delivery: d ?? undefined,
    messages: (started) => [
      {
        target: {
          serviceUrl: started.serviceUrl,
          conversationId: started.conversationId,
          replyToId: '1:start-command',
        },
        subject: `warroom:${started.id}`,
        activity: { type: 'message', text: `War room “${started.title}” started` },
        failureNotice: { type: 'message', text: 'The war room started; its card did not.' },
      },
    ],
  });
  type Work = (tx: Tx) => Promise<WarRoom>;
  const startRoom: Work = async (tx) => {
    await tx.warRooms.insert(room);
    return room;
  };
  /** Runs the work (by default: start `room`) with its effects, in one transaction. */
  const start = (work: Work = startRoom, withThem: Effects<WarRoom> = effects(delivery)) =>
    storage.transaction((tx) => withEffects(tx, withThem, at(1), ids, () => work(tx)));

  const stored = () => storage.transaction((tx) => tx.warRooms.findById(room.tenantId, room.id));
  const outbox = () => storage.transaction((tx) => tx.outbox.countByState());
  /** Whether the start command's activity is claimed already (a redelivery would be refused). */
  const claimedBefore = () =>
    storage
      .transaction((tx) =>
        tx.inbox.claim(room.conversationId, '1:start-command', at(2), () => new AlreadyHandled()),
      )
      .then(
        () => false,
        (e: unknown) => (isAlreadyHandled(e) ? true : Promise.reject(e)),
      );

  it('commits the claim, the work and the messages it owes together', async () => {
    expect(await start()).toEqual(room);

    expect(await stored()).toEqual(room);
    expect(await storage.transaction((tx) => tx.outbox.findById('out-1'))).toMatchObject({
      tenantId: room.tenantId,
      target: { conversationId: room.conversationId, replyToId: '1:start-command' },
      operation: 'post',
      subject: `warroom:${room.id}`,
      activity: { text: `War room “${room.title}” started` },
      failureNotice: { text: 'The war room started; its card did not.' },
      state: 'pending',
      createdAt: at(1),
    });
    expect(await claimedBefore()).toBe(true);
  });

  // SQLite claims at once; PostgreSQL holds the claim to the commit (integration tests).
  it('refuses a redelivery: AlreadyHandled, the work not run, nothing written', async () => {
    await start();
    const work = jest.fn(async () => room);

    const error = await start(work).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AlreadyHandled);
    expect(isAlreadyHandled(error)).toBe(true);
    expect(work).not.toHaveBeenCalled();
    expect(await outbox()).toEqual({ pending: 1 });
  });

  it('leaves no claim and no message when the work fails, so the redelivery is processed', async () => {
    const failing = start(async (tx) => {
      await tx.warRooms.insert(room);
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await stored()).toBeUndefined();
    expect(await outbox()).toEqual({});

    expect(await start()).toEqual(room);
    expect(await stored()).toEqual(room);
    expect(await outbox()).toEqual({ pending: 1 });
  });

  it('commits nothing when the owed messages cannot be built', async () => {
    const broken: Effects<WarRoom> = {
      delivery,
      messages: () => {
        throw new Error('card too large');
      },
    };
    await expect(start(undefined, broken)).rejects.toThrow('card too large');
    expect(await stored()).toBeUndefined();
    expect(await claimedBefore()).toBe(false);
  });

  it('refuses messages without a delivery to take their tenant from', async () => {
    await expect(start(undefined, effects(null))).rejects.toThrow(/tenant/);
    expect(await stored()).toBeUndefined();
    expect(await outbox()).toEqual({});
  });

  it('processes every delivery that has no activity id (nothing to recognise it by)', async () => {
    const proactive = { ...delivery, activityId: undefined };
    const work = jest.fn(async () => room);
    await start(work, effects(proactive));
    await start(work, effects(proactive));
    expect(work).toHaveBeenCalledTimes(2);
    expect(await outbox()).toEqual({ pending: 2 });
  });

  it("keeps the channel's service URL current", async () => {
    await storage.transaction((tx) => tx.warRooms.insert(room));
    const moved = { ...delivery, serviceUrl: 'https://smba.trafficmanager.net/amer/' };
    await start(async () => room, effects(moved));
    expect(await stored()).toMatchObject({ serviceUrl: 'https://smba.trafficmanager.net/amer/' });
  });
});
