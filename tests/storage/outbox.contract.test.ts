import { randomUUID } from 'node:crypto';
import { openStorage, type StorageLocation } from '../../bot/storage/open';
import type {
  NewOutboxMessage,
  OutboxMessage,
  OutboxSettlement,
  Storage,
} from '../../bot/storage/types';
import { backends, onPostgres, type Backend } from './backends';

/** The Saturday of the cutover, plus `seconds`. */
const BASE = Date.UTC(2025, 5, 14, 8, 0);
const t = (seconds: number): string => new Date(BASE + seconds * 1000).toISOString();
/** Later than every message's creation (they are created within the first second). */
const NOW = t(1);
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

const SENT: OutboxSettlement = { state: 'sent', activityId: '1:posted' };

/** Another instance on the same database: its own copy of the modules and their state. */
function openAsAnotherInstance(location: StorageLocation): Promise<Storage> {
  let open: typeof openStorage | undefined;
  jest.isolateModules(() => {
    open =
      jest.requireActual<typeof import('../../bot/storage/open')>(
        '../../bot/storage/open',
      ).openStorage;
  });
  if (!open || open === openStorage) throw new Error('not a separate copy of the storage code');
  return open(location);
}

/** The outbox on every engine: the sender must not be able to tell them apart. */
describe.each(backends())('outbox contract: $name', (backend: Backend) => {
  let location: StorageLocation;
  let storage: Storage;
  let made = 0;

  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  // claimDue sees every conversation: each case gets a database of its own.
  beforeEach(async () => {
    made = 0;
    location = await backend.fresh();
    storage = await openStorage(location);
  });
  afterEach(() => storage?.close());

  /**
   * A post to `conversation`. Each one is created a millisecond after the previous, so
   * their order never rests on a tie (the wrap test below covers ties).
   */
  const message = (
    conversation: string,
    overrides: Partial<NewOutboxMessage> = {},
  ): NewOutboxMessage => {
    made += 1;
    return {
      id: `msg-${made}-${randomUUID()}`,
      tenantId: 'tenant-contoso',
      target: { serviceUrl: SERVICE_URL, conversationId: `19:${conversation}@thread.tacv2` },
      operation: 'post',
      subject: null,
      activity: { type: 'message', text: `message ${made}` },
      failureNotice: null,
      createdAt: new Date(BASE + made).toISOString(),
      ...overrides,
    };
  };
  const enqueue = (...messages: NewOutboxMessage[]) =>
    storage.transaction(async (tx) => {
      for (const m of messages) await tx.outbox.enqueue(m);
    });
  const claim = (now = NOW, limit = 100, leaseUntil = t(31)) =>
    storage.transaction((tx) => tx.outbox.claimDue(now, leaseUntil, limit));
  const settle = (id: string, outcome: OutboxSettlement, now = NOW) =>
    storage.transaction((tx) => tx.outbox.settle(id, outcome, now));
  const expire = (now: string) => storage.transaction((tx) => tx.outbox.expireLeases(now));
  const find = (id: string) => storage.transaction((tx) => tx.outbox.findById(id));
  const ids = (messages: OutboxMessage[]) => messages.map((m) => m.id);

  it('reads back what was enqueued, JSON and unicode intact, as a pending message', async () => {
    const reply = message('a', {
      target: {
        serviceUrl: SERVICE_URL,
        conversationId: '19:a@thread.tacv2;messageid=1718352000000',
        replyToId: '1718352000000',
      },
      subject: 'incident:42',
      activity: {
        type: 'message',
        summary: 'Incident #3 — «Boîte aux lettres» bloquée 🚒 at Ærø',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              body: [{ type: 'TextBlock', text: '日本語\n"quoted" \\ back\tslash, עברית, é' }],
              actions: [],
              nested: { flag: true, none: null, n: -1.5 },
            },
          },
        ],
      },
      failureNotice: { type: 'message', text: 'Le message n’a pas pu être posté 😞' },
    });
    const update = message('b', {
      target: {
        serviceUrl: SERVICE_URL,
        conversationId: '19:b@thread.tacv2',
        activityId: '1:card',
      },
      operation: 'update',
      createdAt: '2025-06-14T10:00:00.250+02:00',
    });
    await enqueue(reply, update);

    expect(await find(reply.id)).toEqual({
      ...reply,
      seq: expect.any(Number),
      state: 'pending',
      attempts: 0,
      notBefore: reply.createdAt,
      sentActivityId: null,
      lastError: null,
    });
    expect(await find(update.id)).toMatchObject({
      target: update.target,
      operation: 'update',
      subject: null,
      failureNotice: null,
      createdAt: '2025-06-14T08:00:00.250Z',
      notBefore: '2025-06-14T08:00:00.250Z',
    });
    expect(await find('no-such-message')).toBeUndefined();
  });

  describe('claimDue', () => {
    it("leases only each conversation's oldest message, in enqueue order", async () => {
      const [a1, b1, a2, c1, b2, a3] = ['a', 'b', 'a', 'c', 'b', 'a'].map((c) => message(c));
      await enqueue(a1!, b1!, a2!, c1!, b2!, a3!);
      const leased = await claim();
      expect(leased.map((m) => [m.id, m.state])).toEqual([
        [a1!.id, 'sending'],
        [b1!.id, 'sending'],
        [c1!.id, 'sending'],
      ]);
      expect(leased[0]).toMatchObject({ target: a1!.target, activity: a1!.activity });
      expect(await find(a2!.id)).toMatchObject({ state: 'pending' });
    });

    it('says which leased message has another of its conversation waiting behind it', async () => {
      const [a1, a2, b1] = ['a', 'a', 'b'].map((c) => message(c));
      await enqueue(a1!, a2!, b1!);
      const leased = await claim();
      expect(leased.map((m) => [m.id, m.followed])).toEqual([
        [a1!.id, true],
        [b1!.id, false],
      ]);
      await settle(a1!.id, { state: 'sent', activityId: '1:a1' });
      expect((await claim()).map((m) => [m.id, m.followed])).toEqual([[a2!.id, false]]);
    });

    it('orders personal-chat messages per person, apart from each other and the channel', async () => {
      const fallback = { serviceUrl: SERVICE_URL, conversationId: '19:a@thread.tacv2' };
      const to = (teamsUserId: string) =>
        message('a', {
          target: {
            serviceUrl: SERVICE_URL,
            conversationId: '',
            personal: { teamsUserId, fallback },
          },
        });
      const [jonas1, bo1, jonas2, channel1] = [
        to('29:jonas'),
        to('29:bo'),
        to('29:jonas'),
        message('a'),
      ];
      await enqueue(jonas1, bo1, jonas2, channel1);
      const leased = await claim();
      expect(ids(leased)).toEqual([jonas1.id, bo1.id, channel1.id]);
      expect(leased[0]?.target).toEqual(jonas1.target);
      expect(await find(jonas2.id)).toMatchObject({ state: 'pending' });
    });

    it.each([
      ['sent', SENT],
      ['failed', { state: 'failed', error: '403: forbidden' }],
      ['unknown', { state: 'unknown', error: 'socket hang up' }],
    ] as const)(
      'holds the next message of a conversation until the head is settled %s',
      async (_name, outcome: OutboxSettlement) => {
        const [first, second] = [message('a'), message('a')];
        await enqueue(first, second);
        expect(ids(await claim())).toEqual([first.id]);
        expect(await claim()).toEqual([]);
        expect(await settle(first.id, outcome)).toBe(true);
        expect(ids(await claim())).toEqual([second.id]);
      },
    );

    it('keeps a conversation waiting behind a head that is to be retried later', async () => {
      const [first, second] = [message('a'), message('a')];
      await enqueue(first, second);
      await claim();
      const retry = { state: 'pending', notBefore: t(60), error: '503', countAttempt: true };
      expect(await settle(first.id, retry as OutboxSettlement)).toBe(true);
      expect(await claim(t(59))).toEqual([]);
      expect(ids(await claim(t(60)))).toEqual([first.id]);
    });

    it('does not lease a message before its not-before instant', async () => {
      const later = message('a', { createdAt: t(10) });
      await enqueue(later);
      expect(await claim(t(9))).toEqual([]);
      expect(ids(await claim(t(10)))).toEqual([later.id]);
    });

    it('leases at most `limit` messages, oldest first', async () => {
      const heads = ['a', 'b', 'c', 'd', 'e'].map((c) => message(c));
      await enqueue(...heads);
      expect(ids(await claim(NOW, 2))).toEqual([heads[0]!.id, heads[1]!.id]);
      expect(ids(await claim(NOW, 2))).toEqual([heads[2]!.id, heads[3]!.id]);
      expect(ids(await claim(NOW, 2))).toEqual([heads[4]!.id]);
      expect(await claim(NOW, 2)).toEqual([]);
    });

    it('never leases a leased message again, even after its lease ran out', async () => {
      const m = message('a');
      await enqueue(m);
      expect(ids(await claim(NOW, 10, t(31)))).toEqual([m.id]);
      expect(await claim(NOW)).toEqual([]);
      // Only expireLeases decides what a dead sender's message becomes.
      expect(await claim(t(3600))).toEqual([]);
      expect(await find(m.id)).toMatchObject({ state: 'sending' });
    });

    it('never leases a second message of a conversation while one is being sent', async () => {
      // Two instances answer two commands in one conversation. The later one commits first
      // and is being sent when the earlier one (created first, so ordered first) commits.
      const slow = message('a', { createdAt: t(0) });
      const fast = message('a', { createdAt: t(0.5) });
      const [one, two] = [
        await openAsAnotherInstance(location),
        await openAsAnotherInstance(location),
      ];
      const claimOn = (s: Storage) => s.transaction((tx) => tx.outbox.claimDue(NOW, t(31), 10));
      try {
        await one.transaction((tx) => tx.outbox.enqueue(fast));
        expect(ids(await claimOn(one))).toEqual([fast.id]);
        await two.transaction((tx) => tx.outbox.enqueue(slow));
        expect(await claimOn(two)).toEqual([]);
        await one.transaction((tx) => tx.outbox.settle(fast.id, SENT, NOW));
        expect(ids(await claimOn(two))).toEqual([slow.id]);
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('keeps enqueue order among messages written at one instant, however many', async () => {
      // One transaction, one createdAt: nothing but the enqueue order can tell them apart.
      const burst = Array.from({ length: 1001 }, () => message('a', { createdAt: t(0) }));
      await enqueue(...burst);
      expect(ids(await claim(NOW, 2000))).toEqual([burst[0]!.id]);
      const seqs = await storage.transaction(async (tx) => {
        const found: number[] = [];
        for (const m of burst) found.push((await tx.outbox.findById(m.id))!.seq);
        return found;
      });
      const outOfOrder = seqs.findIndex((seq, i) => i > 0 && seq <= seqs[i - 1]!);
      expect(outOfOrder).toBe(-1);
    });
  });

  describe('expireLeases', () => {
    it("turns a dead sender's post into unknown and its update back into pending", async () => {
      const post = message('post');
      const update = message('update', {
        operation: 'update',
        target: { serviceUrl: SERVICE_URL, conversationId: '19:u@thread.tacv2', activityId: '1:c' },
      });
      const afterPost = message('post');
      const alive = message('alive');
      await enqueue(post, update, afterPost);
      await claim(NOW, 10, t(30));
      await enqueue(alive);
      await claim(t(2), 10, t(90));

      const expired = await expire(t(31));
      expect(expired.map((m) => [m.id, m.state]).sort()).toEqual(
        [
          [post.id, 'unknown'],
          [update.id, 'pending'],
        ].sort(),
      );
      expect(expired.every((m) => typeof m.lastError === 'string')).toBe(true);
      expect(await find(alive.id)).toMatchObject({ state: 'sending' });
      expect(await expire(t(31))).toEqual([]);

      // The update is sent again; the post is not, and no longer holds its conversation.
      expect(ids(await claim(t(31))).sort()).toEqual([update.id, afterPost.id].sort());
      expect(await find(post.id)).toMatchObject({ state: 'unknown' });
    });

    it('leaves a message whose lease has not run out alone', async () => {
      const m = message('a');
      await enqueue(m);
      await claim(NOW, 10, t(30));
      expect(await expire(t(29))).toEqual([]);
      expect(await find(m.id)).toMatchObject({ state: 'sending' });
    });
  });

  describe('settle', () => {
    it('applies only to a message being sent', async () => {
      const m = message('a');
      await enqueue(m);
      expect(await settle(m.id, SENT)).toBe(false);
      expect(await find(m.id)).toMatchObject({ state: 'pending', attempts: 0 });

      await claim();
      expect(await settle(m.id, SENT)).toBe(true);
      expect(await find(m.id)).toMatchObject({
        state: 'sent',
        sentActivityId: '1:posted',
        attempts: 1,
        lastError: null,
      });
      expect(await settle(m.id, { state: 'failed', error: 'late' })).toBe(false);
      expect(await find(m.id)).toMatchObject({ state: 'sent', lastError: null });
      expect(await settle('no-such-message', SENT)).toBe(false);
    });

    it('ignores a late answer for a message whose lease was expired', async () => {
      const m = message('a');
      await enqueue(m);
      await claim(NOW, 10, t(30));
      await expire(t(31));
      expect(await settle(m.id, SENT, t(32))).toBe(false);
      expect(await find(m.id)).toMatchObject({ state: 'unknown', sentActivityId: null });
    });

    it('records retries, counting the attempt only when asked, and clips long errors', async () => {
      const m = message('a');
      await enqueue(m);
      await claim();
      const retry = (notBefore: string, countAttempt: boolean): OutboxSettlement => ({
        state: 'pending',
        notBefore,
        error: '503: busy',
        countAttempt,
      });
      expect(await settle(m.id, retry(t(60), true))).toBe(true);
      expect(await find(m.id)).toMatchObject({
        state: 'pending',
        attempts: 1,
        notBefore: t(60),
        lastError: '503: busy',
      });
      await claim(t(60));
      await settle(m.id, retry(t(120), false), t(60));
      expect(await find(m.id)).toMatchObject({ attempts: 1, notBefore: t(120) });
      await claim(t(120));
      await settle(m.id, { state: 'failed', error: 'x'.repeat(5000) }, t(120));
      const failed = await find(m.id);
      expect(failed).toMatchObject({ state: 'failed', attempts: 2 });
      expect(failed?.lastError).toHaveLength(1000);
    });
  });

  it('counts messages by state', async () => {
    expect(await storage.transaction((tx) => tx.outbox.countByState())).toEqual({});
    const [sent, failed, unknown, sending, pending] = ['a', 'b', 'c', 'd', 'e'].map((c) =>
      message(c),
    );
    await enqueue(sent!, failed!, unknown!, sending!, pending!);
    await claim(NOW, 4);
    await settle(sent!.id, SENT);
    await settle(failed!.id, { state: 'failed', error: '404' });
    await settle(unknown!.id, { state: 'unknown', error: 'timeout' });
    expect(await storage.transaction((tx) => tx.outbox.countByState())).toEqual({
      sent: 1,
      failed: 1,
      unknown: 1,
      sending: 1,
      pending: 1,
    });
  });

  it('prunes only sent messages settled before the cut-off', async () => {
    const [oldSent, newSent, oldFailed, oldUnknown, pending] = ['a', 'b', 'c', 'd', 'e'].map((c) =>
      message(c),
    );
    await enqueue(oldSent!, newSent!, oldFailed!, oldUnknown!, pending!);
    await claim(NOW, 4);
    await settle(oldSent!.id, SENT, t(10));
    await settle(newSent!.id, SENT, t(100));
    await settle(oldFailed!.id, { state: 'failed', error: '403' }, t(10));
    await settle(oldUnknown!.id, { state: 'unknown', error: 'reset' }, t(10));

    expect(await storage.transaction((tx) => tx.outbox.prune(t(50)))).toBe(1);
    expect(await find(oldSent!.id)).toBeUndefined();
    for (const kept of [newSent!, oldFailed!, oldUnknown!, pending!]) {
      expect(await find(kept.id)).toBeDefined();
    }
    expect(await storage.transaction((tx) => tx.outbox.prune(t(50)))).toBe(0);
  });

  onPostgres(backend)('never leases one message to two instances claiming at once', async () => {
    const conversations = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const all = Array.from({ length: 200 }, (_, i) => message(conversations[i % 20]!));
    await enqueue(...all);
    const other = await openStorage(location);
    const leases = new Map<string, number>();
    const order = new Map<string, string[]>();
    const inFlight = new Set<string>();
    const overlaps: string[] = [];
    const byInstance = { a: 0, b: 0 };
    let settled = 0;

    const sender = async (instance: 'a' | 'b', store: Storage) => {
      for (let round = 0; settled < all.length; round++) {
        if (round > 5000) throw new Error('the senders made no progress');
        const got = await store.transaction((tx) => tx.outbox.claimDue(NOW, t(31), 3));
        for (const m of got) {
          const key = m.target.conversationId;
          if (inFlight.has(key)) overlaps.push(key);
          inFlight.add(key);
          leases.set(m.id, (leases.get(m.id) ?? 0) + 1);
          order.set(key, [...(order.get(key) ?? []), m.id]);
          byInstance[instance] += 1;
        }
        for (const m of got) {
          // Released before the settle commits, so the next lease can only come after it.
          inFlight.delete(m.target.conversationId);
          expect(await store.transaction((tx) => tx.outbox.settle(m.id, SENT, NOW))).toBe(true);
          settled += 1;
        }
        if (got.length === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    };
    try {
      await Promise.all([
        sender('a', storage),
        sender('b', other),
        sender('a', storage),
        sender('b', other),
      ]);
    } finally {
      await other.close();
    }

    expect(leases.size).toBe(all.length);
    expect([...leases.values()].every((n) => n === 1)).toBe(true);
    expect(overlaps).toEqual([]);
    for (const key of new Set(all.map((m) => m.target.conversationId))) {
      expect(order.get(key)).toEqual(
        all.filter((m) => m.target.conversationId === key).map((m) => m.id),
      );
    }
    expect(byInstance.a).toBeGreaterThan(0);
    expect(byInstance.b).toBeGreaterThan(0);
    expect(await storage.transaction((tx) => tx.outbox.countByState())).toEqual({ sent: 200 });
  });

  describe('cardOf: where a card stands, as findPost and findPendingUpdate say', () => {
    const card = (overrides: Partial<NewOutboxMessage>) =>
      message('a', { subject: 'incident:7', ...overrides });
    const cardOf = (subject = 'incident:7', tenantId = 'tenant-contoso') =>
      storage.transaction((tx) => tx.outbox.cardOf(tenantId, subject));
    const sendAll = async (activityId: string) => {
      for (const m of await claim()) await settle(m.id, { state: 'sent', activityId });
    };

    it('knows nothing of a card never posted, nor of other subjects and tenants', async () => {
      await enqueue(card({ subject: 'incident:8' }), card({ tenantId: 'tenant-fabrikam' }));
      expect(await cardOf()).toEqual({});
    });

    it('gives the latest post with its target and, once sent, its activity id', async () => {
      const target = { serviceUrl: SERVICE_URL, conversationId: '19:b@thread.tacv2;messageid=9' };
      await enqueue(card({ id: 'first' }), card({ id: 'second', target }));
      expect(await cardOf()).toEqual({
        post: { id: 'second', state: 'pending', target, sentActivityId: null },
      });
      await sendAll('1:card');
      expect((await cardOf()).post).toMatchObject({ id: 'second', state: 'sent' });
      expect((await cardOf()).post?.sentActivityId).toBe('1:card');
    });

    it('names the newest edit not yet sent, and forgets edits once sent', async () => {
      await enqueue(card({ id: 'post' }));
      await sendAll('1:card');
      await enqueue(card({ id: 'edit-1', operation: 'update' }));
      expect(await cardOf()).toMatchObject({ post: { id: 'post' }, pendingUpdateId: 'edit-1' });
      await sendAll('1:card');
      expect((await cardOf()).pendingUpdateId).toBeUndefined();
      await enqueue(
        card({ id: 'edit-2', operation: 'update' }),
        card({ id: 'edit-3', operation: 'update' }),
      );
      expect((await cardOf()).pendingUpdateId).toBe('edit-3');
    });
  });
});
