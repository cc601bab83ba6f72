import { Temporal } from '@js-temporal/polyfill';
import { randomUUID } from 'node:crypto';
import { startMigrationApp, TENANT_B, type MigrationApp } from '../support/migration';
import { seedRoom, type SeededRoom } from '../support/records';

type Entry = { seq: number; action: string; actorId: string; ref: string | null };
type Timeline = { entries: Entry[]; hasMore: boolean };

/** The timeline (the audit log, filtered and paged) and uploads of a status export. */
describe.each(['sqlite', 'postgres'] as const)('timeline and upload API: %s', (engine) => {
  let m: MigrationApp;
  let s: SeededRoom;
  let base: string;

  beforeAll(async () => {
    m = await startMigrationApp(engine);
    s = await seedRoom(m);
    base = `/api/v1/war-rooms/${s.room.id}`;
    for (const [who, title] of [
      ['engineer', 'Licences not assigned'],
      ['lead', 'Mail flow delayed'],
      ['engineer', 'OneDrive quota'],
    ] as const) {
      const r = await s.call(who, 'POST', `${base}/incidents`, { title, severity: 'sev3' });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    await m?.stop();
  });

  const timeline = async (q: string, who: 'observer' | 'lead' = 'observer') => {
    const r = await s.call(who, 'GET', `${base}/audit?${q}`);
    expect(r.status).toBe(200);
    return r.body as Timeline;
  };

  test('newest first, paged by seq, filtered by action and actor', async () => {
    const first = await timeline('limit=2');
    expect(first.entries.map((e) => e.ref)).toEqual(['INC-3', 'INC-2']);
    expect(first.hasMore).toBe(true);
    const next = await timeline(`limit=2&before=${first.entries[1]!.seq}`);
    expect(next.entries.map((e) => e.ref)).toEqual(['INC-1']);
    expect(next.hasMore).toBe(false);

    const byLead = await timeline(`actor=${s.crew.lead}`);
    expect(byLead.entries.map((e) => [e.ref, e.actorId])).toEqual([['INC-2', s.crew.lead]]);
    const logged = await timeline('action=incident.logged,incident.noted');
    expect(logged.entries).toHaveLength(3);
    expect((await timeline('action=warroom.started')).entries).toEqual([]);
  });

  test('filtered by time range, inclusive', async () => {
    const all = (await timeline('limit=10')).entries as (Entry & { at: string })[];
    const middle = all[1]!.at;
    const since = await timeline(`from=${encodeURIComponent(middle)}`);
    expect(since.entries.every((e) => (e as Entry & { at: string }).at >= middle)).toBe(true);
    expect(since.entries.length).toBeGreaterThanOrEqual(2);
    const until = await timeline(`to=${encodeURIComponent('2000-01-01T00:00:00Z')}`);
    expect(until.entries).toEqual([]);
  });

  test('a bound without offset (what the tab sends) is read in the war room’s zone', async () => {
    const all = (await timeline('limit=10')).entries as (Entry & { at: string })[];
    const middle = all[1]!.at;
    // Copenhagen's wall clock at that instant; read as UTC it would be an hour or two later.
    const wallClock = Temporal.Instant.from(middle)
      .toZonedDateTimeISO('Europe/Copenhagen')
      .toPlainDateTime()
      .toString();
    expect(wallClock.endsWith('Z')).toBe(false);
    const byInstant = await timeline(`from=${encodeURIComponent(middle)}`);
    const byWallClock = await timeline(`from=${encodeURIComponent(wallClock)}`);
    expect(byWallClock.entries.map((e) => e.seq)).toEqual(byInstant.entries.map((e) => e.seq));
    expect(byWallClock.entries.length).toBeGreaterThanOrEqual(2);
  });

  test('bad filters are 400; another tenant and an outsider get 404', async () => {
    for (const q of ['action=incident.deleted', 'from=yesterday', 'limit=0', 'before=-1']) {
      expect([q, (await s.call('lead', 'GET', `${base}/audit?${q}`)).status]).toEqual([q, 400]);
    }
    const other = { userId: s.crew.lead, tenant: TENANT_B };
    expect((await s.call(other, 'GET', `${base}/audit`)).status).toBe(404);
    expect((await s.call({ userId: randomUUID() }, 'GET', `${base}/audit`)).status).toBe(404);
  });

  const upload = async (who: keyof SeededRoom['crew'], csv: string, tenant?: string) =>
    m.call('POST', `${base}/migration/uploads`, {
      headers: {
        ...(await m.as(s.crew[who], tenant)),
        'content-type': 'text/csv',
        'accept-language': 'da',
      },
      body: csv,
    });

  test('an engineer uploads an export; a refused file answers the rows, in their language', async () => {
    const good =
      'Identity,Status\r\nanna@hospital.example,Syncing\r\nbo@hospital.example,Failed\r\n';
    const ok = await upload('engineer', good);
    expect(ok).toMatchObject({ status: 200, body: { rowsRead: 2, created: 2 } });
    const imports = (await m.audit(s.room)).filter((e) => e.action === 'migration.imported');
    expect(imports.at(-1)?.after).toMatchObject({ source: 'tab', actorId: s.crew.engineer });

    const bad = 'Identity,Status\r\nanna@hospital.example,Syncing\r\n,Failed\r\ncarl@x,Dancing\r\n';
    const refused = await upload('engineer', bad);
    expect(refused).toMatchObject({
      status: 422,
      body: {
        rejectedCount: 2,
        rejected: [{ line: 3 }, { line: 4 }],
      },
    });
    const first = (refused.body as { rejected: { message: string }[] }).rejected[0]!;
    expect(first.message).not.toMatch(/^migration\./);
  });

  test('an observer and an approver may not import (403); another tenant gets 404', async () => {
    const csv = 'Identity,Status\r\nanna@hospital.example,Synced\r\n';
    const before = (await m.audit(s.room)).length;
    expect((await upload('observer', csv)).status).toBe(403);
    expect((await upload('approver', csv)).status).toBe(403);
    // Each refusal audited once (not once by the early check and again by the import).
    const refusals = (await m.audit(s.room)).slice(before).map((e) => e.action);
    expect(refusals).toEqual(['access.refused', 'access.refused']);
    expect((await upload('lead', csv, TENANT_B)).status).toBe(404);
    const wrongType = await m.call('POST', `${base}/migration/uploads`, {
      headers: { ...(await m.as(s.crew.lead)), 'content-type': 'image/png' },
      body: 'x',
    });
    expect(wrongType.status).toBe(415);
  });
});
