import { randomUUID } from 'node:crypto';
import { startMigrationApp, TENANT_B, type MigrationApp } from '../support/migration';
import { seedRoom, type SeededRoom } from '../support/records';

type Record = { id: string; ref: string; status: string; severity: string; version: number };

/** The tab's incident routes over HTTP with real SSO tokens: who may do what, and stale views. */
describe.each(['sqlite', 'postgres'] as const)('incident records API: %s', (engine) => {
  let m: MigrationApp;
  let s: SeededRoom;
  let path: string;

  beforeAll(async () => {
    m = await startMigrationApp(engine);
    s = await seedRoom(m);
    path = `/api/v1/war-rooms/${s.room.id}/incidents`;
  });
  afterAll(async () => {
    await m?.stop();
  });

  const create = async (title: string, severity = 'sev2') => {
    const r = await s.call('engineer', 'POST', path, { title, severity });
    expect(r.status).toBe(201);
    return r.body as Record;
  };

  test('an engineer logs an incident, moves it along, and its history tells the story', async () => {
    const made = await create('Licences not assigned');
    expect(made).toMatchObject({ ref: expect.stringMatching(/^INC-\d+$/), status: 'open' });
    const moved = await s.call('engineer', 'POST', `${path}/${made.id}/status`, {
      status: 'investigating',
      expectedVersion: made.version,
    });
    expect(moved).toMatchObject({ status: 200, body: { status: 'investigating', version: 2 } });
    const graded = await s.call('engineer', 'POST', `${path}/${made.id}/severity`, {
      severity: 'sev1',
      expectedVersion: 2,
    });
    expect(graded).toMatchObject({ status: 200, body: { severity: 'sev1', version: 3 } });
    const owned = await s.call('engineer', 'POST', `${path}/${made.id}/owner`, {
      ownerAadObjectId: s.crew.member,
      expectedVersion: 3,
    });
    expect(owned).toMatchObject({ status: 200, body: { ownerName: 'Member Person', version: 4 } });
    const noted = await s.call('engineer', 'POST', `${path}/${made.id}/notes`, {
      text: 'Assigned E3 to the first 40 users',
      expectedVersion: 4,
    });
    expect(noted).toMatchObject({ status: 200, body: { version: 5 } });

    const one = await s.call('observer', 'GET', `${path}/${made.id}`);
    expect(one.status).toBe(200);
    const body = one.body as { notes: { text: string }[]; history: Record[] };
    expect(body.notes.map((n) => n.text)).toEqual(['Assigned E3 to the first 40 users']);
    expect(body.history.map((e) => (e as unknown as { action: string }).action)).toEqual([
      'incident.noted',
      'incident.owner_set',
      'incident.severity_changed',
      'incident.status_changed',
      'incident.logged',
    ]);
    expect(body.history[3]).toMatchObject({ status: 'investigating', ref: made.ref });
  });

  test('a change from a stale view is refused with 409 and a sentence, and nothing changes', async () => {
    const made = await create('Mail flow delayed');
    const first = await s.call('engineer', 'POST', `${path}/${made.id}/status`, {
      status: 'investigating',
      expectedVersion: 1,
    });
    expect(first.status).toBe(200);
    for (const [what, body] of [
      ['status', { status: 'mitigated', expectedVersion: 1 }],
      ['severity', { severity: 'sev4', expectedVersion: 1 }],
      ['notes', { text: 'late', expectedVersion: 1 }],
    ] as const) {
      const r = await s.call('lead', 'POST', `${path}/${made.id}/${what}`, body);
      expect(r).toMatchObject({
        status: 409,
        body: {
          error: { code: 'conflict', message: expect.stringMatching(/changed this incident/) },
        },
      });
    }
    const now = (await s.call('lead', 'GET', `${path}/${made.id}`)).body as { incident: Record };
    expect(now.incident).toMatchObject({ status: 'investigating', severity: 'sev2', version: 2 });
  });

  test('the list filters by status and severity, newest first, and pages', async () => {
    const page = async (q: string) =>
      (await s.call('observer', 'GET', `${path}/page?${q}`)).body as {
        incidents: Record[];
        total: number;
      };
    await create('Quota A', 'sev4');
    await create('Quota B', 'sev4');
    const sev4 = await page('severity=sev4&limit=1');
    expect(sev4.total).toBe(2);
    expect(sev4.incidents.map((i) => i.severity)).toEqual(['sev4']);
    const second = await page('severity=sev4&limit=1&offset=1');
    expect(second.incidents[0]!.ref < sev4.incidents[0]!.ref).toBe(true);
    const investigating = await page('status=investigating,mitigated');
    expect(investigating.incidents.every((i) => i.status === 'investigating')).toBe(true);
    expect(investigating.total).toBeGreaterThanOrEqual(2);
  });

  test('an observer sees but cannot change, and the refusal is audited', async () => {
    const made = await create('OneDrive quota');
    const before = (await m.audit(s.room)).length;
    const tries = [
      s.call('observer', 'POST', path, { title: 'Not mine to log', severity: 'sev3' }),
      s.call('observer', 'POST', `${path}/${made.id}/status`, {
        status: 'investigating',
        expectedVersion: 1,
      }),
      s.call('observer', 'POST', `${path}/${made.id}/notes`, { text: 'hi', expectedVersion: 1 }),
    ];
    for (const r of await Promise.all(tries)) {
      expect(r).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    }
    const after = await m.audit(s.room);
    expect(after.slice(before).map((e) => e.action)).toEqual(Array(3).fill('access.refused'));
  });

  test.each([
    ['a bad severity', { title: 'x', severity: 'sev9' }],
    ['no title', { severity: 'sev1' }],
  ])('%s is a 400 naming the field', async (_what, body) => {
    const r = await s.call('engineer', 'POST', path, body);
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } });
  });

  test('a bad filter, an unknown status and a missing version are 400', async () => {
    expect((await s.call('lead', 'GET', `${path}/page?status=closed`)).status).toBe(400);
    const made = await create('Calendar sharing');
    const r = await s.call('lead', 'POST', `${path}/${made.id}/status`, { status: 'resolved' });
    expect(r.status).toBe(400);
  });

  test("another tenant's caller, an outsider and an unknown incident get 404", async () => {
    const made = await create('Shared mailbox');
    const other = { userId: s.crew.lead, tenant: TENANT_B };
    expect((await s.call(other, 'GET', `${path}/page`)).status).toBe(404);
    expect((await s.call(other, 'POST', path, { title: 'x', severity: 'sev1' })).status).toBe(404);
    const outsider = { userId: randomUUID() };
    expect((await s.call(outsider, 'GET', `${path}/${made.id}`)).status).toBe(404);
    expect((await s.call('lead', 'GET', `${path}/${randomUUID()}`)).status).toBe(404);
    expect((await s.call('lead', 'GET', `${path}/not-an-id`)).status).toBe(404);
  });
});
