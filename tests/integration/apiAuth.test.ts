import { randomUUID } from 'node:crypto';
import type { WarRoom } from '../../shared/domain/warRoom';
import { startTestApp, type TestApp } from '../support/app';
import { LocalJwks } from '../support/jwks';

const CLIENT_ID = '22222222-3333-4444-5555-666666666666';
const TENANT_A = 'aaaaaaaa-1111-1111-1111-111111111111';
const TENANT_B = 'bbbbbbbb-2222-2222-2222-222222222222';
const TENANT_X = 'cccccccc-3333-3333-3333-333333333333';

/**
 * The tab's API with Teams SSO tokens from a local JWKS standing in for Entra ID:
 * signature, audience, expiry, issuer and tenant are all checked; tenants see only their own.
 */
describe('JSON API authentication and tenant isolation', () => {
  let jwks: LocalJwks;
  let t: TestApp;
  let roomOfA: WarRoom;
  /** Who started roomOfA: a caller who sees it (who else does: tests/integration/roster.test.ts). */
  const STARTER = randomUUID();

  beforeAll(async () => {
    jwks = await new LocalJwks('https://login.microsoftonline.com/{tenantid}/v2.0').start();
    t = await startTestApp({
      WARROOM_LOCAL_DEV: '0',
      MICROSOFT_APP_ID: randomUUID(),
      MICROSOFT_APP_PASSWORD: 'unused',
      AAD_APP_CLIENT_ID: CLIENT_ID,
      TAB_APP_ID_URI: `api://localhost/${CLIENT_ID}`,
      TAB_JWKS_URL: jwks.jwksUrl,
      WARROOM_ALLOWED_TENANTS: `${TENANT_A}, ${TENANT_B}`,
    });
    const now = new Date().toISOString();
    roomOfA = {
      id: randomUUID(),
      tenantId: TENANT_A,
      teamId: null,
      channelId: '19:a@thread.tacv2',
      conversationId: '19:a@thread.tacv2',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      title: 'Cutover of tenant A',
      timeZone: 'Europe/Copenhagen',
      language: 'en',
      phase: 'cutover',
      createdById: STARTER,
      createdByName: 'Someone',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await t.app.storage.transaction((tx) => tx.warRooms.insert(roomOfA));
  });
  afterAll(async () => {
    await t?.stop();
    await jwks?.stop();
  });

  const v2 = (tid: string) => ({
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    aud: CLIENT_ID,
    tid,
    oid: randomUUID(),
    name: 'Bo Approver',
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  test('a v2 token of tenant A sees tenant A’s war room', async () => {
    const token = await jwks.sign({ ...v2(TENANT_A), oid: STARTER });
    const r = await t.get('/api/v1/war-rooms', bearer(token));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      warRooms: [expect.objectContaining({ id: roomOfA.id, title: 'Cutover of tenant A' })],
    });
  });

  test('a v1 token (sts.windows.net issuer, application id URI audience) is accepted too', async () => {
    const claims = {
      ...v2(TENANT_A),
      iss: `https://sts.windows.net/${TENANT_A}/`,
      aud: `api://localhost/${CLIENT_ID}`,
    };
    const me = await t.get('/api/v1/me', bearer(await jwks.sign(claims)));
    expect(me).toMatchObject({
      status: 200,
      body: { tenantId: TENANT_A, userId: claims.oid, devIdentity: false },
    });
  });

  test('tenant B sees nothing of tenant A, not even by id', async () => {
    const auth = bearer(await jwks.sign(v2(TENANT_B)));
    expect((await t.get('/api/v1/war-rooms', auth)).body).toEqual({ warRooms: [] });
    expect((await t.get(`/api/v1/war-rooms/${roomOfA.id}/incidents`, auth)).status).toBe(404);
  });

  test('a tenant outside the allow-list gets 403', async () => {
    const r = await t.get('/api/v1/war-rooms', bearer(await jwks.sign(v2(TENANT_X))));
    expect(r).toMatchObject({ status: 403, body: { error: { code: 'tenant_not_allowed' } } });
  });

  const bad: [string, () => Promise<Record<string, string>>][] = [
    ['no token', async () => ({})],
    [
      'a token in the wrong scheme',
      async () => ({ authorization: `Basic ${await jwks.sign(v2(TENANT_A))}` }),
    ],
    ['an expired token', async () => bearer(await jwks.sign(v2(TENANT_A), { expiresIn: -3600 }))],
    [
      'a token for another app',
      async () => bearer(await jwks.sign({ ...v2(TENANT_A), aud: randomUUID() })),
    ],
    [
      'a token whose issuer is another tenant',
      async () => bearer(await jwks.sign({ ...v2(TENANT_A), iss: v2(TENANT_B).iss })),
    ],
    [
      'a token without an object id',
      async () => bearer(await jwks.sign({ ...v2(TENANT_A), oid: undefined })),
    ],
    [
      'a token signed by an unknown key',
      async () => bearer(await jwks.sign(v2(TENANT_A), { key: 'unpublished' })),
    ],
    [
      'a forged token',
      async () => bearer(await jwks.sign(v2(TENANT_A), { key: 'unpublished', kid: 'key-1' })),
    ],
    ['an HS256 token', async () => bearer(await jwks.sign(v2(TENANT_A), { alg: 'HS256' }))],
  ];
  test.each(bad)('%s gets 401 with a clear, safe message', async (_name, headers) => {
    const r = await t.get('/api/v1/war-rooms', await headers());
    expect(r).toMatchObject({
      status: 401,
      body: {
        error: { code: 'unauthenticated', message: expect.stringMatching(/sign in again/i) },
      },
    });
  });

  test('the error message follows the caller’s language', async () => {
    const r = await t.get('/api/v1/war-rooms', { 'accept-language': 'nl-BE,nl;q=0.9' });
    expect(r.body).toMatchObject({
      error: { message: expect.stringContaining('Meld u opnieuw aan') },
    });
  });
});
