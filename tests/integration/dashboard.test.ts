import { randomUUID } from 'node:crypto';
import {
  dashboardSchema,
  itemPageSchema,
  seriesSchema,
  type DashboardDto,
} from '../../shared/api/dashboard';
import type { WarRoom } from '../../shared/domain/warRoom';
import { incident } from '../storage/fixtures';
import { startMigrationApp, TENANT_B, type MigrationApp } from '../support/migration';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The dashboard routes over HTTP on both engines: numbers, pages, refusals, visibility. */
describe.each(['sqlite', 'postgres'] as const)('dashboard API: %s', (engine) => {
  let m: MigrationApp;
  const LEAD = randomUUID();
  const OBSERVER = randomUUID();
  const STRANGER = randomUUID();

  beforeAll(async () => {
    m = await startMigrationApp(engine);
  });
  afterAll(async () => {
    await m?.stop();
  });

  /** A war room with items imported through the API (with a key), as a script would. */
  const setUp = async () => {
    const room = await m.room(LEAD, { observer: OBSERVER });
    const created = await m.call('POST', `/api/v1/war-rooms/${room.id}/api-keys`, {
      headers: await m.as(LEAD),
      json: { name: 'cutover script' },
    });
    expect(created.status).toBe(201);
    const key = { authorization: `Bearer ${(created.body as { key: string }).key}` };
    const items = [
      ...Array.from({ length: 30 }, (_, n) => ({
        identity: `ward${n}@hospital.example`,
        status: n < 12 ? 'Completed' : n < 20 ? 'Syncing' : n < 25 ? 'Synced' : 'Queued',
        batch: n % 2 === 0 ? 'Wave1' : 'Wave2',
        tags: n < 4 ? ['lab-results'] : [],
      })),
      { identity: 'lab@hospital.example', status: 'Failed', error: 'MailboxIsLocked', tags: [] },
      { identity: 'old@hospital.example', status: 'Stopped', batch: 'Wave2' },
    ];
    const imported = await m.call('POST', `/api/v1/war-rooms/${room.id}/migration/imports`, {
      headers: key,
      json: { items },
    });
    expect(imported.status).toBe(200);
    return { room, key };
  };
  const get = async (path: string, userId = OBSERVER, tenant?: string) =>
    m.call('GET', path, { headers: await m.as(userId, tenant) });

  const seed = async (room: WarRoom) => {
    const now = Date.now();
    await m.t.app.storage.transaction(async (tx) => {
      await tx.incidents.insert(incident(room, 1, { severity: 'sev1' }));
      await tx.incidents.insert(incident(room, 2, { severity: 'sev2', status: 'investigating' }));
      await tx.incidents.insert(incident(room, 3, { severity: 'sev2', status: 'resolved' }));
      await tx.decisions.insert({
        id: randomUUID(),
        tenantId: room.tenantId,
        warRoomId: room.id,
        number: 1,
        kind: 'goNoGo',
        question: 'Start batch 4?',
        rule: 'any',
        approvers: [{ id: '29:anna', name: 'Anna' }],
        backup: null,
        deadline: iso(now + 2 * HOUR),
        status: 'pending',
        responses: [],
        requesterId: LEAD,
        requesterName: 'Mette Lead',
        createdAt: iso(now),
        updatedAt: iso(now),
        decidedAt: null,
        version: 1,
      });
      for (const [number, due] of [
        [1, now - HOUR],
        [2, now + HOUR],
      ] as const) {
        await tx.actions.insert({
          id: randomUUID(),
          tenantId: room.tenantId,
          warRoomId: room.id,
          number,
          title: `Action ${number}`,
          owner: { id: '29:jonas', name: 'Jonas' },
          due: iso(due),
          status: 'open',
          origin: { kind: 'meeting' },
          createdById: LEAD,
          createdByName: 'Mette Lead',
          createdAt: iso(now),
          updatedAt: iso(now),
          doneAt: null,
          remindedAt: null,
          version: 1,
          followUpOf: null,
        });
      }
      await tx.freezes.insert({
        id: randomUUID(),
        tenantId: room.tenantId,
        warRoomId: room.id,
        number: 1,
        target: { kind: 'tag', value: 'lab-results' },
        from: iso(now - HOUR),
        to: iso(now + HOUR),
        reason: 'Lab feed switch-over',
        status: 'active',
        createdById: LEAD,
        createdByName: 'Mette Lead',
        createdAt: iso(now),
        releasedAt: null,
        releaseDecisionId: null,
        version: 1,
      });
    });
  };

  test('the snapshot counts what is stored, by status, batch, severity, deadline and due time', async () => {
    const { room } = await setUp();
    await seed(room);
    const before = Date.now();
    const r = await get(`/api/v1/war-rooms/${room.id}/dashboard`);
    expect(r.status).toBe(200);
    const d: DashboardDto = dashboardSchema.parse(r.body);
    expect(Math.abs(Date.parse(d.now) - before)).toBeLessThan(5000);
    expect(d.warRoom).toEqual({
      id: room.id,
      title: room.title,
      phase: 'cutover',
      timeZone: 'Europe/Copenhagen',
      createdAt: room.createdAt,
    });
    expect(d.items).toEqual({
      total: 32,
      byStatus: { completed: 12, inProgress: 8, synced: 5, notStarted: 5, failed: 1, stopped: 1 },
      frozen: 4,
    });
    expect(d.batches).toEqual([
      {
        batch: 'Wave1',
        total: 15,
        byStatus: { completed: 6, inProgress: 4, synced: 3, notStarted: 2, failed: 0, stopped: 0 },
      },
      {
        batch: 'Wave2',
        total: 16,
        byStatus: { completed: 6, inProgress: 4, synced: 2, notStarted: 3, failed: 0, stopped: 1 },
      },
      {
        batch: null,
        total: 1,
        byStatus: { completed: 0, inProgress: 0, synced: 0, notStarted: 0, failed: 1, stopped: 0 },
      },
    ]);
    expect(d.incidents).toEqual({ open: 2, bySeverity: { sev1: 1, sev2: 1, sev3: 0, sev4: 0 } });
    expect(d.decisions).toEqual({
      pending: 1,
      next: [
        {
          ref: 'DEC-1',
          question: 'Start batch 4?',
          kind: 'goNoGo',
          deadline: expect.any(String),
        },
      ],
    });
    expect(d.actions).toEqual({ open: 2, overdue: 1 });
    expect(d.freezeWindows).toEqual([
      expect.objectContaining({
        ref: 'FRZ-1',
        reason: 'Lab feed switch-over',
        target: { kind: 'tag', values: ['lab-results'] },
        released: false,
      }),
    ]);
    expect(d.lastImportAt).toEqual(expect.any(String));
  });

  test('the war-room list counts open incidents per war room', async () => {
    const { room } = await setUp();
    await seed(room);
    const r = await get('/api/v1/war-rooms', LEAD);
    expect(r.status).toBe(200);
    const listed = (r.body as { warRooms: { id: string; openIncidents: number }[] }).warRooms;
    expect(listed.find((w) => w.id === room.id)?.openIncidents).toBe(2);
  });

  test('items come a page at a time, filtered and sorted by the server', async () => {
    const { room } = await setUp();
    const items = async (query: string) => {
      const r = await get(`/api/v1/war-rooms/${room.id}/migration/items?${query}`);
      expect(r.status).toBe(200);
      return itemPageSchema.parse(r.body);
    };
    const failed = await items('status=failed');
    expect(failed).toEqual({
      total: 1,
      items: [
        expect.objectContaining({ identity: 'lab@hospital.example', error: 'MailboxIsLocked' }),
      ],
    });
    const wave2 = await items('batch=Wave2&sort=identity&dir=desc&limit=3&offset=1');
    expect(wave2.total).toBe(16);
    expect(wave2.items.map((i) => i.identity)).toEqual([
      'ward7@hospital.example',
      'ward5@hospital.example',
      'ward3@hospital.example',
    ]);
    expect((await items('batch=-')).items.map((i) => i.identity)).toEqual(['lab@hospital.example']);
    expect((await items('tag=lab-results&search=WARD1')).items.map((i) => i.identity)).toEqual([
      'ward1@hospital.example',
    ]);
    expect((await items('limit=200')).items).toHaveLength(32);
  });

  test('a bad query is refused with a sentence that says what is expected', async () => {
    const { room } = await setUp();
    const refused = async (query: string) => {
      const r = await m.call('GET', `/api/v1/war-rooms/${room.id}/migration/items?${query}`, {
        headers: { ...(await m.as(OBSERVER)), 'accept-language': 'en' },
      });
      expect(r.status).toBe(400);
      return (r.body as { error: { message: string } }).error.message;
    };
    expect(await refused('limit=201')).toBe(
      'The parameter limit must be a whole number from 1 to 200.',
    );
    expect(await refused('offset=-1')).toMatch(/^The parameter offset must be a whole number/);
    expect(await refused('status=done')).toBe(
      'The parameter status must be one of: notStarted, inProgress, synced, completed, failed, stopped.',
    );
    expect(await refused('sort=size')).toMatch(/identity, status, batch, updated/);
    expect(await refused('stauts=failed')).toMatch(/^There is no parameter "stauts"/);
    expect(await refused('status=failed&status=stopped')).toMatch(/^The parameter status/);
    expect(await refused(`search=${'x'.repeat(201)}`)).toBe(
      'The parameter search must be 1 to 200 characters.',
    );
  });

  test('the series counts completions per hour and open incidents at each hour', async () => {
    const { room } = await setUp();
    await seed(room);
    const r = await get(`/api/v1/war-rooms/${room.id}/dashboard/series`);
    expect(r.status).toBe(200);
    const { buckets, truncated } = seriesSchema.parse(r.body);
    expect(truncated).toBe(false);
    // The war room started this hour, the import just now: one bucket holds everything.
    expect(buckets.at(-1)).toEqual({
      start: iso(Math.floor(Date.now() / HOUR) * HOUR),
      completed: 12,
      failed: 1,
      openIncidents: expect.any(Number),
    });
    expect(buckets.reduce((n, b) => n + b.completed, 0)).toBe(12);
  });

  test('another tenant, someone outside the war room and a malformed id get 404', async () => {
    const { room } = await setUp();
    for (const path of ['dashboard', 'dashboard/series', 'migration/items']) {
      expect((await get(`/api/v1/war-rooms/${room.id}/${path}`, OBSERVER, TENANT_B)).status).toBe(
        404,
      );
      expect((await get(`/api/v1/war-rooms/${room.id}/${path}`, STRANGER)).status).toBe(404);
      expect((await get(`/api/v1/war-rooms/not-a-uuid/${path}`)).status).toBe(404);
      expect((await m.call('GET', `/api/v1/war-rooms/${room.id}/${path}`)).status).toBe(401);
    }
  });
});
