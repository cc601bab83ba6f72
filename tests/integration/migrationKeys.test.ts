import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { WarRoom } from '../../shared/domain/warRoom';
import { startMigrationApp, TENANT_B, type MigrationApp } from '../support/migration';

const CSV = 'Identity,Status\r\nanna@hospital.example,Syncing\r\n';

/** API keys over HTTP: who may create them, and what a missing, wrong or revoked one gets. */
describe.each(['sqlite', 'postgres'] as const)('migration API keys: %s', (engine) => {
  let m: MigrationApp;
  let room: WarRoom;
  let other: WarRoom;
  const LEAD = randomUUID();
  const ENGINEER = randomUUID();
  const OBSERVER = randomUUID();

  beforeAll(async () => {
    m = await startMigrationApp(engine);
    room = await m.room(LEAD, { engineer: ENGINEER, observer: OBSERVER });
    other = await m.room(LEAD);
  });
  afterAll(async () => {
    await m?.stop();
  });

  const createKey = async (w: WarRoom, name = 'cutover script') => {
    const r = await m.call('POST', `/api/v1/war-rooms/${w.id}/api-keys`, {
      headers: await m.as(LEAD),
      json: { name },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; name: string; key: string; createdAt: string };
  };
  const importCsv = (w: WarRoom, headers: Record<string, string>) =>
    m.call('POST', `/api/v1/war-rooms/${w.id}/migration/imports`, {
      headers: { 'content-type': 'text/csv', ...headers },
      body: CSV,
    });

  test('the lead creates a key, sees it once, and lists it without the key but with its last use', async () => {
    const created = await createKey(room);
    expect(created).toEqual({
      id: expect.any(String),
      name: 'cutover script',
      key: expect.stringMatching(/^wrk_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
    });
    const list = async () =>
      (await m.call('GET', `/api/v1/war-rooms/${room.id}/api-keys`, { headers: await m.as(LEAD) }))
        .body as { apiKeys: Record<string, unknown>[] };
    const before = (await list()).apiKeys.find((k) => k.id === created.id);
    expect(before).toEqual({
      id: created.id,
      name: 'cutover script',
      createdAt: created.createdAt,
      createdBy: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(await list())).not.toContain(created.key);

    expect((await importCsv(room, { authorization: `Bearer ${created.key}` })).status).toBe(200);
    const after = (await list()).apiKeys.find((k) => k.id === created.id);
    expect(after?.lastUsedAt).toEqual(expect.any(String));
  });

  test.each([
    ['an engineer', () => ENGINEER],
    ['an observer', () => OBSERVER],
  ])('%s cannot create, list or revoke keys (403)', async (_who, user) => {
    const headers = await m.as(user());
    const post = await m.call('POST', `/api/v1/war-rooms/${room.id}/api-keys`, {
      headers,
      json: { name: 'mine' },
    });
    expect(post).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((post.body as { error: { message: string } }).error.message).toMatch(/lead/);
    expect((await m.call('GET', `/api/v1/war-rooms/${room.id}/api-keys`, { headers })).status).toBe(
      403,
    );
    const key = await createKey(room);
    const del = await m.call('DELETE', `/api/v1/war-rooms/${room.id}/api-keys/${key.id}`, {
      headers,
    });
    expect(del.status).toBe(403);
    expect((await importCsv(room, { authorization: `Bearer ${key.key}` })).status).toBe(200);
  });

  test('another tenant sees no war room to make keys for (404)', async () => {
    const r = await m.call('POST', `/api/v1/war-rooms/${room.id}/api-keys`, {
      headers: await m.as(randomUUID(), TENANT_B),
      json: { name: 'intruder' },
    });
    expect(r.status).toBe(404);
  });

  test('a key without a name is refused (400)', async () => {
    const r = await m.call('POST', `/api/v1/war-rooms/${room.id}/api-keys`, {
      headers: await m.as(LEAD),
      json: { name: '  ' },
    });
    expect(r.status).toBe(400);
  });

  const refused: [string, () => Promise<Record<string, string>>, string][] = [
    ['no Authorization header', async () => ({}), 'Bearer realm="War Room"'],
    [
      'a well-formed key nobody issued',
      async () => ({ authorization: `Bearer wrk_${randomBytes(32).toString('base64url')}` }),
      'Bearer realm="War Room", error="invalid_token"',
    ],
    [
      'a key with a character changed',
      async () => {
        const { key } = await createKey(room);
        const last = key.endsWith('A') ? 'B' : 'A';
        return { authorization: `Bearer ${key.slice(0, -1)}${last}` };
      },
      'Bearer realm="War Room", error="invalid_token"',
    ],
    [
      'a Teams SSO token of the lead (a person, not a key)',
      () => m.as(LEAD),
      'Bearer realm="War Room", error="invalid_token"',
    ],
    [
      'a key in the Basic scheme',
      async () => ({ authorization: `Basic ${(await createKey(room)).key}` }),
      'Bearer realm="War Room"',
    ],
  ];
  test.each(refused)('%s gets 401 with WWW-Authenticate', async (_name, headers, challenge) => {
    const r = await importCsv(room, await headers());
    expect(r).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect(r.headers.get('www-authenticate')).toBe(challenge);
  });

  test('a revoked key gets 401 at once; revoking it again changes nothing', async () => {
    const key = await createKey(room);
    const auth = { authorization: `Bearer ${key.key}` };
    expect((await importCsv(room, auth)).status).toBe(200);
    const path = `/api/v1/war-rooms/${room.id}/api-keys/${key.id}`;
    const del = await m.call('DELETE', path, { headers: await m.as(LEAD) });
    expect(del.status).toBe(204);
    const r = await importCsv(room, auth);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('invalid_token');
    expect(
      (await m.call('GET', `/api/v1/war-rooms/${room.id}/migration`, { headers: auth })).status,
    ).toBe(401);
    expect((await m.call('DELETE', path, { headers: await m.as(LEAD) })).status).toBe(204);
    const revocations = (await m.audit(room)).filter(
      (e) => e.action === 'apikey.revoked' && e.subject === `apikey:${key.id}`,
    );
    expect(revocations).toHaveLength(1);
  });

  test('revoking a key of another war room, or one that does not exist, is 404', async () => {
    const key = await createKey(other);
    const lead = await m.as(LEAD);
    const wrongRoom = `/api/v1/war-rooms/${room.id}/api-keys/${key.id}`;
    expect((await m.call('DELETE', wrongRoom, { headers: lead })).status).toBe(404);
    const unknown = `/api/v1/war-rooms/${room.id}/api-keys/${randomUUID()}`;
    expect((await m.call('DELETE', unknown, { headers: lead })).status).toBe(404);
    const auth = { authorization: `Bearer ${key.key}` };
    expect((await importCsv(other, auth)).status).toBe(200);
  });

  test('another war room’s key gets 403, for imports and totals alike', async () => {
    const key = await createKey(other);
    const auth = { authorization: `Bearer ${key.key}` };
    const r = await importCsv(room, auth);
    expect(r).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const totals = await m.call('GET', `/api/v1/war-rooms/${room.id}/migration`, { headers: auth });
    expect(totals.status).toBe(403);
  });

  test('a key cannot manage keys or the mapping (403)', async () => {
    const key = await createKey(room);
    const auth = { authorization: `Bearer ${key.key}` };
    const post = await m.call('POST', `/api/v1/war-rooms/${room.id}/api-keys`, {
      headers: auth,
      json: { name: 'a key made by a key' },
    });
    expect(post.status).toBe(403);
    const put = await m.call('PUT', `/api/v1/war-rooms/${room.id}/migration/mapping`, {
      headers: auth,
      json: { mapping: { identity: 'Email', status: 'State' } },
    });
    expect(put.status).toBe(403);
  });

  test('a body over 64 MB is refused (413) before it is read', async () => {
    const { key } = await createKey(room);
    const url = new URL(`/api/v1/war-rooms/${room.id}/migration/imports`, m.t.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          'content-length': String(65 * 1024 * 1024),
          authorization: `Bearer ${key}`,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('Identity,Status\r\n');
    });
    expect(status).toBe(413);
  });

  test('a body that is neither CSV nor JSON is refused (415)', async () => {
    const { key } = await createKey(room);
    const r = await importCsv(room, {
      authorization: `Bearer ${key}`,
      'content-type': 'application/vnd.ms-excel',
    });
    expect(r.status).toBe(415);
  });
});
