import { randomUUID } from 'node:crypto';
import { DeliveryService, type Messenger } from '../../bot/services/delivery';
import { Pacer } from '../../bot/services/pacer';
import type { OutboxMessage, Tx } from '../../bot/storage/types';
import type { WarRoom } from '../../shared/domain/warRoom';
import { TEAMS_RATE_LIMITS } from '../../bot/teams';
import { errorLog } from '../support/errorLog';
import { backends, suiteStorage, type Backend } from './backends';
import { incident, newTenant, warRoom } from './fixtures';

/** Every send is accepted, the way the Bot Connector answers a post: with an activity id. */
class AcceptingConnector implements Messenger {
  readonly sent: string[] = [];
  send(message: OutboxMessage) {
    this.sent.push(message.id);
    return Promise.resolve({ kind: 'sent' as const, activityId: `1:${message.id}` });
  }
}

/**
 * The sender records a sent card and its `onPosted` bookkeeping in one transaction. When
 * onPosted fails with a real database error (PostgreSQL then aborts the transaction), the
 * card must still end `sent` with its activity id, on every engine.
 */
describe.each(backends())('outbox onPosted on $name', (backend: Backend) => {
  const storage = suiteStorage(backend);

  async function sendCard(
    onPosted: (tx: Tx, m: OutboxMessage, activityId: string, room: WarRoom) => Promise<void>,
  ) {
    const room = warRoom(newTenant());
    const inc = incident(room, 1);
    const id = `card-${randomUUID()}`;
    const now = new Date().toISOString();
    await storage().transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await tx.incidents.insert(inc);
      await tx.outbox.enqueue({
        id,
        tenantId: room.tenantId,
        target: { serviceUrl: room.serviceUrl, conversationId: `${room.conversationId}-${id}` },
        operation: 'post',
        subject: `incident:${inc.id}`,
        activity: { type: 'message', text: 'INC-1 card' },
        failureNotice: null,
        createdAt: now,
      });
    });
    const log = errorLog();
    const connector = new AcceptingConnector();
    const delivery = new DeliveryService({
      storage: storage(),
      clock: { now: () => new Date() },
      ids: randomUUID,
      logger: log.logger,
      messenger: connector,
      pacer: new Pacer(TEAMS_RATE_LIMITS),
      onPosted: (tx, m, activityId) => onPosted(tx, m, activityId, room),
    });
    await delivery.stop(); // driven by tick() alone
    // Other cases' messages are sent by now: this one is the only one due.
    await delivery.tick();
    const [message, stored] = await storage().transaction(async (tx) => [
      await tx.outbox.findById(id),
      await tx.incidents.findById(room.tenantId, inc.id),
    ]);
    return { room, id, message, stored, log, connector };
  }

  it('records the card id with the sent card when onPosted succeeds', async () => {
    const { id, message, stored, log } = await sendCard((tx, m, activityId) =>
      tx.incidents
        .setCardActivityId(m.tenantId, m.subject!.slice('incident:'.length), activityId)
        .then(() => undefined),
    );
    expect(message).toMatchObject({ state: 'sent', sentActivityId: `1:${id}` });
    expect(stored?.cardActivityId).toBe(`1:${id}`);
    expect(log.errors).toEqual([]);
  });

  it('keeps the card sent with its id when onPosted hits a constraint, and undoes its writes', async () => {
    let tried = false;
    const { id, message, stored, log, connector } = await sendCard(
      async (tx, m, activityId, room) => {
        const incidentId = m.subject!.slice('incident:'.length);
        await tx.incidents.setCardActivityId(m.tenantId, incidentId, activityId);
        // Another incident with the same id: a primary-key violation raised by the database.
        tried = true;
        await tx.incidents.insert({ ...incident(room, 2), id: incidentId });
      },
    );
    expect(tried).toBe(true);
    expect(connector.sent).toEqual([id]);
    expect(message).toMatchObject({ state: 'sent', sentActivityId: `1:${id}`, attempts: 1 });
    // All of onPosted or none of it: its first write went with its failure.
    expect(stored?.cardActivityId).toBeNull();
    expect(log.errors).toEqual([
      {
        msg: 'outbox: could not record a posted message',
        fields: expect.objectContaining({
          messageId: id,
          error: expect.objectContaining({ name: 'StorageConflictError' }),
        }),
      },
    ]);
  });
});
