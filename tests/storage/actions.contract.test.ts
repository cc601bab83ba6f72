import { randomUUID } from 'node:crypto';
import type { Action } from '../../shared/domain/action';
import type { Tx } from '../../bot/storage/types';
import { backends, suiteStorage, type Backend } from './backends';
import { at, newTenant, warRoom } from './fixtures';

const JONAS = { id: '29:jonas', aadObjectId: 'aad-jonas', name: 'Jonas «Ops» & Co' };

/** Actions and personal chats on every engine: the services must not tell them apart. */
describe.each(backends())('action contract: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);
  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);

  async function newRoom() {
    const room = warRoom(newTenant());
    await tx((t) => t.warRooms.insert(room));
    return room;
  }
  async function newAction(room: ReturnType<typeof warRoom>, overrides: Partial<Action> = {}) {
    const action: Action = {
      id: randomUUID(),
      tenantId: room.tenantId,
      warRoomId: room.id,
      number: await tx((t) => t.warRooms.nextNumber(room.tenantId, room.id, 'action')),
      title: 'Recreate the five failed mailboxes',
      owner: JONAS,
      due: at(60),
      status: 'open',
      origin: { kind: 'meeting' },
      createdById: 'aad-lead',
      createdByName: 'Mette Lead',
      createdAt: at(),
      updatedAt: at(),
      doneAt: null,
      remindedAt: null,
      version: 1,
      followUpOf: null,
      ...overrides,
    };
    await tx((t) => t.actions.insert(action));
    return action;
  }

  it('stores an action and its follow-up link, and reads both back whole', async () => {
    const room = await newRoom();
    const plain = await newAction(room);
    const incidentId = randomUUID();
    const followUp = await newAction(room, {
      origin: { kind: 'incident', id: incidentId },
      followUpOf: { kind: 'incident', id: incidentId, ref: 'INC-4' },
    });
    expect(await tx((t) => t.actions.findById(room.tenantId, plain.id))).toEqual(plain);
    expect(await tx((t) => t.actions.findById(room.tenantId, followUp.id))).toEqual(followUp);
  });

  it('lists the follow-ups of one incident or decision, by number, in its tenant only', async () => {
    const room = await newRoom();
    const id = randomUUID();
    const first = await newAction(room, { followUpOf: { kind: 'incident', id, ref: 'INC-1' } });
    await newAction(room); // no follow-up
    await newAction(room, { followUpOf: { kind: 'decision', id: randomUUID(), ref: 'DEC-1' } });
    const second = await newAction(room, { followUpOf: { kind: 'incident', id, ref: 'INC-1' } });
    const listed = await tx((t) =>
      t.actions.listFollowUps(room.tenantId, { kind: 'incident', id }),
    );
    expect(listed.map((a) => a.id)).toEqual([first.id, second.id]);
    expect(await tx((t) => t.actions.listFollowUps(newTenant(), { kind: 'incident', id }))).toEqual(
      [],
    );
    // Same id under the other kind: nothing (ids are per kind).
    expect(
      await tx((t) => t.actions.listFollowUps(room.tenantId, { kind: 'decision', id })),
    ).toEqual([]);
  });

  it('a reassignment is written only over the version it was made on', async () => {
    const room = await newRoom();
    const action = await newAction(room, { remindedAt: at(61) });
    const bo = { id: '29:bo', aadObjectId: 'aad-bo', name: 'Bo' };
    const next = { ...action, owner: bo, remindedAt: null, version: 2, updatedAt: at(70) };
    expect(await tx((t) => t.actions.update(next, 1))).toBe(true);
    expect(await tx((t) => t.actions.update({ ...next, owner: JONAS, version: 2 }, 1))).toBe(false);
    expect(await tx((t) => t.actions.findById(room.tenantId, action.id))).toEqual(next);
  });

  describe('personal chats', () => {
    const chat = (tenantId: string, teamsUserId: string, conversationId: string) => ({
      tenantId,
      teamsUserId,
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversationId,
      openedAt: at(5),
    });

    it('remembers, replaces and forgets the chat opened with someone', async () => {
      const tenant = newTenant();
      expect(await tx((t) => t.personalChats.find(tenant, '29:jonas'))).toBeUndefined();
      await tx((t) => t.personalChats.put(chat(tenant, '29:jonas', 'a:1')));
      expect(await tx((t) => t.personalChats.find(tenant, '29:jonas'))).toEqual(
        chat(tenant, '29:jonas', 'a:1'),
      );
      await tx((t) => t.personalChats.put(chat(tenant, '29:jonas', 'a:2')));
      expect((await tx((t) => t.personalChats.find(tenant, '29:jonas')))?.conversationId).toBe(
        'a:2',
      );
      expect(await tx((t) => t.personalChats.forget(tenant, '29:jonas'))).toBe(true);
      expect(await tx((t) => t.personalChats.forget(tenant, '29:jonas'))).toBe(false);
      expect(await tx((t) => t.personalChats.find(tenant, '29:jonas'))).toBeUndefined();
    });

    it('keeps tenants apart', async () => {
      const tenant = newTenant();
      const other = newTenant();
      await tx((t) => t.personalChats.put(chat(tenant, '29:jonas', 'a:1')));
      expect(await tx((t) => t.personalChats.find(other, '29:jonas'))).toBeUndefined();
      expect(await tx((t) => t.personalChats.forget(other, '29:jonas'))).toBe(false);
      expect(await tx((t) => t.personalChats.find(tenant, '29:jonas'))).toBeDefined();
    });
  });
});
