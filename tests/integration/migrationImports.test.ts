import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WarRoom } from '../../shared/domain/warRoom';
import { MigrationService } from '../../bot/services/migration';
import { systemClock, uuidIds } from '../../bot/services/clock';
import { startMigrationApp, TENANT_B, type MigrationApp } from '../support/migration';
import { csvText } from '../unit/migration/csvText';

const FIXTURES = path.resolve(__dirname, '../fixtures/migration');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const EXO = fixture('exchange-get-migrationuser.csv');
const EAC = fixture('eac-users-report.csv');

/** The fixture's rows as cells (header first), to write variants and newer exports of it. */
const exoRows = (): string[][] =>
  EXO.toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '' && !line.startsWith('#TYPE'))
    .map((line) => line.slice(1, -1).split('","'));

interface Totals {
  items: number;
  byStatus: Record<string, number>;
  batches: { batch: string | null; items: number; byStatus: Record<string, number> }[];
  lastImport: { id: string; at: string; by: string; created: number; unchanged: number } | null;
}

/** Imports over HTTP on both engines: formats, all-or-nothing, idempotence, the timeline. */
describe.each(['sqlite', 'postgres'] as const)('migration imports: %s', (engine) => {
  let m: MigrationApp;
  const LEAD = randomUUID();
  const OBSERVER = randomUUID();

  beforeAll(async () => {
    m = await startMigrationApp(engine);
  });
  afterAll(async () => {
    await m?.stop();
  });

  /** A war room with a key; `send` imports with it, `totals` reads with it. */
  const setUp = async () => {
    const room = await m.room(LEAD, { observer: OBSERVER });
    const created = await m.call('POST', `/api/v1/war-rooms/${room.id}/api-keys`, {
      headers: await m.as(LEAD),
      json: { name: 'cutover script' },
    });
    const auth = { authorization: `Bearer ${(created.body as { key: string }).key}` };
    const send = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
      m.call('POST', `/api/v1/war-rooms/${room.id}/migration/imports`, {
        headers: { 'content-type': 'text/csv', ...auth, ...headers },
        body,
      });
    const sendJson = (json: unknown) =>
      m.call('POST', `/api/v1/war-rooms/${room.id}/migration/imports`, { headers: auth, json });
    const totals = async () => {
      const r = await m.call('GET', `/api/v1/war-rooms/${room.id}/migration`, { headers: auth });
      expect(r.status).toBe(200);
      return r.body as Totals;
    };
    return { room, send, sendJson, totals };
  };
  const items = (room: WarRoom) =>
    m.t.app.storage.transaction((tx) => tx.migrationItems.listAll(room.tenantId, room.id));

  test('a Get-MigrationUser export (BOM, #TYPE, every field quoted) is imported and counted', async () => {
    const { send, totals } = await setUp();
    const r = await send(EXO);
    expect(r).toEqual({
      status: 200,
      headers: expect.anything(),
      body: {
        importId: expect.any(String),
        format: 'exchangeOnline',
        rowsRead: 60,
        created: 60,
        updated: 0,
        unchanged: 0,
      },
    });
    const t = await totals();
    // Counted from the fixture: 36 Completed + 5 CompletedWithWarnings, 11 Syncing, 4 Synced,
    // 3 Queued, 1 Stopped.
    expect(t.items).toBe(60);
    expect(t.byStatus).toEqual({
      notStarted: 3,
      inProgress: 11,
      synced: 4,
      completed: 41,
      failed: 0,
      stopped: 1,
    });
    expect(t.batches.map((b) => [b.batch, b.items])).toEqual([
      ['Wave1-Admin', 20],
      ['Wave2-Wards', 20],
      ['Wave3-Lab', 20],
    ]);
    expect(t.lastImport).toMatchObject({
      id: (r.body as { importId: string }).importId,
      by: 'cutover script',
      created: 60,
    });
  });

  test('the same export written with ; and CRLF, as Danish Windows does, reads the same', async () => {
    const { room, send, totals } = await setUp();
    const danish = csvText(exoRows(), {
      delimiter: ';',
      quoteAll: true,
      bom: true,
      typeLine: true,
    });
    expect((await send(danish)).body).toMatchObject({ rowsRead: 60, created: 60 });
    expect((await totals()).byStatus).toMatchObject({ completed: 41, inProgress: 11 });
    const jorgen = (await items(room)).find((i) => i.identity.startsWith('jørgen.smit.0005'));
    expect(jorgen).toMatchObject({
      batch: 'Wave3-Lab',
      rawStatus: 'CompletedWithWarnings',
      status: 'completed',
      itemsSynced: 25778,
      itemsSkipped: 16,
      // 11/15/2026 23:51 in Copenhagen (UTC+1 in November).
      lastSyncAt: '2026-11-15T22:51:00.000Z',
    });
  });

  test('the admin center’s users report is imported; it has no batches', async () => {
    const { send, totals } = await setUp();
    expect((await send(EAC)).body).toMatchObject({
      format: 'exchangeAdminCenter',
      rowsRead: 20,
      created: 20,
    });
    const t = await totals();
    expect(t.batches).toEqual([{ batch: null, items: 20, byStatus: expect.any(Object) }]);
  });

  test('a report without batches, after an export with them, keeps the batches', async () => {
    const { room, send } = await setUp();
    await send(EXO);
    const r = await send(EAC);
    // The report's 20 mailboxes say nothing new: statuses and counts as in the export.
    expect(r.body).toMatchObject({ rowsRead: 20, created: 0, updated: 0, unchanged: 20 });
    expect((await items(room)).filter((i) => i.batch === null)).toEqual([]);
  });

  test('another tool’s CSV through the lead’s mapping and status words, with tags', async () => {
    const { room, send, totals } = await setUp();
    const file = csvText([
      ['Source Email', 'Migration State', 'Wave', 'Labels', 'Items'],
      ['Lab.One@hospital.example', 'Migrating…', 'Lab', 'lab-results; VIP', '1.234'],
      ['lab.two@hospital.example', 'Done', 'Lab', 'lab-results', '5'],
    ]);
    expect((await send(file)).status).toBe(422);
    const saved = await m.call('PUT', `/api/v1/war-rooms/${room.id}/migration/mapping`, {
      headers: await m.as(LEAD),
      json: {
        mapping: {
          identity: 'Source Email',
          status: 'Migration State',
          batch: 'Wave',
          tags: 'Labels',
          itemsSynced: 'Items',
        },
        statusValues: { 'Migrating…': 'inProgress', Done: 'completed' },
      },
    });
    expect(saved.status).toBe(200);
    expect((await send(file)).body).toMatchObject({ format: 'mapping', created: 2 });
    expect((await totals()).byStatus).toMatchObject({ inProgress: 1, completed: 1 });
    expect((await items(room)).map((i) => [i.identity, i.tags, i.itemsSynced]).sort()).toEqual([
      ['lab.one@hospital.example', ['lab-results', 'vip'], 1234],
      ['lab.two@hospital.example', ['lab-results'], 5],
    ]);
  });

  test('an observer cannot save the mapping', async () => {
    const { room } = await setUp();
    const r = await m.call('PUT', `/api/v1/war-rooms/${room.id}/migration/mapping`, {
      headers: await m.as(OBSERVER),
      json: { mapping: { identity: 'Email', status: 'State' } },
    });
    expect(r.status).toBe(403);
  });

  test('a file with bad rows is refused whole, with each row’s line and reason, in Danish', async () => {
    const { room, send, totals } = await setUp();
    await send(EXO);
    const auditBefore = await m.audit(room);
    const rows = exoRows();
    rows[3]![4] = 'Teleporting'; // data row 3 → line 5 (with #TYPE and header)
    rows[7]![0] = 'not-an-address@';
    rows[7]![1] = 'not-an-address@'; // line 9
    rows[10]![7] = '12,5'; // line 12
    rows[1]![4] = 'Completed'; // a change that must not land
    const r = await send(csvText(rows, { quoteAll: true, typeLine: true }), {
      'accept-language': 'da-DK,da;q=0.9',
    });
    expect(r.status).toBe(422);
    const body = r.body as {
      error: { message: string };
      rejectedCount: number;
      rejected: { line: number; code: string; message: string }[];
    };
    expect(body.rejectedCount).toBe(3);
    expect(body.rejected.map(({ line, code }) => [line, code])).toEqual([
      [5, 'migration.row.unknownStatus'],
      [9, 'migration.row.invalidIdentity'],
      [12, 'migration.row.invalidCount'],
    ]);
    expect(body.error.message).toContain('Intet blev importeret: 3 rækker');
    expect(body.rejected[0]?.message).toBe(
      'Ukendt status "Teleporting": tilføj den til krigsrummets statusord.',
    );
    expect((await totals()).byStatus.inProgress).toBe(11);
    expect(await m.audit(room)).toEqual(auditBefore);
  });

  test('one bad row is named as one, in English and French', async () => {
    const { send } = await setUp();
    const rows = exoRows();
    rows[2]![4] = 'Teleporting';
    const file = csvText(rows, { quoteAll: true, typeLine: true });
    const en = await send(file);
    expect(en.status).toBe(422);
    expect((en.body as { error: { message: string } }).error.message).toBe(
      'Nothing was imported: 1 row cannot be read. Correct it and send the whole file again.',
    );
    const fr = await send(file, { 'accept-language': 'fr-FR' });
    expect((fr.body as { error: { message: string } }).error.message).toContain(
      '1 ligne est illisible',
    );
  });

  test('re-importing the same export changes nothing and adds nothing to the timeline', async () => {
    const { room, send, totals } = await setUp();
    await send(EXO);
    const before = await items(room);
    const auditBefore = await m.audit(room);
    const r = await send(EXO);
    expect(r.body).toMatchObject({ rowsRead: 60, created: 0, updated: 0, unchanged: 60 });
    expect(await items(room)).toEqual(before);
    expect(await m.audit(room)).toEqual(auditBefore);
    // The import itself is recorded: the totals say when the data was last confirmed.
    expect((await totals()).lastImport?.id).toBe((r.body as { importId: string }).importId);
  });

  test('a newer export updates items and puts its status changes in one audit entry', async () => {
    const { room, send, totals } = await setUp();
    await send(EXO);
    const auditBefore = await m.audit(room);
    const rows = exoRows();
    const syncing = rows.slice(1).filter((r) => r[4] === 'Syncing');
    syncing[0]![4] = 'Completed';
    syncing[1]![4] = 'Completed';
    syncing[2]![4] = 'Failed';
    syncing[2]![10] = 'MigrationTransientException: the mailbox is locked';
    syncing[3]![7] = '99999'; // more items synced, same status
    const r = await send(csvText(rows, { quoteAll: true, typeLine: true, bom: true }));
    expect(r.body).toMatchObject({ created: 0, updated: 4, unchanged: 56 });

    const added = (await m.audit(room)).slice(auditBefore.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'migration.imported',
      actorName: 'cutover script',
      subject: `import:${(r.body as { importId: string }).importId}`,
      after: {
        rowsRead: 60,
        created: 0,
        updated: 4,
        unchanged: 56,
        statusChanges: [
          {
            from: 'inProgress',
            to: 'completed',
            count: 2,
            examples: [syncing[0]![1], syncing[1]![1]],
          },
          { from: 'inProgress', to: 'failed', count: 1, examples: [syncing[2]![1]] },
        ],
      },
    });
    expect((await totals()).byStatus).toMatchObject({ inProgress: 8, completed: 43, failed: 1 });
    const failed = (await items(room)).find((i) => i.status === 'failed');
    expect(failed).toMatchObject({
      identity: syncing[2]![1],
      rawStatus: 'Failed',
      error: 'MigrationTransientException: the mailbox is locked',
    });
    expect(failed!.statusChangedAt > failed!.firstSeenAt).toBe(true);
  });

  test('JSON items: imported, a field left out keeps its value, a bad item is refused by number', async () => {
    const { room, sendJson } = await setUp();
    const first = await sendJson({
      items: [
        {
          identity: 'Anna@Hospital.example',
          status: 'Syncing',
          batch: 'Lab',
          tags: ['lab-results'],
        },
        { identity: 'bo@hospital.example', status: 'Queued', itemsSynced: 10 },
      ],
    });
    expect(first.body).toMatchObject({ format: 'json', rowsRead: 2, created: 2 });
    const second = await sendJson({
      items: [{ identity: 'anna@hospital.example', status: 'Completed', error: null }],
    });
    expect(second.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const anna = (await items(room)).find((i) => i.identity === 'anna@hospital.example');
    expect(anna).toMatchObject({ status: 'completed', batch: 'Lab', tags: ['lab-results'] });

    const bad = await sendJson({
      items: [
        { identity: 'cy@hospital.example', status: 'Completed' },
        { identity: 'dy@hospital.example', status: 'Beamed' },
        { identity: 'ey@hospital.example', status: 'Completed', itemsSynced: -1 },
      ],
    });
    expect(bad.status).toBe(422);
    expect((bad.body as { rejected: unknown[] }).rejected).toEqual([
      { line: 2, code: 'migration.row.unknownStatus', message: expect.stringContaining('Beamed') },
      { line: 3, code: 'migration.item.invalid', message: expect.stringContaining('itemsSynced') },
    ]);
    expect(await items(room)).toHaveLength(2);
  });

  test('a malformed JSON body or one without items is a bad request (400)', async () => {
    const { sendJson, send } = await setUp();
    expect((await sendJson({ rows: [] })).status).toBe(400);
    const broken = await send('{"items": [', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
  });

  test('a file without the columns it needs is refused (422), saying which', async () => {
    const { send } = await setUp();
    const r = await send('Mailbox,Progress\r\nanna@hospital.example,50%\r\n');
    expect(r.status).toBe(422);
    expect((r.body as { error: { message: string } }).error.message).toMatch(/Status/);
  });

  test('the tab reads totals with SSO; another tenant gets 404', async () => {
    const { room, send } = await setUp();
    await send(EAC);
    const path = `/api/v1/war-rooms/${room.id}/migration`;
    const mine = await m.call('GET', path, { headers: await m.as(OBSERVER) });
    expect(mine).toMatchObject({ status: 200, body: { items: 20 } });
    const theirs = await m.call('GET', path, { headers: await m.as(randomUUID(), TENANT_B) });
    expect(theirs.status).toBe(404);
    const mapping = await m.call('PUT', `${path}/mapping`, {
      headers: await m.as(randomUUID(), TENANT_B),
      json: { mapping: { identity: 'Email', status: 'State' } },
    });
    expect(mapping.status).toBe(404);
  });

  test('an observer may not import, whatever the client; the refusal is audited', async () => {
    const { room } = await setUp();
    const service = new MigrationService({
      storage: m.t.app.storage,
      clock: systemClock,
      ids: uuidIds,
    });
    const observer = { tenantId: room.tenantId, userId: OBSERVER, name: 'Olga Observer' };
    await expect(
      service.import(observer, room.id, { kind: 'csv', content: EAC, source: 'tab' }),
    ).rejects.toMatchObject({ kind: 'forbidden', messageKey: 'access.migration.import' });
    expect(await items(room)).toEqual([]);
    const refusals = (await m.audit(room)).filter((e) => e.action === 'access.refused');
    expect(refusals).toEqual([
      expect.objectContaining({
        actorId: OBSERVER,
        after: { permission: 'migration.import', role: 'observer' },
      }),
    ]);
  });
});
