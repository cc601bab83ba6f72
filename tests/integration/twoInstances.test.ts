import { Client } from 'pg';
import { findChainBreak } from '../../bot/services/auditTrail';
import { VERBS } from '../../shared/cards/actions';
import { startTestApp, type TestApp } from '../support/app';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * Two server instances behind an imagined load balancer, sharing one real PostgreSQL:
 * a redelivery that lands on the other instance is still recognised, and incident
 * numbers and the audit chain stay gapless under concurrent writes from both.
 */
describe('two instances on one PostgreSQL database', () => {
  let pg: TestPostgres;
  let a: TestApp;
  let b: TestApp;
  let url: string;

  beforeAll(async () => {
    pg = await startPostgres();
    url = await pg.createDatabase('two_instances');
    a = await startTestApp({ DATABASE_URL: url });
    b = await startTestApp({ DATABASE_URL: url });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await pg?.stop();
  });

  const room = () => a.room;
  const incidents = async () => {
    const w = await b.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(a.tenantId, room().channelId),
    );
    return w ? b.app.storage.transaction((tx) => tx.incidents.listByWarRoom(a.tenantId, w.id)) : [];
  };

  test('a war room started on one instance is used from the other', async () => {
    expect(a.app.storage.kind).toBe('postgres');
    expect((await a.post(room().message('start Mailbox cutover weekend'))).status).toBe(200);
    expect((await b.post(room().message('incident Licences not assigned sev2'))).status).toBe(200);
    expect(await incidents()).toEqual([
      expect.objectContaining({ number: 1, title: 'Licences not assigned' }),
    ]);
    const list = await b.get('/api/v1/war-rooms');
    expect(list.body).toMatchObject({
      warRooms: [{ title: 'Mailbox cutover weekend', openIncidents: 1 }],
    });
  });

  test('a redelivery that reaches the other instance changes nothing and posts nothing', async () => {
    const message = room().message('incident Mail flow delayed sev3');
    const before = a.connector.calls.length;
    // Both deliveries in flight at once, one on each instance, as a retry racing the original.
    const [first, retry] = await Promise.all([a.post(message), b.post(message)]);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect((await incidents()).map((i) => i.title)).toEqual([
      'Licences not assigned',
      'Mail flow delayed',
    ]);
    expect(a.connector.calls.length).toBe(before + 1);
  });

  test('concurrent incidents on both instances get distinct, gapless numbers and one intact audit chain', async () => {
    const posts = Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? a : b).post(room().message(`incident Parallel failure ${i} sev4`)),
    );
    const results = await Promise.all(posts);
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const numbers = (await incidents()).map((i) => i.number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    const w = await a.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(a.tenantId, room().channelId),
    );
    const entries = await a.app.storage.transaction((tx) => tx.audit.list(a.tenantId, w!.id));
    expect(entries).toHaveLength(15);
    expect(findChainBreak(entries)).toBe(-1);
  });

  test('a late click answers at once while another change holds the war room', async () => {
    await a.post(room().message('incident Calendar sharing broken sev2'));
    const w = await a.app.storage.transaction((tx) =>
      tx.warRooms.findByChannel(a.tenantId, room().channelId),
    );
    const incident = (await incidents()).find((i) => i.title === 'Calendar sharing broken')!;
    const click = (status: string, version: number) =>
      room().cardAction(VERBS.incidentSetStatus, { incidentId: incident.id, status, version });
    expect((await b.post(click('investigating', 1))).status).toBe(200);

    // Another change in flight: it holds the war room's row until it ends.
    const holder = new Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM war_rooms WHERE id = $1 FOR UPDATE', [w!.id]);
      // A click from the card as first posted (version 1) cannot apply: it is answered with
      // the card as it stands without waiting for the lock.
      const late = await a.post(click('mitigated', 1));
      const body = late.body as { value: { body: unknown[]; actions: { data: unknown }[] } };
      expect(JSON.stringify(body.value.body)).toContain('Someone changed this incident');
      expect(JSON.stringify(body.value.body)).toContain('Investigating');
      expect(body.value.actions.map((x) => x.data)).toContainEqual(
        expect.objectContaining({ status: 'mitigated', version: 2 }),
      );
      // A click from the current card waits for the lock, then applies.
      let applied = false;
      const current = a.post(click('mitigated', 2)).then((r) => ((applied = true), r));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(applied).toBe(false);
      await holder.query('ROLLBACK');
      expect((await current).status).toBe(200);
    } finally {
      await holder.end();
    }
    expect((await incidents()).find((i) => i.id === incident.id)).toMatchObject({
      status: 'mitigated',
      version: 3,
    });
  });

  test('a click redelivered to the other instance is answered as a redelivery, not as late', async () => {
    await a.post(room().message('incident Shared mailbox rights lost sev3'));
    const incident = (await incidents()).find((i) => i.title === 'Shared mailbox rights lost')!;
    const click = (status: string, version: number) =>
      room().cardAction(VERBS.incidentSetStatus, { incidentId: incident.id, status, version });
    const text = (r: { body: unknown }) => JSON.stringify((r.body as { value: unknown }).value);
    const stored = async () => (await incidents()).find((i) => i.id === incident.id);

    // After the original applied: the same activity again, on the other instance.
    const investigate = click('investigating', 1);
    expect(text(await a.post(investigate))).toContain('Investigating');
    const again = await b.post(investigate);
    expect(again.status).toBe(200);
    expect(text(again)).toContain('Investigating');
    expect(text(again)).not.toContain('Someone changed this incident');
    expect(await stored()).toMatchObject({ status: 'investigating', version: 2 });

    // While the original is in flight: one of them applies, the other is its redelivery.
    const mitigate = click('mitigated', 2);
    const both = await Promise.all([a.post(mitigate), b.post(mitigate)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    for (const r of both) expect(text(r)).not.toContain('Someone changed this incident');
    expect(await stored()).toMatchObject({ status: 'mitigated', version: 3 });
  });
});
