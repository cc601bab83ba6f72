import { randomUUID } from 'node:crypto';
import type { FreezeWindow } from '../../shared/domain/freeze';
import { StorageConflictError, type Tx } from '../../bot/storage/types';
import { backends, suiteStorage, type Backend } from './backends';
import { at, newTenant, warRoom } from './fixtures';

/** Freeze windows and their violations on every engine. */
describe.each(backends())('freeze contract: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);
  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);

  async function newRoom() {
    const room = warRoom(newTenant());
    await tx((t) => t.warRooms.insert(room));
    return room;
  }
  async function newWindow(room: ReturnType<typeof warRoom>, over: Partial<FreezeWindow> = {}) {
    const w: FreezeWindow = {
      id: randomUUID(),
      tenantId: room.tenantId,
      warRoomId: room.id,
      number: await tx((t) => t.freezes.nextNumber(room.tenantId, room.id)),
      target: { kind: 'identities', values: ['lab.one@hospital.example', 'Ærø «lab»@x.dk'] },
      from: '2026-10-24T23:00:00.000Z',
      to: '2026-10-25T05:00:00.000Z',
      reason: 'Lab results feed switches over; «don’t» touch',
      status: 'active',
      createdById: 'aad-lead',
      createdByName: 'Mette Lead',
      createdAt: at(),
      releasedAt: null,
      releaseDecisionId: null,
      version: 1,
      ...over,
    };
    await tx((t) => t.freezes.insert(w));
    return w;
  }

  test('a window reads back as written, numbered per war room', async () => {
    const room = await newRoom();
    const first = await newWindow(room);
    const second = await newWindow(room, { target: { kind: 'tag', value: 'lab-results' } });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(await tx((t) => t.freezes.findByNumber(room.tenantId, room.id, 1))).toEqual(first);
    expect(await tx((t) => t.freezes.listByWarRoom(room.tenantId, room.id))).toEqual([
      first,
      second,
    ]);
    // Another tenant sees nothing of it.
    const other = await newRoom();
    expect(await tx((t) => t.freezes.findByNumber(other.tenantId, room.id, 1))).toBeUndefined();
    expect(await tx((t) => t.freezes.listByWarRoom(other.tenantId, room.id))).toEqual([]);
  });

  test('a taken number is a conflict; a stale update writes nothing', async () => {
    const room = await newRoom();
    const w = await newWindow(room);
    await expect(newWindow(room, { number: w.number })).rejects.toBeInstanceOf(
      StorageConflictError,
    );
    const released = {
      ...w,
      status: 'released' as const,
      releasedAt: at(5),
      releaseDecisionId: 'dec-1',
      version: 2,
    };
    expect(await tx((t) => t.freezes.update(released, 1))).toBe(true);
    expect(await tx((t) => t.freezes.update({ ...released, version: 3 }, 1))).toBe(false);
    expect(await tx((t) => t.freezes.findByNumber(room.tenantId, room.id, 1))).toEqual(released);
    expect(await tx((t) => t.freezes.findByReleaseDecision(room.tenantId, 'dec-1'))).toEqual(
      released,
    );
    expect(await tx((t) => t.freezes.findByReleaseDecision(newTenant(), 'dec-1'))).toBeUndefined();
  });

  test('violations count each mailbox once, and recording one twice keeps one', async () => {
    const room = await newRoom();
    const w = await newWindow(room);
    const v = (identity: string, importId: string) => ({
      tenantId: room.tenantId,
      warRoomId: room.id,
      freezeId: w.id,
      identity,
      importId,
      incidentId: null,
      at: at(1),
    });
    await tx((t) => t.freezes.addViolations([v('a@x.dk', 'i1'), v('b@x.dk', 'i1')]));
    await tx((t) => t.freezes.addViolations([v('a@x.dk', 'i1'), v('a@x.dk', 'i2')]));
    expect(await tx((t) => t.freezes.countViolations(room.tenantId, room.id))).toBe(2);
    expect(await tx((t) => t.freezes.countViolations(newTenant(), room.id))).toBe(0);
    // The report lists every recorded one (each mailbox per import), of its tenant only.
    expect(await tx((t) => t.freezes.listViolations(room.tenantId, room.id))).toEqual([
      v('a@x.dk', 'i1'),
      v('a@x.dk', 'i2'),
      v('b@x.dk', 'i1'),
    ]);
    expect(await tx((t) => t.freezes.listViolations(newTenant(), room.id))).toEqual([]);
  });
});
