import { startTestApp, type TestApp } from '../support/app';

/**
 * A Bot Connector that misbehaves (429 with and without Retry-After, 5xx, refusals,
 * resets, slow and never answering): Teams' request to the bot is still answered within
 * a few seconds, cards arrive eventually within the rate limits and without duplicates,
 * or the channel is told.
 */
describe('a misbehaving Bot Connector', () => {
  let t: TestApp;
  const figures: string[] = [];
  beforeEach(async () => {
    t = await startTestApp(
      {},
      // Small steps so the suite stays short; the policy is the production one.
      { delivery: { attemptTimeoutMs: 800, retryBaseMs: 100, maxAttempts: 4 } },
    );
    await t.say('start Mailbox cutover weekend');
  });
  afterEach(async () => {
    t.connector.always = undefined;
    await t.stop();
  });
  afterAll(() => console.log(`connector faults:\n${figures.join('\n')}`));

  /** Posts a message and times Teams' request alone (not the delivery that follows). */
  const timedSay = async (text: string) => {
    const started = Date.now();
    const res = await fetch(`${t.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(t.room.message(text)),
    });
    return { status: res.status, ms: Date.now() - started };
  };
  const outbox = () => t.app.storage.transaction((tx) => tx.outbox.countByState());
  const cardPosts = () =>
    t.connector.calls.filter((c) => (c.activity.attachments ?? []).length > 0);
  const texts = () => t.connector.calls.map((c) => c.activity.text ?? '');
  /** Polls `check` until it holds (bounded). */
  const eventually = async (check: () => Promise<boolean> | boolean, ms = 8000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  test('a connector that never answers: Teams is answered at once; the card is not re-posted blindly', async () => {
    t.connector.always = { kind: 'hang' };
    const r = await timedSay('incident Licences not assigned sev2');
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(3000);
    await eventually(async () => (await outbox()).unknown === 1);
    const attemptsBefore = t.connector.attempts.length;
    await new Promise((r) => setTimeout(r, 1500)); // several polls
    expect(t.connector.attempts.length).toBe(attemptsBefore);
    figures.push(
      `  never answers: Teams answered in ${r.ms} ms; card post left unknown, not repeated`,
    );
  });

  test('a reset after sending is an unknown outcome: no second post', async () => {
    t.connector.misbehaveNext(1, { kind: 'reset' });
    await t.say('incident Licences not assigned sev2');
    await eventually(async () => (await outbox()).unknown === 1);
    await new Promise((r) => setTimeout(r, 1200));
    expect(cardPosts()).toHaveLength(0);
  });

  test('5xx for ever: retried with backoff, then the channel is told the incident exists', async () => {
    t.connector.misbehaveNext(4, { kind: 'status', status: 503, headers: {} });
    const r = await timedSay('incident Licences not assigned sev2');
    expect(r.ms).toBeLessThan(3000);
    await eventually(() => texts().some((x) => x.includes('INC-1 is logged')));
    const failed = t.connector.attempts.filter((a) => a.status === 503);
    expect(failed).toHaveLength(4);
    // Backoff: each wait at least half of the growing step (100, 200, 400 ms).
    const gaps = failed.slice(1).map((a, i) => a.at - failed[i]!.at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(50 * 2 ** i));
    expect(cardPosts()).toHaveLength(0);
    expect(await outbox()).toMatchObject({ failed: 1 });
    figures.push(`  5xx for ever: 4 attempts, gaps ${gaps.join('/')} ms, then the notice`);
  });

  test('429 without Retry-After backs off; 429 with Retry-After waits it; one card in the end', async () => {
    t.connector.misbehaveNext(2, { kind: 'status', status: 429, headers: {} });
    t.connector.misbehaveNext(1, { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    await t.say('incident Licences not assigned sev2');
    await eventually(() => cardPosts().length === 1);
    const attempts = t.connector.attempts.slice(-4);
    expect(attempts.map((a) => a.status)).toEqual([429, 429, 429, 200]);
    expect(attempts[3]!.at - attempts[2]!.at).toBeGreaterThanOrEqual(950);
    await new Promise((r) => setTimeout(r, 300));
    expect(cardPosts()).toHaveLength(1);
  });

  test.each([401, 403, 404])(
    'a refused card (%i) is not retried and the channel is told',
    async (status) => {
      t.connector.misbehaveNext(1, { kind: 'status', status, headers: {} });
      await t.say('incident Licences not assigned sev2');
      await eventually(() => texts().some((x) => x.includes('INC-1 is logged')));
      expect(t.connector.attempts.filter((a) => a.status === status)).toHaveLength(1);
      expect(cardPosts()).toHaveLength(0);
    },
  );

  test('a slow connector delays the card, not Teams', async () => {
    t.connector.misbehaveNext(1, { kind: 'slow', delayMs: 600 });
    const r = await timedSay('incident Licences not assigned sev2');
    expect(r.ms).toBeLessThan(500);
    await eventually(() => cardPosts().length === 1);
  });

  test('a burst in one conversation is paced within Teams limits, each reply once', async () => {
    const n = 20;
    const sent = Array.from({ length: n }, (_, i) => t.room.message(`incident Burst ${i} sev3`));
    const statuses = await Promise.all(sent.map((a) => t.post(a).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await eventually(() => cardPosts().length === n, 15_000);
    const posts = cardPosts();
    // Each command answered exactly once, in its own thread position.
    expect(new Set(posts.map((p) => p.activityId)).size).toBe(n);
    const times = t.connector.attempts.filter((a) => a.method === 'POST').map((a) => a.at);
    const most = (windowMs: number) =>
      Math.max(
        ...times.map((start) => times.filter((x) => x >= start && x < start + windowMs).length),
      );
    expect(most(1000)).toBeLessThanOrEqual(7);
    expect(most(2000)).toBeLessThanOrEqual(8);
    figures.push(`  burst of ${n}: at most ${most(1000)} per 1 s, ${most(2000)} per 2 s`);
  });
});
