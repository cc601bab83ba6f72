import { startTestApp, type TestApp } from '../support/app';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { openSse, type SseStream } from '../support/sse';

/**
 * Two instances on one PostgreSQL: a client streaming from one hears what the other
 * changed (NOTIFY in the appending transaction, one LISTEN connection per instance), also
 * after that connection was cut.
 */
describe('live events across two instances on one PostgreSQL', () => {
  let pg: TestPostgres;
  let a: TestApp;
  let b: TestApp;
  let warRoomId: string;
  const open: SseStream[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('live_two_instances');
    // The poll fallback is slowed right down, so only NOTIFY can be in time.
    a = await startTestApp({ DATABASE_URL: url }, { live: { pollMs: 60_000 } });
    b = await startTestApp({ DATABASE_URL: url }, { live: { pollMs: 60_000 } });
    await a.say('start Mailbox cutover weekend');
    const list = await b.get('/api/v1/war-rooms');
    warRoomId = (list.body as { warRooms: { id: string }[] }).warRooms[0]!.id;
  });
  afterEach(() => {
    open.splice(0).forEach((s) => s.close());
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pg?.stop();
  });

  const streamFrom = async (app: TestApp) => {
    const s = await openSse(`${app.baseUrl}/api/v1/war-rooms/${warRoomId}/events`);
    open.push(s);
    expect(s.status).toBe(200);
    for (let i = 0; i < 100 && app.app.live.size === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return s;
  };

  test('an incident logged on instance A reaches a client of instance B within a second', async () => {
    expect(a.app.storage.kind).toBe('postgres');
    const s = await streamFrom(b);
    const sent = Date.now();
    expect((await a.say('incident Licences not assigned sev2')).status).toBe(200);
    const [event] = await s.waitForEvents(1, 1000);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(event?.event).toBe('incident.logged');
  });

  test('many clients of B get each change once, in order', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => streamFrom(b)));
    for (const n of [1, 2, 3]) await a.say(`incident Burst ${n} sev4`);
    const received = await Promise.all(clients.map((c) => c.waitForEvents(3)));
    const ids = received[0]!.map((e) => Number(e.id));
    expect(ids[1]! - ids[0]!).toBe(1);
    expect(ids[2]! - ids[1]!).toBe(1);
    for (const r of received) expect(r.map((e) => Number(e.id))).toEqual(ids);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(clients.every((c) => c.events.length === 3)).toBe(true);
  });

  test('after the listening connection is cut, B listens again and misses nothing', async () => {
    const s = await streamFrom(b);
    expect(await pg.faults.terminateBackends()).toBeGreaterThan(0);
    // Written while B's listener may still be reconnecting: its resync must find it.
    await a.say('incident During the reconnect sev3');
    const [during] = await s.waitForEvents(1, 5000);
    expect(during?.event).toBe('incident.logged');
    await a.say('incident After the reconnect sev3');
    const [, after] = await s.waitForEvents(2, 5000);
    expect(Number(after!.id)).toBe(Number(during!.id) + 1);
  });
});
