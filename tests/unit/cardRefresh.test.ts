import { refreshCard } from '../../bot/services/cardRefresh';
import { outboxMessage } from '../../bot/services/effects';
import { openSqliteStorage } from '../../bot/storage/sqlite/storage';
import type { OutboxState, Storage } from '../../bot/storage/types';

/** One card per subject, kept current: replaced before it leaves, edited in place after. */
describe('refreshCard', () => {
  let storage: Storage;
  let n = 0;
  const ids = () => `m-${++n}`;
  const T = 'tenant-1';
  const SUBJECT = 'incident:42';
  const thread = { serviceUrl: 'https://smba.example/emea/', conversationId: '19:c;messageid=7' };
  const card = (status: string) => ({ type: 'message', text: status });
  const at = '2026-11-21T20:00:00.000Z';

  beforeEach(async () => {
    storage = await openSqliteStorage(':memory:');
    await storage.transaction((tx) =>
      tx.outbox.enqueue(
        outboxMessage(
          { target: { ...thread, replyToId: '1:cmd' }, subject: SUBJECT, activity: card('open') },
          T,
          at,
          ids,
        ),
      ),
    );
  });
  afterEach(() => storage.close());

  const refresh = (status: string) =>
    storage.transaction((tx) =>
      refreshCard(tx, { tenantId: T, subject: SUBJECT, activity: card(status) }, at, ids),
    );
  const settlePost = (state: OutboxState) =>
    storage.transaction(async (tx) => {
      const [post] = await tx.outbox.claimDue(at, '2026-11-21T20:01:00.000Z', 10);
      await tx.outbox.settle(
        post!.id,
        state === 'sent'
          ? { state: 'sent', activityId: '1:card' }
          : { state: 'unknown', error: 'x' },
        at,
      );
    });
  const all = () =>
    storage.transaction(async (tx) => {
      const out = [];
      for (let i = 1; i <= n; i++) {
        const m = await tx.outbox.findById(`m-${i}`);
        if (m) out.push(m);
      }
      return out;
    });

  test('a card not sent yet leaves with the new content: no second message', async () => {
    await refresh('investigating');
    const rows = await all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operation: 'post', activity: card('investigating') });
  });

  test('a posted card gets an update in place in its own thread, naming the posted card', async () => {
    await settlePost('sent');
    await refresh('resolved');
    const [, update] = await all();
    expect(update).toMatchObject({
      operation: 'update',
      subject: SUBJECT,
      // The delivery need not look the card up again.
      target: { ...thread, activityId: '1:card' },
      activity: card('resolved'),
      state: 'pending',
    });
  });

  test('a post with an unknown outcome has nothing to edit: nothing is owed', async () => {
    await settlePost('unknown');
    await refresh('resolved');
    expect(await all()).toHaveLength(1);
  });

  test('an edit still waiting takes the newest content: one edit, never an older one last', async () => {
    await settlePost('sent');
    await refresh('investigating');
    await refresh('resolved');
    const edits = (await all()).filter((m) => m.operation === 'update');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.activity).toEqual(card('resolved'));
  });
});
