import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { VERBS } from '../../shared/cards/actions';
import { channel, TENANT } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { LocalJwks } from '../support/jwks';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const BF_ISSUER = 'https://api.botframework.com';

/**
 * Bot Framework authentication with botbuilder's own validation pointed at a local
 * OpenID metadata/JWKS endpoint: a valid token gets through, every bad one gets 401.
 */
describe('bot endpoint authentication', () => {
  let jwks: LocalJwks;
  let t: TestApp;

  beforeAll(async () => {
    jwks = await new LocalJwks(BF_ISSUER, ['msteams']).start();
    // botbuilder logs every rejected token with console.error; the assertions say what matters.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    t = await startTestApp({
      WARROOM_LOCAL_DEV: '0',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-used-by-these-tests',
      BOT_OPENID_METADATA_URL: jwks.metadataUrl,
      WARROOM_ALLOWED_TENANTS: TENANT,
      AAD_APP_CLIENT_ID: APP_ID,
      WARROOM_SERVICE_URLS: 'http://127.0.0.1:',
    });
  });
  afterAll(async () => {
    await t?.stop();
    await jwks?.stop();
    jest.restoreAllMocks();
  });

  /** A card click on an incident that does not exist: if it gets through auth, the bot answers 404 itself. */
  const click = () => t.room.cardAction(VERBS.incidentRefresh, { incidentId: randomUUID() });
  const claimsFor = (activity: { serviceUrl: string }) => ({
    iss: BF_ISSUER,
    aud: APP_ID,
    serviceurl: activity.serviceUrl,
  });
  const postWith = async (token: string | undefined, activity: object = click()) =>
    t.post(activity, token === undefined ? {} : { authorization: `Bearer ${token}` });
  const stored = () => t.app.storage.transaction((tx) => tx.warRooms.listByTenant(t.tenantId));

  test('a valid Bot Framework token is accepted and the turn runs', async () => {
    const activity = click();
    const r = await postWith(await jwks.sign(claimsFor(activity)), activity);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      type: 'application/vnd.microsoft.error',
      value: { code: 'not_found' },
    });
  });

  const bad: [string, () => Promise<string | undefined>][] = [
    ['missing', async () => undefined],
    ['garbage', async () => 'not.a.jwt'],
    ['expired', () => jwks.sign(claimsFor(click()), { expiresIn: -3600 })],
    ['for another audience', () => jwks.sign({ ...claimsFor(click()), aud: randomUUID() })],
    [
      'from another issuer',
      () => jwks.sign({ ...claimsFor(click()), iss: 'https://evil.example.com' }),
    ],
    [
      'for another service URL',
      () =>
        jwks.sign({ ...claimsFor(click()), serviceurl: 'https://smba.trafficmanager.net/emea/' }),
    ],
    [
      'signed by an unknown key',
      () => jwks.sign(claimsFor(click()), { key: 'unpublished', kid: 'key-9' }),
    ],
    [
      'forged: right kid, wrong key',
      () => jwks.sign(claimsFor(click()), { key: 'unpublished', kid: 'key-1' }),
    ],
    ['HS256 with the published kid', () => jwks.sign(claimsFor(click()), { alg: 'HS256' })],
    [
      'from a key not endorsed for Teams',
      () => jwks.sign(claimsFor(click()), { key: 'unendorsed' }),
    ],
  ];

  test.each(bad)('a token that is %s gets 401 and nothing runs', async (_name, token) => {
    const before = t.connector.calls.length;
    const r = await postWith(await token(), t.room.message('start Should never exist'));
    expect(r.status).toBe(401);
    expect(JSON.stringify(r.body ?? '')).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(await stored()).toHaveLength(0);
    expect(t.connector.calls.length).toBe(before);
  });

  // Last in this describe: it stores a war room, which the tests above must not see.
  test('a card whose sign-in fails is kept and retried, never given up as "unknown"', async () => {
    // Production mode: the bot must get a token from Entra to post, which this machine
    // cannot reach. The card is owed, not lost: it waits in the outbox for the next try.
    const room = channel({ serviceUrl: t.connector.url, tenantId: TENANT });
    // Each post starts its own thread (the start reply waiting for its retry would hold
    // back the next message in the same thread).
    let thread = 0;
    const say = async (text: string) => {
      const posted = room.message(text);
      const activity = {
        ...posted,
        conversation: { ...posted.conversation, id: `${room.channelId};messageid=${++thread}` },
      };
      return postWith(await jwks.sign(claimsFor(activity)), activity);
    };
    expect((await say('start Sign-in outage weekend')).status).toBe(200);
    expect((await say('incident Licences not assigned sev2')).status).toBe(200);
    const card = await t.app.storage.transaction(async (tx) => {
      const w = await tx.warRooms.findByChannel(TENANT, room.channelId);
      const [incident] = await tx.incidents.listByWarRoom(TENANT, w!.id);
      return tx.outbox.findPost(TENANT, `incident:${incident!.id}`);
    });
    // The first attempt is over (the test waits for the sender): retried later, not dropped.
    expect(card).toMatchObject({ state: 'pending', attempts: 1 });
    expect(card?.lastError).toContain('sign-in failed');
    expect(t.connector.calls).toHaveLength(0);
  }, 30_000);

  test('the server refuses to start without an app id outside local development mode', async () => {
    await expect(
      startTestApp({
        WARROOM_LOCAL_DEV: '0',
        WARROOM_ALLOWED_TENANTS: '*',
        AAD_APP_CLIENT_ID: APP_ID,
      }),
    ).rejects.toThrow(/MICROSOFT_APP_ID/);
  });
});

/**
 * When the bot cannot check a genuine token (its OpenID metadata answers 5xx, is not
 * reachable, or hangs), Teams gets 503 and will retry, not a 401 that drops the message.
 */
describe('bot token validation when the signing keys are out of reach', () => {
  const jwksUp = () => new LocalJwks(BF_ISSUER, ['msteams']).start();
  const failing = http.createServer((req, res) => {
    if (req.url?.includes('hang')) return; // never answers
    res.writeHead(503);
    res.end('down');
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    port = (failing.address() as AddressInfo).port;
  });
  afterAll(async () => {
    failing.closeAllConnections();
    await new Promise((r) => failing.close(r));
  });

  test.each([
    ['answers 503', () => `http://127.0.0.1:${port}/.well-known/openid-configuration`],
    ['refuses connections', () => 'http://127.0.0.1:1/.well-known/openid-configuration'],
    ['never answers', () => `http://127.0.0.1:${port}/hang/.well-known/openid-configuration`],
  ])(
    'metadata that %s: 503 with Retry-After, nothing stored',
    async (_name, url) => {
      const signer = await jwksUp(); // signs like Bot Framework; the bot looks elsewhere
      const t = await startTestApp({
        WARROOM_LOCAL_DEV: '0',
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-used-by-these-tests',
        BOT_OPENID_METADATA_URL: url(),
        WARROOM_ALLOWED_TENANTS: TENANT,
        AAD_APP_CLIENT_ID: APP_ID,
        WARROOM_SERVICE_URLS: 'http://127.0.0.1:',
      });
      try {
        const activity = t.room.message('start Should wait for a retry');
        const token = await signer.sign({
          iss: BF_ISSUER,
          aud: APP_ID,
          serviceurl: activity.serviceUrl,
        });
        const res = await fetch(`${t.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(activity),
        });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBeTruthy();
        expect(await res.json()).toEqual({
          error: { code: 'auth_unavailable', message: 'Try again shortly.' },
        });
        const rooms = await t.app.storage.transaction((tx) => tx.warRooms.listByTenant(TENANT));
        expect(rooms).toHaveLength(0);
      } finally {
        await t.stop();
        await signer.stop();
      }
    },
    20_000,
  );
});
