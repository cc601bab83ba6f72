import { openStorage, type StorageLocation } from '../../bot/storage/open';
import type { AuditSignal, Storage } from '../../bot/storage/types';
import type { WarRoom } from '../../shared/domain/warRoom';
import { backends, onPostgres, type Backend } from './backends';
import { newTenant, nextAudit, warRoom } from './fixtures';

/** What the live event stream reads and hears: audit headlines after a seq, and commits. */
describe.each(backends())('audit feed contract: $name', (backend: Backend) => {
  let location: StorageLocation;
  let storage: Storage;
  let stopListening: () => void = () => undefined;

  beforeAll(async () => {
    await backend.start();
    location = await backend.fresh();
    storage = await openStorage(location);
    // PostgreSQL starts listening with the first subscriber and says `resync` once it does:
    // appends before that are not heard (a live stream reads the log when it opens anyway).
    await new Promise<void>((resolve) => {
      stopListening = storage.auditSignals.subscribe((s) => s.kind === 'resync' && resolve());
      if (backend.name !== 'postgres') resolve();
    });
  });
  afterAll(async () => {
    stopListening();
    await storage?.close();
    await backend.stop();
  });

  const given = async (): Promise<WarRoom> => {
    const room = warRoom(newTenant());
    await storage.transaction((tx) => tx.warRooms.insert(room));
    return room;
  };
  const append = (room: WarRoom, n = 1, store = storage) =>
    store.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        const head = await tx.audit.head(room.tenantId, room.id);
        await tx.audit.append(
          nextAudit(room, head, { action: `test.step${(head?.seq ?? 0) + 1}` }),
        );
      }
    });
  /** Collects signals until `until` holds (or 5 s pass). */
  const hear = (store: Storage, until: (signals: AuditSignal[]) => boolean) => {
    const signals: AuditSignal[] = [];
    let done: () => void = () => undefined;
    const heard = new Promise<void>((resolve) => (done = resolve));
    const stop = store.auditSignals.subscribe((s) => {
      signals.push(s);
      if (until(signals)) done();
    });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    return { signals, settled: Promise.race([heard, timeout]).then(stop) };
  };
  const appendedIn = (room: WarRoom) => (signals: AuditSignal[]) =>
    signals.filter((s) => s.kind === 'appended' && s.warRoomId === room.id);

  it('lists headlines after a seq in order, bounded, and knows the last seq', async () => {
    const room = await given();
    const other = await given();
    await append(room, 5);
    await append(other, 2);
    await storage.transaction(async (tx) => {
      expect(await tx.audit.lastSeq(room.tenantId, room.id)).toBe(5);
      expect(await tx.audit.lastSeq(room.tenantId, 'no-such-room')).toBe(0);
      const since = await tx.audit.listSince(room.tenantId, room.id, 2, 2);
      expect(since).toEqual([
        { seq: 3, action: 'test.step3', subject: `warroom:${room.id}`, at: expect.any(String) },
        { seq: 4, action: 'test.step4', subject: `warroom:${room.id}`, at: expect.any(String) },
      ]);
      expect(new Date(since[0]!.at).toISOString()).toBe(since[0]!.at);
      expect(await tx.audit.listSince(room.tenantId, room.id, 5, 10)).toEqual([]);
      // Scoped by tenant: the right id under another tenant reads nothing.
      expect(await tx.audit.listSince(other.tenantId, room.id, 0, 10)).toEqual([]);
    });
  });

  it('signals an append once it commits, with the newest seq, and not a rolled-back one', async () => {
    const room = await given();
    const rolledBack = await given();
    const { signals, settled } = hear(storage, (s) =>
      appendedIn(room)(s).some((x) => x.kind === 'appended' && x.seq === 3),
    );
    await expect(
      storage.transaction(async (tx) => {
        await tx.audit.append(nextAudit(rolledBack, undefined));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await append(room, 3);
    await settled;
    expect(appendedIn(room)(signals).at(-1)).toEqual({
      kind: 'appended',
      warRoomId: room.id,
      seq: 3,
    });
    // Signals come in commit order: had the rolled-back append signalled, it would be here.
    expect(appendedIn(rolledBack)(signals)).toEqual([]);
  });

  onPostgres(backend)('hears the appends another instance commits', async () => {
    const room = await given();
    const other = await openStorage(location);
    try {
      const { signals, settled } = hear(storage, (s) =>
        appendedIn(room)(s).some((x) => x.kind === 'appended' && x.seq === 2),
      );
      await append(room, 2, other);
      await settled;
      expect(appendedIn(room)(signals)).toEqual([
        { kind: 'appended', warRoomId: room.id, seq: 1 },
        { kind: 'appended', warRoomId: room.id, seq: 2 },
      ]);
    } finally {
      await other.close();
    }
  });

  it('keeps one signing key: the first stored wins', async () => {
    const first = await storage.transaction((tx) =>
      tx.signingKeys.ensure('contract-key', 'secret-one', new Date().toISOString()),
    );
    const second = await storage.transaction((tx) =>
      tx.signingKeys.ensure('contract-key', 'secret-two', new Date().toISOString()),
    );
    expect([first, second]).toEqual(['secret-one', 'secret-one']);
  });
});
