import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AbortError } from '@azure/abort-controller';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { Logger } from '../../bot/logger';
import type { Clock } from '../../bot/services/clock';
import {
  backoffMs,
  DeliveryService,
  type DeliveryOptions,
  type Messenger,
  type SendOutcome,
} from '../../bot/services/delivery';
import { Pacer } from '../../bot/services/pacer';
import { openSqliteStorage } from '../../bot/storage/sqlite/storage';
import {
  conversationKey,
  type NewOutboxMessage,
  type OutboxMessage,
  type Storage,
} from '../../bot/storage/types';
import { TEAMS_RATE_LIMITS } from '../../bot/teams';
import { classify, retryAfterMs } from '../../bot/teams/messenger';

const T0 = Date.UTC(2025, 5, 14, 8, 0);
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const iso = (ms: number) => new Date(ms).toISOString();

class FakeClock implements Clock {
  constructor(public ms = T0) {}
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
  set(instant: string) {
    this.ms = Date.parse(instant);
  }
}

/** A stand-in for the Bot Connector: answers as scripted per message, and remembers calls. */
class ScriptedMessenger implements Messenger {
  readonly calls: { message: OutboxMessage; signal: AbortSignal }[] = [];
  private readonly scripts = new Map<string, (SendOutcome | (() => Promise<SendOutcome>))[]>();

  /** The next answers for `id`, in order; after them, every send succeeds. */
  script(id: string, ...answers: (SendOutcome | (() => Promise<SendOutcome>))[]) {
    this.scripts.set(id, answers);
  }

  async send(message: OutboxMessage, signal: AbortSignal): Promise<SendOutcome> {
    this.calls.push({ message, signal });
    const next = this.scripts.get(message.id)?.shift();
    if (typeof next === 'function') return next();
    return next ?? { kind: 'sent', activityId: `1:${message.id}` };
  }

  sentIds = () => this.calls.map((c) => c.message.id);
}

const transient: SendOutcome = { kind: 'transient', error: '503: Service Unavailable' };
const unknown: SendOutcome = { kind: 'unknown', error: 'ECONNRESET: socket hang up' };
const forbidden: SendOutcome = { kind: 'rejected', status: 403, error: 'bot not in roster' };

function recordingLogger() {
  const entries: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    entries.push({ level, msg, fields });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, entries };
}

describe('DeliveryService', () => {
  let storage: Storage;
  let clock: FakeClock;
  let messenger: ScriptedMessenger;
  let pacer: Pacer;
  let log: ReturnType<typeof recordingLogger>;
  let posted: [OutboxMessage, string][];
  let made: number;

  beforeEach(async () => {
    storage = await openSqliteStorage(':memory:');
    clock = new FakeClock();
    messenger = new ScriptedMessenger();
    pacer = new Pacer(TEAMS_RATE_LIMITS);
    log = recordingLogger();
    posted = [];
    made = 0;
  });
  afterEach(() => storage.close());

  /**
   * A sender driven by tick() alone: stopped, so the timers it sets for retries do not
   * start rounds of their own behind the test's back.
   */
  async function sender(options: Partial<DeliveryOptions> = {}) {
    let n = 0;
    const service = new DeliveryService({
      storage,
      clock,
      ids: () => `notice-${++n}`,
      logger: log.logger,
      messenger,
      pacer,
      onPosted: async (_tx, message, activityId) => {
        posted.push([message, activityId]);
      },
      options,
    });
    await service.stop();
    return service;
  }

  const target = (conversation: string) => ({
    serviceUrl: SERVICE_URL,
    conversationId: `19:${conversation}@thread.tacv2`,
  });
  /** A post to `conversation`, created now (each a millisecond after the previous). */
  function post(conversation: string, overrides: Partial<NewOutboxMessage> = {}) {
    made += 1;
    return {
      id: `m${made}`,
      tenantId: 'tenant-contoso',
      target: target(conversation),
      operation: 'post' as const,
      subject: null,
      activity: { type: 'message', text: `message ${made}` },
      failureNotice: null,
      createdAt: iso(clock.ms),
      ...overrides,
    };
  }
  const update = (conversation: string, overrides: Partial<NewOutboxMessage> = {}) =>
    post(conversation, {
      operation: 'update',
      target: { ...target(conversation), activityId: '1:card' },
      ...overrides,
    });
  async function enqueue(...messages: NewOutboxMessage[]) {
    for (const m of messages) {
      await storage.transaction((tx) => tx.outbox.enqueue(m));
      clock.advance(1);
    }
    return messages;
  }
  const find = async (id: string) => {
    const found = await storage.transaction((tx) => tx.outbox.findById(id));
    if (!found) throw new Error(`no outbox message ${id}`);
    return found;
  };
  const counts = () => storage.transaction((tx) => tx.outbox.countByState());
  /** Moves the clock to when `id` may be retried. */
  const untilRetry = async (id: string) => clock.set((await find(id)).notBefore);

  it('sends a post, keeps its activity id and reports it for the subject it shows', async () => {
    const service = await sender();
    const [card, plain] = await enqueue(post('a', { subject: 'incident:7' }), post('b'));
    messenger.script(card!.id, { kind: 'sent', activityId: '1:card-activity' });

    expect(await service.tick()).toBe(2);

    expect(await find(card!.id)).toMatchObject({
      state: 'sent',
      sentActivityId: '1:card-activity',
      attempts: 1,
    });
    expect(messenger.calls[0]?.message).toMatchObject({
      target: card!.target,
      activity: card!.activity,
    });
    expect(posted).toEqual([[expect.objectContaining({ id: card!.id }), '1:card-activity']]);
    expect(await find(plain!.id)).toMatchObject({ state: 'sent' });
    expect(await service.tick()).toBe(0);
    expect(messenger.calls).toHaveLength(2);
  });

  it('does not report an update as a post', async () => {
    // onPosted is documented as "called once a post with a subject is sent".
    const service = await sender();
    const [edit] = await enqueue(update('a', { subject: 'incident:7' }));
    messenger.script(edit!.id, { kind: 'sent', activityId: '1:card' });
    await service.tick();
    expect(await find(edit!.id)).toMatchObject({ state: 'sent' });
    expect(posted).toEqual([]);
  });

  it('keeps a message sent when recording its card fails, and logs why', async () => {
    const service = new DeliveryService({
      storage,
      clock,
      ids: () => 'notice',
      logger: log.logger,
      messenger,
      pacer,
      onPosted: () => Promise.reject(new Error('incident gone')),
    });
    await service.stop();
    const [card] = await enqueue(post('a', { subject: 'incident:7' }));
    await service.tick();
    expect(await find(card!.id)).toMatchObject({ state: 'sent' });
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        fields: expect.objectContaining({ messageId: card!.id }),
      }),
    );
  });

  it('after a 429 with Retry-After, holds the conversation back exactly that long', async () => {
    const service = await sender();
    const [m] = await enqueue(post('a'));
    const key = conversationKey(m!.target);
    messenger.script(m!.id, { kind: 'throttled', retryAfterMs: 5000, error: '429: Too Many' });
    const throttledAt = clock.ms;

    await service.tick();
    expect(await find(m!.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      notBefore: iso(throttledAt + 5000),
      lastError: '429: Too Many',
    });
    expect(pacer.waitMs(key, throttledAt)).toBe(5000);
    expect(pacer.waitMs('another conversation', throttledAt)).toBe(0);

    clock.advance(4999);
    expect(await service.tick()).toBe(0);
    clock.advance(1);
    expect(await service.tick()).toBe(1);
    expect(await find(m!.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(messenger.calls).toHaveLength(2);
  });

  it('after a 429 without Retry-After, backs off', async () => {
    const service = await sender();
    const [m] = await enqueue(post('a'));
    messenger.script(m!.id, { kind: 'throttled', error: '429' });
    const at = clock.ms;
    await service.tick();
    const delay = Date.parse((await find(m!.id)).notBefore) - at;
    expect(delay).toBeGreaterThanOrEqual(500);
    expect(delay).toBeLessThanOrEqual(1000);
  });

  it('retries transient failures with a backoff that doubles each time', async () => {
    const service = await sender();
    const [m] = await enqueue(post('a'));
    messenger.script(m!.id, transient, transient, transient, transient, transient);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const at = clock.ms;
      expect(await service.tick()).toBe(1);
      const now = await find(m!.id);
      expect(now).toMatchObject({
        state: 'pending',
        attempts: attempt,
        lastError: transient.error,
      });
      delays.push(Date.parse(now.notBefore) - at);
      await untilRetry(m!.id);
    }
    delays.forEach((delay, i) => {
      const step = 1000 * 2 ** i;
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    });
    await service.tick();
    expect(await find(m!.id)).toMatchObject({ state: 'sent', attempts: 6 });
  });

  it('fails a refused message at once and posts its failure notice in its place', async () => {
    const service = await sender();
    const notice = { type: 'message', text: 'The card for #3 could not be posted.' };
    const [m] = await enqueue(
      post('a', {
        target: { ...target('a'), replyToId: '1:command' },
        subject: 'incident:3',
        failureNotice: notice,
      }),
    );
    messenger.script(m!.id, forbidden);

    await service.tick();
    expect(await find(m!.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect((await find(m!.id)).lastError).toContain('403');
    expect(await counts()).toEqual({ failed: 1, pending: 1 });

    await service.tick();
    expect(messenger.calls.map((c) => c.message)).toEqual([
      expect.objectContaining({ id: m!.id }),
      expect.objectContaining({
        tenantId: m!.tenantId,
        target: m!.target,
        operation: 'post',
        activity: notice,
        subject: null,
        failureNotice: null,
      }),
    ]);
    expect(await counts()).toEqual({ failed: 1, sent: 1 });
    expect(posted).toEqual([]);
    clock.advance(3_600_000);
    expect(await service.tick()).toBe(0);
  });

  it('posts the notice of a failed update as a new message', async () => {
    const service = await sender();
    const notice = { type: 'message', text: 'The card could not be updated.' };
    const [m] = await enqueue(update('a', { failureNotice: notice }));
    messenger.script(m!.id, forbidden);
    await service.tick();
    await service.tick();
    expect(messenger.calls[1]?.message).toMatchObject({ operation: 'post', activity: notice });
  });

  it('fails a refused message without a notice, and sends nothing in its place', async () => {
    const service = await sender();
    const [m] = await enqueue(post('a'));
    messenger.script(m!.id, forbidden);
    await service.tick();
    expect(await counts()).toEqual({ failed: 1 });
    expect(await service.tick()).toBe(0);
    expect(messenger.calls).toHaveLength(1);
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        fields: expect.objectContaining({ messageId: 'm1' }),
      }),
    );
  });

  it.each([
    ['its outcome is unknown', unknown],
    ['the messenger throws', () => Promise.reject(new Error('socket hang up'))],
  ] as const)(
    'never posts a message again when %s, and sends the next one',
    async (_case, answer) => {
      const service = await sender();
      const [first, next] = await enqueue(post('a'), post('a'));
      messenger.script(first!.id, answer);
      await service.tick();
      expect(await find(first!.id)).toMatchObject({ state: 'unknown', attempts: 1 });
      expect(log.entries).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          fields: expect.objectContaining({ messageId: first!.id }),
        }),
      );

      await service.tick();
      for (let hour = 1; hour <= 3; hour++) {
        clock.advance(3_600_000);
        await service.tick();
      }
      expect(messenger.sentIds()).toEqual([first!.id, next!.id]);
      expect(await find(first!.id)).toMatchObject({ state: 'unknown' });
    },
  );

  it('sends an update again when its outcome is unknown', async () => {
    const service = await sender();
    const [edit] = await enqueue(update('a'));
    messenger.script(edit!.id, unknown);
    await service.tick();
    expect(await find(edit!.id)).toMatchObject({ state: 'pending', attempts: 1 });
    await untilRetry(edit!.id);
    await service.tick();
    expect(await find(edit!.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(messenger.sentIds()).toEqual([edit!.id, edit!.id]);
  });

  it.each([
    ['transient failures', transient],
    ['429s', { kind: 'throttled', retryAfterMs: 2000, error: '429' } as SendOutcome],
  ])('gives up after maxAttempts %s and posts the failure notice', async (_case, answer) => {
    const service = await sender({ maxAttempts: 3 });
    const notice = {
      type: 'message',
      text: 'Incident #3 was logged; its card could not be posted.',
    };
    const [m] = await enqueue(post('a', { failureNotice: notice }));
    messenger.script(m!.id, answer, answer, answer, answer);
    for (let attempt = 1; attempt < 3; attempt++) {
      await service.tick();
      expect(await find(m!.id)).toMatchObject({ state: 'pending', attempts: attempt });
      await untilRetry(m!.id);
    }
    await service.tick();
    const failed = await find(m!.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 3 });
    expect(failed.lastError).toMatch(/gave up/);

    clock.advance(2000); // past the last Retry-After, which holds the notice back too
    await service.tick();
    expect(messenger.calls.map((c) => c.message.activity)).toEqual([
      m!.activity,
      m!.activity,
      m!.activity,
      notice,
    ]);
  });

  it('gives up on a message older than maxAgeMs after its next failure', async () => {
    const service = await sender({ maxAgeMs: 10 * 60_000 });
    const [m] = await enqueue(post('a'));
    messenger.script(m!.id, transient, transient);
    await service.tick();
    expect(await find(m!.id)).toMatchObject({ state: 'pending' });
    clock.advance(10 * 60_000);
    await service.tick();
    expect(await find(m!.id)).toMatchObject({ state: 'failed', attempts: 2 });
  });

  it('ends an attempt the messenger never answers after attemptTimeoutMs, as unknown', async () => {
    const service = await sender({ attemptTimeoutMs: 50 });
    const [silent, edit] = await enqueue(post('a'), update('b'));
    const never = () => new Promise<SendOutcome>(() => undefined);
    messenger.script(silent!.id, never);
    messenger.script(edit!.id, never);

    await service.tick();
    expect(await find(silent!.id)).toMatchObject({ state: 'unknown' });
    expect((await find(silent!.id)).lastError).toContain('50 ms');
    // The update is harmless to repeat: it is retried.
    expect(await find(edit!.id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(messenger.calls.map((c) => c.signal.aborted)).toEqual([true, true]);
  }, 5000);

  it('keeps each conversation in order while another goes on', async () => {
    const service = await sender();
    const [a1, b1, a2, b2, a3] = await enqueue(
      post('a'),
      post('b'),
      post('a'),
      post('b'),
      post('a'),
    );
    messenger.script(a1!.id, transient);

    await service.tick();
    expect(messenger.sentIds()).toEqual([a1!.id, b1!.id]);
    await service.tick();
    expect(messenger.sentIds()).toEqual([a1!.id, b1!.id, b2!.id]);

    await untilRetry(a1!.id);
    for (let i = 0; i < 4; i++) await service.tick();
    const ofA = messenger.calls.filter(
      (c) => c.message.target.conversationId === a1!.target.conversationId,
    );
    expect(ofA.map((c) => c.message.id)).toEqual([a1!.id, a1!.id, a2!.id, a3!.id]);
  });

  it('releases a message whose conversation must wait long, without counting an attempt', async () => {
    const service = await sender();
    // 60 sends in 30 s fill the longest short window; the 61st has to wait ~12 s.
    const queue = await enqueue(...Array.from({ length: 61 }, () => post('a')));
    for (let i = 0; i < 60; i++) {
      await service.tick();
      clock.advance(300);
    }
    expect(messenger.calls).toHaveLength(60);
    const last = queue[60]!;
    await service.tick();
    const held = await find(last.id);
    expect(held).toMatchObject({ state: 'pending', attempts: 0 });
    expect(Date.parse(held.notBefore) - clock.ms).toBeGreaterThan(1500);
    expect(messenger.calls).toHaveLength(60);

    await untilRetry(last.id);
    await service.tick();
    expect(await find(last.id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('waits for a pacing slot inline: the 8th message in a second goes a second after the first', async () => {
    const sends: number[] = [];
    const spy = new (class extends Pacer {
      override record(key: string, now: number) {
        sends.push(now);
        super.record(key, now);
      }
    })(TEAMS_RATE_LIMITS);
    const service = new DeliveryService({
      storage,
      clock: { now: () => new Date() },
      ids: () => 'notice',
      logger: log.logger,
      messenger,
      pacer: spy,
    });
    await service.stop();
    clock.ms = Date.now() - 1000; // created a moment ago: all due
    await enqueue(...Array.from({ length: 8 }, () => post('a')));
    for (let i = 0; i < 8; i++) expect(await service.tick()).toBe(1);
    expect(messenger.calls).toHaveLength(8);
    expect(sends[6]! - sends[0]!).toBeLessThan(1000);
    expect(sends[7]! - sends[0]!).toBeGreaterThanOrEqual(1000);
  });

  /** A sender driven by kick(), not started: nothing listens to commits, and no poll runs. */
  const kicked = () =>
    new DeliveryService({
      storage,
      clock,
      ids: () => 'notice-1',
      logger: log.logger,
      messenger,
      pacer,
    });

  it('sends a queue, and the notices of what failed, on one kick', async () => {
    const service = kicked();
    const notice = { type: 'message', text: 'Could not post.' };
    const [a1, a2, b1] = await enqueue(post('a'), post('a', { failureNotice: notice }), post('b'));
    messenger.script(a2!.id, forbidden);
    service.kick();
    await service.idle();
    await service.stop();
    expect(messenger.sentIds()).toEqual([a1!.id, b1!.id, a2!.id, 'notice-1']);
  });

  it('leases again after sending only what waited behind it; a new message comes with its signal', async () => {
    const service = kicked();
    const [a1, a2] = await enqueue(post('a'), post('a'));
    // Enqueued while a2 is being sent, by a transaction no sender listens to.
    const b1 = post('b');
    messenger.script(a2!.id, async () => {
      await storage.transaction((tx) => tx.outbox.enqueue(b1));
      return { kind: 'sent', activityId: '1:a2' };
    });
    service.kick();
    await service.idle();
    // a2 waited behind a1, so the drain went on; nothing waited behind a2: it stopped there.
    expect(messenger.sentIds()).toEqual([a1!.id, a2!.id]);
    service.kick();
    await service.idle();
    expect(messenger.sentIds()).toEqual([a1!.id, a2!.id, b1.id]);
    await service.stop();
  });

  it('after a restart, resumes what the previous sender left pending', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'warroom-delivery-'));
    const file = path.join(dir, 'warroom.sqlite');
    try {
      await storage.close();
      storage = await openSqliteStorage(file);
      const first = await sender();
      const [sent, retried] = await enqueue(post('a'), post('b'));
      messenger.script(retried!.id, transient);
      await first.tick();
      const [untried] = await enqueue(post('c'));
      await storage.close();

      storage = await openSqliteStorage(file);
      messenger = new ScriptedMessenger();
      pacer = new Pacer(TEAMS_RATE_LIMITS);
      const second = await sender();
      await untilRetry(retried!.id);
      await second.tick();
      expect(messenger.sentIds().sort()).toEqual([retried!.id, untried!.id].sort());
      expect(await find(sent!.id)).toMatchObject({ state: 'sent', attempts: 1 });
      expect(await find(retried!.id)).toMatchObject({ state: 'sent', attempts: 2 });
    } finally {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("settles a dead sender's messages once its lease runs out: the update is sent, the post is not", async () => {
    const service = await sender();
    const [orphanPost, behindIt, orphanUpdate] = await enqueue(post('a'), post('a'), update('b'));
    // Another instance leased them, then died mid-send.
    await storage.transaction((tx) =>
      tx.outbox.claimDue(iso(clock.ms), iso(clock.ms + 30_000), 10),
    );
    const leasedAt = clock.ms;

    clock.set(iso(leasedAt + 29_000));
    expect(await service.tick()).toBe(0);
    expect(messenger.calls).toEqual([]);

    clock.set(iso(leasedAt + 31_000));
    await service.tick();
    expect(await find(orphanPost!.id)).toMatchObject({ state: 'unknown' });
    expect(messenger.sentIds().sort()).toEqual([behindIt!.id, orphanUpdate!.id].sort());
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ messageId: orphanPost!.id }),
      }),
    );
  });
});

describe('backoffMs', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [6, 16_000, 32_000],
    [7, 30_000, 60_000],
    [50, 30_000, 60_000],
  ])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffMs(attempt)).toBe(low);
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(backoffMs(attempt)).toBe(high);
  });

  it('starts from the base it is given', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffMs(1, 200)).toBe(100);
    expect(backoffMs(3, 200)).toBe(400);
  });
});

describe('classify', () => {
  const request = createPipelineRequest({
    url: 'https://smba.trafficmanager.net/emea/v3/conversations/19%3Aa/activities',
  });
  const http = (status: number, headers: Record<string, string> = {}) =>
    new RestError(`Request failed with status ${status}`, {
      statusCode: status,
      request,
      response: { status, headers: createHttpHeaders(headers), request },
    });
  const network = (code: string) =>
    new RestError(`connect ${code} 52.114.0.1:443`, { code, request });

  it('reads a 429 with Retry-After in seconds', () => {
    expect(classify(http(429, { 'Retry-After': '7' }))).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 7000,
    });
  });

  it('reads a 429 with Retry-After as an HTTP date', () => {
    const date = new Date(Date.now() + 120_000).toUTCString();
    const outcome = classify(http(429, { 'retry-after': date }));
    expect(outcome.kind).toBe('throttled');
    const ms = outcome.kind === 'throttled' ? (outcome.retryAfterMs ?? -1) : -1;
    expect(ms).toBeGreaterThan(110_000);
    expect(ms).toBeLessThanOrEqual(120_000);
  });

  it('reads a 429 without Retry-After as throttled with no delay of its own', () => {
    const outcome = classify(http(429));
    expect(outcome).toMatchObject({ kind: 'throttled' });
    expect(outcome).toHaveProperty('retryAfterMs', undefined);
  });

  it.each([500, 502, 503, 504])('retries %i', (status) => {
    expect(classify(http(status))).toMatchObject({ kind: 'transient' });
  });

  it.each([400, 401, 403, 404])('gives up on %i', (status) => {
    expect(classify(http(status))).toMatchObject({ kind: 'rejected', status });
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])(
    'retries when the request never left (%s)',
    (code) => {
      expect(classify(network(code))).toMatchObject({ kind: 'transient' });
      const raw = Object.assign(new Error(`connect ${code} 52.114.0.1:443`), { code });
      expect(classify(raw)).toMatchObject({ kind: 'transient' });
    },
  );

  it.each([
    ['a reset connection', network('ECONNRESET')],
    ['a timeout after sending', network('ETIMEDOUT')],
    ['an abort (Azure SDK)', new AbortError('The operation was aborted.')],
    // DOMException's numeric `code` (20) is not a Node error code.
    [
      'an abort (fetch)',
      new DOMException('This operation was aborted', 'AbortError') as unknown as Error,
    ],
    ['anything else', new Error('socket hang up')],
  ])('cannot tell whether %s arrived', (_case, error) => {
    expect(classify(error)).toMatchObject({ kind: 'unknown' });
  });

  it('keeps the error text short', () => {
    const outcome = classify(new RestError('x'.repeat(10_000), { statusCode: 500, request }));
    expect(outcome).toMatchObject({ kind: 'transient', error: expect.stringMatching(/^500: x/) });
    expect(outcome.kind !== 'sent' && outcome.error.length).toBeLessThanOrEqual(500);
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2025, 5, 14, 8, 0);
  it.each([
    ['seconds', '120', 120_000],
    ['zero', '0', 0],
    ['a fraction', '1.5', 1500],
    ['an HTTP date ahead', 'Sat, 14 Jun 2025 08:00:30 GMT', 30_000],
    ['an HTTP date past', 'Sat, 14 Jun 2025 07:59:00 GMT', 0],
    ['more than an hour, capped', '86400', 3_600_000],
    ['no header', undefined, undefined],
    ['an empty header', '', undefined],
    ['garbage', 'soon', undefined],
    ['a negative number', '-1', undefined],
  ])('%s', (_case, header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
