import type { Handover, StoredLessons, Tx } from '../../bot/storage/types';
import { backends, suiteStorage, type Backend } from './backends';
import { newTenant, warRoom } from './fixtures';

/** Lessons learned and shift handovers on every engine. */
describe.each(backends())('report notes contract: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);
  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);
  async function newRoom() {
    const room = warRoom(newTenant());
    await tx((t) => t.warRooms.insert(room));
    return room;
  }

  test('lessons: one text per war room, replaced as a whole, of its tenant only', async () => {
    const room = await newRoom();
    const first: StoredLessons = {
      tenantId: room.tenantId,
      warRoomId: room.id,
      text: 'Licences first.\nÆrø «quotes» and 😀',
      byId: 'aad-lead',
      byName: 'Mette Lead',
      at: '2026-10-26T09:00:00.000Z',
      version: 1,
    };
    expect(await tx((t) => t.lessons.find(room.tenantId, room.id))).toBeUndefined();
    await tx((t) => t.lessons.put(first));
    expect(await tx((t) => t.lessons.find(room.tenantId, room.id))).toEqual(first);
    const second = {
      ...first,
      text: 'Rehearse the freeze.',
      at: '2026-10-26T10:00:00.000Z',
      version: 2,
    };
    await tx((t) => t.lessons.put(second));
    expect(await tx((t) => t.lessons.find(room.tenantId, room.id))).toEqual(second);
    expect(await tx((t) => t.lessons.find(newTenant(), room.id))).toBeUndefined();
  });

  test('handovers: the newest at or before a time', async () => {
    const room = await newRoom();
    const h = (id: string, at: string, completed: number): Handover => ({
      id,
      tenantId: room.tenantId,
      warRoomId: room.id,
      at,
      byId: 'aad-lead',
      byName: 'Mette Lead',
      completed,
      failed: 1,
    });
    await tx((t) => t.handovers.insert(h('h1', '2026-10-24T06:00:00.000Z', 10)));
    await tx((t) => t.handovers.insert(h('h2', '2026-10-24T18:00:00.000Z', 900)));
    const last = (at: string) => tx((t) => t.handovers.lastBefore(room.tenantId, room.id, at));
    expect(await last('2026-10-24T05:59:59.000Z')).toBeUndefined();
    expect(await last('2026-10-24T06:00:00.000Z')).toEqual(h('h1', '2026-10-24T06:00:00.000Z', 10));
    expect(await last('2026-10-25T00:00:00.000Z')).toEqual(
      h('h2', '2026-10-24T18:00:00.000Z', 900),
    );
    expect(
      await tx((t) => t.handovers.lastBefore(newTenant(), room.id, '2026-10-25T00:00:00.000Z')),
    ).toBeUndefined();
  });
});
