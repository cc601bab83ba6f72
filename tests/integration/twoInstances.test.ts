import { findChainBreak } from '../../bot/services/auditTrail';
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

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('two_instances');
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
});
