import { auditPages, verifyStoredChain } from '../../bot/services/auditChain';
import { appendAudit } from '../../bot/services/auditTrail';
import { openStorage } from '../../bot/storage/open';
import type { Tx } from '../../bot/storage/types';
import type { WarRoom } from '../../shared/domain/warRoom';
import { backends, suiteDatabase, type Backend } from './backends';
import { insertRawAudit } from './rawAudit';
import { at, newTenant, nextAudit, warRoom } from './fixtures';

/** Reading long audit chains page by page, and finding every war room, on every engine. */
describe.each(backends())('audit paging contract: $name', (backend: Backend) => {
  const suite = suiteDatabase(backend);
  const storage = () => suite.storage();

  const read = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);
  const given = async (room: WarRoom = warRoom(newTenant())): Promise<WarRoom> => {
    await storage().transaction((tx) => tx.warRooms.insert(room));
    return room;
  };
  /** `seqs` written as given, gaps and all: the port appends only after the head. */
  const withEntries = async (room: WarRoom, seqs: number[]) => {
    await insertRawAudit(
      suite.location(),
      seqs.map((seq) => nextAudit(room, undefined, { seq })),
    );
  };
  /** Entries written the way services write them: real hashes over what the engine stores. */
  const realChain = async (room: WarRoom, length: number) => {
    for (let n = 1; n <= length; n++) {
      await storage().transaction((tx) =>
        appendAudit(tx, {
          tenantId: room.tenantId,
          warRoomId: room.id,
          at: at(n),
          actorId: 'user-lead',
          actorName: 'Mette Sørensen',
          action: 'incident.status_changed',
          subject: `incident:${n}`,
          // Keys out of order, nesting, non-ASCII and a float: jsonb reorders and reformats.
          before: { z: 1, a: { y: [n, 'ø', null], b: true } },
          after: { status: 'mitigated', ratio: 0.1 + n / 3, note: 'line\nbreak "quoted"' },
        }),
      );
    }
  };

  it('pages after a seq, in chain order, at most limit entries', async () => {
    const room = await given();
    await withEntries(room, [3, 1, 2, 5, 4]);
    const page = (afterSeq: number, limit: number, upToSeq?: number) =>
      read((tx) => tx.audit.page(room.tenantId, room.id, { afterSeq, limit, upToSeq }));
    expect((await page(0, 2)).map((e) => e.seq)).toEqual([1, 2]);
    expect((await page(2, 2)).map((e) => e.seq)).toEqual([3, 4]);
    expect((await page(4, 2)).map((e) => e.seq)).toEqual([5]);
    expect(await page(5, 2)).toEqual([]);
    expect((await page(1, 10, 3)).map((e) => e.seq)).toEqual([2, 3]);
    expect(await page(0, 10)).toEqual(await read((tx) => tx.audit.list(room.tenantId, room.id)));
  });

  it('pages across a gap in seq without losing the entries after it', async () => {
    const room = await given();
    await withEntries(room, [1, 2, 7, 8]);
    const seqs = [];
    for await (const p of auditPages(storage(), room.tenantId, room.id, { pageSize: 2 })) {
      seqs.push(p.map((e) => e.seq));
    }
    expect(seqs).toEqual([
      [1, 2],
      [7, 8],
    ]);
  });

  it('shows another tenant, or another war room, nothing', async () => {
    const room = await given();
    const neighbour = await given(warRoom(room.tenantId));
    await withEntries(room, [1, 2]);
    await withEntries(neighbour, [1]);
    const range = { afterSeq: 0, limit: 10 };
    expect(await read((tx) => tx.audit.page(newTenant(), room.id, range))).toEqual([]);
    const own = await read((tx) => tx.audit.page(room.tenantId, room.id, range));
    expect(own.map((e) => [e.warRoomId, e.seq])).toEqual([
      [room.id, 1],
      [room.id, 2],
    ]);
  });

  it('gives back what services hashed: a real chain verifies across pages', async () => {
    const room = await given();
    await realChain(room, 23);
    const report = await verifyStoredChain(storage(), room.tenantId, room.id, { pageSize: 5 });
    const head = await read((tx) => tx.audit.head(room.tenantId, room.id));
    expect(report).toEqual({
      verified: true,
      entries: 23,
      firstSeq: 1,
      lastSeq: 23,
      lastHash: head?.hash,
    });
  });

  it('reports an empty chain as verified with no seq range', async () => {
    const room = await given();
    expect(await verifyStoredChain(storage(), room.tenantId, room.id)).toEqual({
      verified: true,
      entries: 0,
      firstSeq: null,
      lastSeq: null,
      lastHash: null,
    });
  });

  it('lists every tenant’s war rooms, oldest first, for operator tools', async () => {
    const own = await openStorage(await backend.fresh());
    try {
      const later = warRoom(newTenant(), { createdAt: at(30) });
      const earlier = warRoom(newTenant(), { createdAt: at(10), teamId: null });
      const sameTenant = warRoom(earlier.tenantId, { createdAt: at(20) });
      for (const room of [later, earlier, sameTenant]) {
        await own.transaction((tx) => tx.warRooms.insert(room));
      }
      expect(await own.transaction((tx) => tx.warRooms.listAcrossTenants())).toEqual([
        earlier,
        sameTenant,
        later,
      ]);
    } finally {
      await own.close();
    }
  });
});
