import { backends, suiteStorage, type Backend } from './backends';
import { incident, newTenant, warRoom } from './fixtures';

/**
 * `Storage.read`: what a transaction would read (PostgreSQL without BEGIN/COMMIT), and
 * nothing that writes or locks, on either engine.
 */
describe.each(backends())('storage read: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);

  it('reads what a transaction reads, several statements on one connection', async () => {
    const room = warRoom(newTenant());
    await storage().transaction(async (tx) => {
      await tx.warRooms.insert(room);
      for (let n = 1; n <= 3; n++) await tx.incidents.insert(incident(room, n));
    });
    const read = await storage().read(async (tx) => ({
      room: await tx.warRooms.findById(room.tenantId, room.id),
      after1: await tx.incidents.listAfter(room.tenantId, room.id, 1, 10),
      open: await tx.dashboard.openIncidentCount(room.tenantId, room.id),
    }));
    const inTransaction = await storage().transaction(async (tx) => ({
      room: await tx.warRooms.findById(room.tenantId, room.id),
      after1: await tx.incidents.listAfter(room.tenantId, room.id, 1, 10),
      open: await tx.dashboard.openIncidentCount(room.tenantId, room.id),
    }));
    expect(read).toEqual(inTransaction);
    expect(read.room).toEqual(room);
    expect(read.after1.map((i) => i.number)).toEqual([2, 3]);
    expect(read.open).toBe(3);
  });

  it('refuses a write or a lock, and the write does not happen', async () => {
    const room = warRoom(newTenant());
    await storage().transaction((tx) => tx.warRooms.insert(room));
    await expect(storage().read((tx) => tx.incidents.insert(incident(room, 1)))).rejects.toThrow(
      /read-only storage call/,
    );
    await expect(
      storage().read((tx) => tx.warRooms.nextNumber(room.tenantId, room.id, 'incident')),
    ).rejects.toThrow(/read-only storage call/);
    // The audit head locks the war room first where transactions run side by side.
    const head = storage().read((tx) => tx.audit.head(room.tenantId, room.id));
    if (backend.name === 'postgres') await expect(head).rejects.toThrow(/read-only storage call/);
    else await expect(head).resolves.toBeUndefined();
    const after = await storage().transaction(async (tx) => ({
      incidents: await tx.incidents.listAfter(room.tenantId, room.id, 0, 10),
      room: await tx.warRooms.findById(room.tenantId, room.id),
    }));
    expect(after).toEqual({ incidents: [], room });
  });

  it('refuses to start inside a transaction, as a nested transaction is', async () => {
    await expect(
      storage().transaction(() => storage().read(() => Promise.resolve(1))),
    ).rejects.toThrow(/nested/);
  });
});
