import { randomUUID } from 'node:crypto';
import type { WarRoom } from '../../shared/domain/warRoom';
import { startTestApp, type TestApp } from '../support/app';
import { LocalJwks } from '../support/jwks';
import { openSse, type SseStream } from '../support/sse';

const CLIENT_ID = '22222222-3333-4444-5555-666666666666';
const TENANT_A = 'aaaaaaaa-1111-1111-1111-111111111111';
const TENANT_B = 'bbbbbbbb-2222-2222-2222-222222222222';

/**
 * Who may open a war room's event stream: exactly who may read it through the API (Teams
 * SSO token, tenant, visibility), by bearer token or by a ticket that token bought, which
 * is good for one war room and one minute.
 */
describe('live events: sign-in, tenants and tickets', () => {
  let jwks: LocalJwks;
  let t: TestApp;
  /** The server's clock runs this far ahead of real time (to expire tickets). */
  let skewMs = 0;
  const STARTER = randomUUID();
  const rooms: WarRoom[] = [];
  const open: SseStream[] = [];

  const room = (tenantId: string, title: string): WarRoom => {
    const now = new Date().toISOString();
    return {
      id: randomUUID(),
      tenantId,
      teamId: null,
      channelId: `19:${randomUUID()}@thread.tacv2`,
      conversationId: `19:${randomUUID()}@thread.tacv2`,
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      title,
      timeZone: 'Europe/Copenhagen',
      language: 'en',
      phase: 'cutover',
      createdById: STARTER,
      createdByName: 'Someone',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  };

  beforeAll(async () => {
    jwks = await new LocalJwks('https://login.microsoftonline.com/{tenantid}/v2.0').start();
    t = await startTestApp(
      {
        WARROOM_LOCAL_DEV: '0',
        MICROSOFT_APP_ID: randomUUID(),
        MICROSOFT_APP_PASSWORD: 'unused',
        AAD_APP_CLIENT_ID: CLIENT_ID,
        TAB_JWKS_URL: jwks.jwksUrl,
        WARROOM_ALLOWED_TENANTS: `${TENANT_A}, ${TENANT_B}`,
      },
      { clock: { now: () => new Date(Date.now() + skewMs) } },
    );
    rooms.push(room(TENANT_A, 'Cutover of tenant A'), room(TENANT_A, 'Rehearsal of tenant A'));
    for (const r of rooms) await t.app.storage.transaction((tx) => tx.warRooms.insert(r));
  });
  afterEach(() => {
    skewMs = 0;
    open.splice(0).forEach((s) => s.close());
  });
  afterAll(async () => {
    await t?.stop();
    await jwks?.stop();
  });

  const token = (tid: string, oid: string = STARTER) =>
    jwks.sign({
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      aud: CLIENT_ID,
      tid,
      oid,
      name: 'Mette Lead',
    });
  const bearer = async (tid: string, oid?: string) => ({
    authorization: `Bearer ${await token(tid, oid)}`,
  });
  const events = (r: WarRoom) => `${t.baseUrl}/api/v1/war-rooms/${r.id}/events`;
  const stream = async (url: string, headers: Record<string, string> = {}) => {
    const s = await openSse(url, headers);
    open.push(s);
    return s;
  };
  const ticketFor = (r: WarRoom, headers: Record<string, string>) =>
    fetch(`${events(r)}/ticket`, { method: 'POST', headers });
  const ticket = async (r: WarRoom) => {
    const res = await ticketFor(r, await bearer(TENANT_A));
    expect(res.status).toBe(200);
    return ((await res.json()) as { ticket: string }).ticket;
  };
  const [a, otherOfA] = [() => rooms[0]!, () => rooms[1]!];

  test('without a token or ticket: 401, for the stream and for a ticket', async () => {
    const s = await stream(events(a()));
    expect(s.status).toBe(401);
    expect(s.body).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await ticketFor(a(), {})).status).toBe(401);
    expect(t.app.live.size).toBe(0);
  });

  test('the bearer token that reads the war room opens its stream', async () => {
    const s = await stream(events(a()), await bearer(TENANT_A));
    expect(s.status).toBe(200);
  });

  test('another tenant’s war room is not found, by token or by ticket', async () => {
    const b = await bearer(TENANT_B);
    expect((await stream(events(a()), b)).status).toBe(404);
    expect((await ticketFor(a(), b)).status).toBe(404);
  });

  test('someone of the same tenant who may not see the war room gets 404 too', async () => {
    const stranger = await bearer(TENANT_A, randomUUID());
    expect((await stream(events(a()), stranger)).status).toBe(404);
    expect((await ticketFor(a(), stranger)).status).toBe(404);
  });

  test('a ticket opens its own war room’s stream, and only that one', async () => {
    const ok = await stream(`${events(a())}?ticket=${encodeURIComponent(await ticket(a()))}`);
    expect(ok.status).toBe(200);
    const elsewhere = await stream(
      `${events(otherOfA())}?ticket=${encodeURIComponent(await ticket(a()))}`,
    );
    expect(elsewhere.status).toBe(401);
  });

  test('a ticket is refused once it has expired', async () => {
    const issued = await ticket(a());
    skewMs = 61_000;
    const s = await stream(`${events(a())}?ticket=${encodeURIComponent(issued)}`);
    expect(s).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    skewMs = 55_000; // still inside its minute: the same ticket works
    expect((await stream(`${events(a())}?ticket=${encodeURIComponent(issued)}`)).status).toBe(200);
  });

  test('a ticket changed in any way is refused', async () => {
    const issued = await ticket(a());
    const [body, mac] = issued.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, t: TENANT_B })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(0, -2)}AA`, body, 'x.y.z']) {
      const s = await stream(`${events(a())}?ticket=${encodeURIComponent(bad)}`);
      expect(s.status).toBe(401);
    }
  });

  test('the SSO token is never accepted in the URL', async () => {
    const s = await stream(`${events(a())}?ticket=${await token(TENANT_A)}`);
    expect(s.status).toBe(401);
  });
});
