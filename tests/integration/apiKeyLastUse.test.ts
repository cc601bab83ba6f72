import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { startPostgres, type TestPostgres } from '../support/postgres';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

/**
 * A key's last use is written at most once a minute: a script polling
 * `GET …/migration` every few seconds does not write on every call (and, since the key's
 * row is read anyway, such a call sends no UPDATE at all).
 */
describe.each(['sqlite', 'postgres'] as const)('API key last use: %s', (engine) => {
  let pg: TestPostgres | undefined;
  let t: TestApp;
  let now = T0;
  const warRoomId = randomUUID();

  beforeAll(async () => {
    pg = engine === 'postgres' ? await startPostgres() : undefined;
    const env: Record<string, string> = pg
      ? { DATABASE_URL: await pg.createDatabase('key_last_use') }
      : {};
    t = await startTestApp(env, { clock: { now: () => new Date(now) } });
    const dev = t.app.config.devIdentity;
    const at = new Date(T0).toISOString();
    await t.app.storage.transaction((tx) =>
      tx.warRooms.insert({
        id: warRoomId,
        tenantId: dev.tenantId,
        teamId: null,
        channelId: t.room.channelId,
        conversationId: t.room.channelId,
        serviceUrl: t.connector.url,
        title: 'Cutover',
        timeZone: 'Europe/Copenhagen',
        language: 'en',
        phase: 'cutover',
        createdById: dev.userId,
        createdByName: dev.name,
        createdAt: at,
        updatedAt: at,
        version: 1,
      }),
    );
  });
  afterAll(async () => {
    await t?.stop();
    await pg?.stop();
  });

  test('a use within the minute keeps the first time; a use after it records the new one', async () => {
    const base = `${t.baseUrl}/api/v1/war-rooms/${warRoomId}`;
    const created = await fetch(`${base}/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'poller' }),
    });
    expect(created.status).toBe(201);
    const { id, key } = (await created.json()) as { id: string; key: string };
    const useAt = async (ms: number) => {
      now = ms;
      const r = await fetch(`${base}/migration`, { headers: { authorization: `Bearer ${key}` } });
      expect(r.status).toBe(200);
      const list = (await (await fetch(`${base}/api-keys`)).json()) as {
        apiKeys: { id: string; lastUsedAt: string | null }[];
      };
      return list.apiKeys.find((k) => k.id === id)?.lastUsedAt;
    };
    const iso = (ms: number) => new Date(ms).toISOString();

    expect(await useAt(T0)).toBe(iso(T0));
    expect(await useAt(T0 + 30_000)).toBe(iso(T0));
    expect(await useAt(T0 + 59_999)).toBe(iso(T0));
    expect(await useAt(T0 + 60_001)).toBe(iso(T0 + 60_001));
    expect(await useAt(T0 + 61_000)).toBe(iso(T0 + 60_001));
  });
});
