import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/domain/actor';
import type { Decision } from '../../shared/domain/decision';
import { DecisionService } from '../../bot/services/decisions';
import { IncidentService } from '../../bot/services/incidents';
import { openStorage, sqliteFile, type StorageLocation } from '../../bot/storage/open';
import type { Storage, Tx } from '../../bot/storage/types';
import { backends, type Backend } from './backends';
import { at, incident, newTenant, warRoom } from './fixtures';

/**
 * Another instance on the same database, with its own copy of the storage code (so its
 * transactions are not "nested" in ours). SQLite: another connection to the file, which
 * gives up after 50 ms when ours holds the write lock (rather than blocking 5 s).
 */
async function anotherInstance(backend: Backend, location: StorageLocation): Promise<Storage> {
  let copy: { open: typeof openStorage; sqlite: typeof import('../../bot/storage/sqlite/storage') };
  jest.isolateModules(() => {
    copy = {
      open: jest.requireActual<typeof import('../../bot/storage/open')>('../../bot/storage/open')
        .openStorage,
      sqlite: jest.requireActual('../../bot/storage/sqlite/storage'),
    };
  });
  if (copy!.open === openStorage) throw new Error('not a separate copy of the storage code');
  return backend.name === 'postgres'
    ? copy!.open(location)
    : copy!.sqlite.openSqliteStorage(sqliteFile(location.dataDir), { busyTimeoutMs: 50 });
}

/** How a write tried between two reads of ours ended. */
type Between = 'committed' | 'refused (busy)';
const attempt = (write: Promise<unknown>): Promise<Between> =>
  write.then(
    () => 'committed' as const,
    (e: unknown) => {
      // The other copy's class: compared by name.
      if ((e as Error).name === 'StorageUnavailableError') return 'refused (busy)' as const;
      throw e;
    },
  );

/**
 * `storage` whose transactions, of whatever kind, run `between` once, right after the
 * first record (incident or decision) is read: where a write of another instance would
 * land between a record and its history.
 */
function interleaved(storage: Storage, between: () => Promise<unknown>): Storage {
  let pending: (() => Promise<unknown>) | undefined = between;
  const after =
    <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const found = await read(...args);
      const run = pending;
      pending = undefined;
      await run?.();
      return found;
    };
  const wrap = (tx: Tx): Tx => ({
    ...tx,
    incidents: { ...tx.incidents, findById: after(tx.incidents.findById) },
    decisions: { ...tx.decisions, findById: after(tx.decisions.findById) },
  });
  const through = Object.create(storage) as Storage;
  for (const kind of ['transaction', 'read', 'snapshot', 'single'] as const) {
    through[kind] = (fn) => storage[kind]((tx) => fn(wrap(tx)));
  }
  return through;
}

const versionOf = (after: unknown) => (after as { version: number }).version;

/**
 * `Storage.snapshot`: every statement sees one state of the database, while another
 * instance commits meanwhile (PostgreSQL) or cannot (SQLite). A record's history in the
 * tab is read so, and never shows entries newer than the record it shows.
 */
describe.each(backends())('one snapshot: $name', (backend: Backend) => {
  let storage: Storage;
  let other: Storage;
  const expected: Between = backend.name === 'postgres' ? 'committed' : 'refused (busy)';

  beforeAll(async () => {
    await backend.start();
    const location = await backend.fresh();
    storage = await openStorage(location);
    other = await anotherInstance(backend, location);
  });
  afterAll(async () => {
    await other?.close();
    await storage?.close();
    await backend.stop();
  });

  it('reads one state throughout while another instance writes, and refuses writes', async () => {
    const room = warRoom(newTenant());
    const inc = incident(room, 1);
    await storage.transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await tx.incidents.insert(inc);
    });
    const renamed = { ...inc, title: 'Renamed meanwhile', version: 2 };
    let between: Between | undefined;
    const seen = await storage.snapshot(async (tx) => {
      const first = await tx.incidents.findById(room.tenantId, inc.id);
      between = await attempt(other.transaction((o) => o.incidents.update(renamed, 1)));
      const second = await tx.incidents.findById(room.tenantId, inc.id);
      return { first, second };
    });
    expect(between).toBe(expected);
    expect(seen.first).toEqual(inc);
    expect(seen.second).toEqual(inc);
    await expect(storage.snapshot((tx) => tx.incidents.insert(incident(room, 2)))).rejects.toThrow(
      /read-only storage call/,
    );
  });

  const lead = (tenantId: string): Actor => ({ tenantId, userId: 'user-lead', name: 'Mette Lead' });
  const services = (s: Storage) => ({
    incidents: new IncidentService({
      storage: s,
      clock: { now: () => new Date() },
      ids: randomUUID,
    }),
    decisions: new DecisionService({
      storage: s,
      clock: { now: () => new Date() },
      ids: randomUUID,
    }),
  });

  it("an incident's history is never newer than the incident shown with it", async () => {
    const room = warRoom(newTenant());
    const actor = lead(room.tenantId);
    await storage.transaction((tx) => tx.warRooms.insert(room));
    const origin = { warRoomId: room.id };
    const logged = await services(storage).incidents.log(actor, origin, {
      title: 'Licences not assigned',
      severity: 'sev2',
    });
    const id = logged.incident.id;
    const investigate = () =>
      services(other).incidents.changeStatus(actor, null, {
        incidentId: id,
        status: 'investigating',
        expectedVersion: 1,
      });
    let between: Between | undefined;
    const reader = services(
      interleaved(storage, async () => (between = await attempt(investigate()))),
    );
    const shown = await reader.incidents.history(actor, origin, id);
    expect(between).toBe(expected);
    expect(shown.incident).toMatchObject({ status: 'open', version: 1 });
    expect(shown.entries.map((e) => [e.action, versionOf(e.after)])).toEqual([
      ['incident.logged', 1],
    ]);

    if (between !== 'committed') await investigate();
    const later = await services(storage).incidents.history(actor, origin, id);
    expect(later.incident).toMatchObject({ status: 'investigating', version: 2 });
    expect(later.entries.map((e) => [e.action, versionOf(e.after)])).toEqual([
      ['incident.status_changed', 2],
      ['incident.logged', 1],
    ]);
  });

  it("a decision's history is never newer than the decision shown with it", async () => {
    const room = warRoom(newTenant());
    const actor = lead(room.tenantId);
    const decision: Decision = {
      id: randomUUID(),
      tenantId: room.tenantId,
      warRoomId: room.id,
      number: 1,
      kind: 'approval',
      question: 'Buy 40 extra E3 licences now?',
      rule: 'any',
      approvers: [{ id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Board' }],
      backup: null,
      deadline: null,
      status: 'pending',
      responses: [],
      requesterId: actor.userId,
      requesterName: actor.name,
      createdAt: at(),
      updatedAt: at(),
      decidedAt: null,
      version: 1,
    };
    await storage.transaction(async (tx) => {
      await tx.warRooms.insert(room);
      await tx.decisions.insert(decision);
    });
    const origin = { warRoomId: room.id };
    const withdraw = () =>
      services(other).decisions.withdraw(actor, null, { decisionId: decision.id });
    let between: Between | undefined;
    const reader = services(
      interleaved(storage, async () => (between = await attempt(withdraw()))),
    );
    const shown = await reader.decisions.history(actor, origin, decision.id);
    expect(between).toBe(expected);
    expect(shown.decision).toMatchObject({ status: 'pending', version: 1 });
    expect(shown.entries).toEqual([]);

    if (between !== 'committed') await withdraw();
    const later = await services(storage).decisions.history(actor, origin, decision.id);
    expect(later.decision).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(later.entries.map((e) => [e.action, versionOf(e.after)])).toEqual([
      ['decision.withdrawn', 2],
    ]);
  });
});
