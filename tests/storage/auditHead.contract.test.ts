import { appendAudit } from '../../bot/services/auditTrail';
import { openStorage } from '../../bot/storage/open';
import { backends, suiteDatabase, type Backend } from './backends';
import { newTenant, nextAudit, warRoom } from './fixtures';
import { createVersion1Database } from './legacy';
import { insertRawAudit } from './rawAudit';

/**
 * The head of a war room's audit chain (seq, hash) is read before every audited write. It is
 * kept with the war room, read with the row's lock and moved by each append (decision 030),
 * so it must always be the newest entry, from before that change on too.
 */
describe.each(backends())('audit chain head: $name', (backend: Backend) => {
  const suite = suiteDatabase(backend);

  test('is the newest entry of the war room, among large entries of two war rooms', async () => {
    const tenantId = newTenant();
    const rooms = [warRoom(tenantId), warRoom(tenantId)];
    const big = 'Mailbox batch 7 failed: '.repeat(200);
    await suite.storage().transaction(async (tx) => {
      for (const room of rooms) await tx.warRooms.insert(room);
      for (let n = 0; n < 60; n++) {
        const room = rooms[n % 3 === 0 ? 1 : 0]!;
        await appendAudit(tx, {
          tenantId,
          warRoomId: room.id,
          at: new Date(Date.UTC(2026, 9, 24, 20, n)).toISOString(),
          actorId: 'user-lead',
          actorName: 'Mette Lead',
          action: 'incident.logged',
          subject: `warroom:${room.id}`,
          before: { note: big },
          after: { note: big, n },
        });
      }
    });
    for (const room of rooms) {
      const entries = await suite.storage().transaction((tx) => tx.audit.list(tenantId, room.id));
      const head = await suite.storage().transaction((tx) => tx.audit.head(tenantId, room.id));
      expect(head).toEqual({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
    }
    expect(
      await suite.storage().transaction((tx) => tx.audit.head(newTenant(), rooms[0]!.id)),
    ).toBe(undefined);
  });

  test('carries over the chain a database held before the head was kept with its war room', async () => {
    const location = await backend.fresh();
    const room = warRoom(newTenant());
    await createVersion1Database(location, room);
    const first = nextAudit(room, undefined);
    const second = nextAudit(room, first);
    await insertRawAudit(location, [first, second, nextAudit(room, second)].reverse());
    const upgraded = await openStorage(location);
    try {
      const entries = await upgraded.transaction((tx) => tx.audit.list(room.tenantId, room.id));
      expect(entries).toHaveLength(3);
      expect(await upgraded.transaction((tx) => tx.audit.head(room.tenantId, room.id))).toEqual({
        seq: 3,
        hash: entries[2]!.hash,
      });
      const next = await upgraded.transaction((tx) =>
        appendAudit(tx, {
          tenantId: room.tenantId,
          warRoomId: room.id,
          at: new Date(Date.UTC(2026, 9, 25, 6, 0)).toISOString(),
          actorId: 'user-lead',
          actorName: 'Mette Lead',
          action: 'incident.logged',
          subject: `warroom:${room.id}`,
          before: null,
          after: { n: 4 },
        }),
      );
      expect(next).toMatchObject({ seq: 4, prevHash: entries[2]!.hash });
    } finally {
      await upgraded.close();
    }
  });
});
