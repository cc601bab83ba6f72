import { randomUUID } from 'node:crypto';
import { respond, type Decision } from '../../shared/domain/decision';
import type { Tx } from '../../bot/storage/types';
import { backends, suiteStorage, type Backend } from './backends';
import { at, newTenant, warRoom } from './fixtures';

const ANNA = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna «Board» & Co' };
const BEN = { id: '29:ben', name: 'Ben CFO' };

/** Decision requests on every engine: the decision service must not tell them apart. */
describe.each(backends())('decision contract: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);
  const tx = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);

  async function newRequest(overrides: Partial<Decision> = {}) {
    const room = warRoom(newTenant());
    await tx((t) => t.warRooms.insert(room));
    const decision: Decision = {
      id: randomUUID(),
      tenantId: room.tenantId,
      warRoomId: room.id,
      number: await tx((t) => t.warRooms.nextNumber(room.tenantId, room.id, 'decision')),
      kind: 'goNoGo',
      question: 'Lift the freeze on the lab-results mailboxes at 06:00?',
      rule: 'all',
      approvers: [ANNA, BEN],
      backup: { id: '29:carl', name: 'Carl CIO' },
      deadline: at(60),
      status: 'pending',
      responses: [],
      requesterId: 'aad-lead',
      requesterName: 'Mette Lead',
      createdAt: at(),
      updatedAt: at(),
      decidedAt: null,
      version: 1,
      ...overrides,
    };
    await tx((t) => t.decisions.insert(decision));
    return { room, decision };
  }

  it('stores a request as asked and reads it back whole', async () => {
    const { decision } = await newRequest();
    expect(await tx((t) => t.decisions.findById(decision.tenantId, decision.id))).toEqual(decision);
  });

  it('numbers decisions per war room, apart from incidents', async () => {
    const { room } = await newRequest();
    await tx((t) => t.warRooms.nextNumber(room.tenantId, room.id, 'incident'));
    expect(await tx((t) => t.warRooms.nextNumber(room.tenantId, room.id, 'decision'))).toBe(2);
  });

  it('an answer is written only over the version it was made on: one outcome', async () => {
    const { decision } = await newRequest({ rule: 'any' });
    const who = { userId: 'aad-anna', teamsUserId: '29:anna', name: 'Anna' };
    const approved = respond(decision, who, { verdict: 'approve', comment: 'Go', at: at(5) });
    const rejected = respond(
      decision,
      { userId: 'x', teamsUserId: '29:ben', name: 'Ben' },
      {
        verdict: 'reject',
        comment: 'No',
        at: at(5),
      },
    );
    expect(await tx((t) => t.decisions.update(approved, 1))).toBe(true);
    expect(await tx((t) => t.decisions.update(rejected, 1))).toBe(false); // stale: lost the race
    const stored = await tx((t) => t.decisions.findById(decision.tenantId, decision.id));
    expect(stored).toMatchObject({ status: 'approved', version: 2, decidedAt: at(5) });
    expect(stored?.responses).toEqual(approved.responses);
  });

  it('another tenant sees nothing; a war room lists its own, in order', async () => {
    const { room, decision } = await newRequest();
    expect(await tx((t) => t.decisions.findById(newTenant(), decision.id))).toBeUndefined();
    const second = { ...decision, id: randomUUID(), number: 2 };
    await tx((t) => t.decisions.insert(second));
    const listed = await tx((t) => t.decisions.listByWarRoom(room.tenantId, room.id));
    expect(listed.map((d) => d.number)).toEqual([1, 2]);
    expect(await tx((t) => t.decisions.listByWarRoom(newTenant(), room.id))).toEqual([]);
  });

  it('a second DEC-n in one war room is refused by the store', async () => {
    const { decision } = await newRequest();
    await expect(
      tx((t) => t.decisions.insert({ ...decision, id: randomUUID() })),
    ).rejects.toMatchObject({ name: 'StorageConflictError' });
  });
});
