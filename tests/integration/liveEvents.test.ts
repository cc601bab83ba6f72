import { liveEventSchema } from '../../shared/api/live';
import { startTestApp, type TestApp } from '../support/app';
import { openSse, type SseEvent, type SseStream } from '../support/sse';

const UUID = /^[0-9a-f-]{36}$/;

/**
 * The live event stream over HTTP, as a raw SSE client sees it: each war room's audit log,
 * one event per change (id = seq, name = action), catch-up after a reconnect, heartbeats,
 * and limits on how many streams are open. Local development mode (the development
 * identity); tests/integration/liveEventsAuth.test.ts covers sign-in and tenants.
 */
describe('live events of a war room', () => {
  let t: TestApp;
  let warRoomId: string;
  const open: SseStream[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, { live: { heartbeatMs: 300, maxStreamsPerUser: 4 } });
    await t.say('start Mailbox cutover weekend');
    const list = await t.get('/api/v1/war-rooms');
    warRoomId = (list.body as { warRooms: { id: string }[] }).warRooms[0]!.id;
  });
  afterEach(() => {
    open.splice(0).forEach((s) => s.close());
  });
  afterAll(async () => {
    await t?.stop();
  });

  const stream = async (query = '', headers: Record<string, string> = {}) => {
    const s = await openSse(`${t.baseUrl}/api/v1/war-rooms/${warRoomId}/events${query}`, headers);
    open.push(s);
    return s;
  };
  const data = (e: SseEvent) => liveEventSchema.parse(JSON.parse(e.data));
  const lastSeq = () => t.app.storage.transaction((tx) => tx.audit.lastSeq(t.tenantId, warRoomId));
  /** Until the server has registered `n` streams (it answers headers before it registers). */
  const streamsOpen = async (n: number) => {
    for (let i = 0; i < 100 && t.app.live.size !== n; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(t.app.live.size).toBe(n);
  };

  test('is an event stream that proxies must not buffer or cache, with a retry hint', async () => {
    const s = await stream();
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.headers['cache-control']).toMatch(/no-cache/);
    expect(s.headers['x-accel-buffering']).toBe('no');
    await s.waitForComment();
    expect(s.retry).toBeGreaterThan(0);
  });

  test('an incident logged through the bot endpoint arrives within a second, named and numbered by the audit log', async () => {
    const s = await stream();
    await streamsOpen(1);
    const before = await lastSeq();
    const sent = Date.now();
    expect((await t.say('incident Licences not assigned sev2')).status).toBe(200);
    const [event] = await s.waitForEvents(1, 1000);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(event).toMatchObject({ id: String(before + 1), event: 'incident.logged' });
    const body = data(event!);
    expect(body).toEqual({
      seq: before + 1,
      action: 'incident.logged',
      subject: expect.stringMatching(/^incident:/),
      at: expect.any(String),
    });
    expect(body.subject.split(':')[1]).toMatch(UUID);
    // Only the headline: no actor, no before/after.
    expect(Object.keys(JSON.parse(event!.data) as object).sort()).toEqual([
      'action',
      'at',
      'seq',
      'subject',
    ]);
    expect(s.events).toHaveLength(1);
  });

  test('a reconnect with Last-Event-ID gets exactly the missed events, in order, then live ones once', async () => {
    const first = await stream();
    await streamsOpen(1);
    await t.say('incident Mail flow delayed sev3');
    const [seen] = await first.waitForEvents(1);
    first.close();
    await streamsOpen(0);

    await t.say('incident Archive stuck sev3');
    await t.say('incident OneDrive quota sev4');
    await t.say('incident Calendar sharing broken sev2');

    const again = await stream('', { 'last-event-id': seen!.id! });
    const missed = await again.waitForEvents(3);
    const from = Number(seen!.id);
    expect(missed.map((e) => e.id)).toEqual([from + 1, from + 2, from + 3].map(String));
    expect(missed.map((e) => e.event)).toEqual(Array(3).fill('incident.logged'));
    await t.say('incident Teams meeting links wrong sev4');
    await again.waitForEvents(4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.events.map((e) => e.id)).toEqual([1, 2, 3, 4].map((n) => String(from + n)));

    // The query parameter does the same for a new EventSource (which cannot set the header).
    const viaQuery = await stream(`?lastEventId=${from + 2}`);
    await viaQuery.waitForEvents(2);
    expect(viaQuery.events.map((e) => e.id)).toEqual([from + 3, from + 4].map(String));
  });

  test('a stream opened without a last event id starts at the end of the log', async () => {
    await t.say('incident Before the stream sev4');
    const s = await stream();
    await streamsOpen(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(s.events).toEqual([]);
  });

  test('sends a heartbeat comment while nothing happens', async () => {
    const s = await stream();
    await s.waitForComment(); // the first may be a response to opening; the next is timed
    const at = Date.now();
    expect(await s.waitForComment(1500)).toBe('heartbeat');
    expect(Date.now() - at).toBeLessThan(1000);
  });

  test('one person may hold only so many streams; a closed one frees its place', async () => {
    const four = await Promise.all([1, 2, 3, 4].map(() => stream()));
    expect(four.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    await streamsOpen(4);
    const fifth = await stream();
    expect(fifth.status).toBe(429);
    expect(fifth.headers['retry-after']).toBe('30');
    expect(fifth.body).toMatchObject({ error: { code: 'too_many_streams' } });
    four[0]!.close();
    await streamsOpen(3);
    expect((await stream()).status).toBe(200);
    await streamsOpen(4);
  });

  test('the server forgets a stream when its client goes', async () => {
    const s = await stream();
    await streamsOpen(1);
    s.close();
    await streamsOpen(0);
  });

  test('a ticket from the ticket endpoint opens the stream', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/war-rooms/${warRoomId}/events/ticket`, {
      method: 'POST',
    });
    expect(res.status).toBe(200);
    const { ticket, expiresAt } = (await res.json()) as { ticket: string; expiresAt: string };
    const ttl = new Date(expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    const s = await stream(`?ticket=${encodeURIComponent(ticket)}`);
    expect(s.status).toBe(200);
  });

  test('refuses a last event id that is not a number, and a war room id that is not one', async () => {
    expect((await stream('?lastEventId=abc')).status).toBe(400);
    const s = await openSse(`${t.baseUrl}/api/v1/war-rooms/not-a-uuid/events`);
    expect(s.status).toBe(404);
  });
});
