import { openStorage, type StorageLocation } from '../../bot/storage/open';
import type { Job, JobLease, JobSettlement, NewJob, Storage } from '../../bot/storage/types';
import { backends, onPostgres, type Backend } from './backends';

/** The Saturday of the cutover, plus `seconds`. */
const BASE = Date.UTC(2025, 5, 14, 8, 0);
const t = (seconds: number): string => new Date(BASE + seconds * 1000).toISOString();
const LEASE = t(300);
const DONE: JobSettlement = { state: 'done' };

/** The jobs table on every engine: the scheduler must not be able to tell them apart. */
describe.each(backends())('jobs contract: $name', (backend: Backend) => {
  let location: StorageLocation;
  let storage: Storage;
  let made = 0;

  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  // claimDue sees every job: each case gets a database of its own.
  beforeEach(async () => {
    made = 0;
    location = await backend.fresh();
    storage = await openStorage(location);
  });
  afterEach(() => storage?.close());

  /** A job due at the start, created a little before; `overrides` change any of it. */
  const job = (overrides: Partial<NewJob> = {}): NewJob => {
    made += 1;
    return {
      id: `job-${String(made).padStart(4, '0')}`,
      kind: 'test',
      tenantId: null,
      warRoomId: null,
      payload: { n: made },
      dedupeKey: null,
      dueAt: t(0),
      createdAt: t(-60),
      ...overrides,
    };
  };
  const schedule = (...jobs: NewJob[]) =>
    storage.transaction(async (tx) => {
      const added: boolean[] = [];
      for (const j of jobs) added.push(await tx.jobs.schedule(j));
      return added;
    });
  const claim = (now = t(0), limit = 100, kinds?: string[], leaseUntil = LEASE) =>
    storage.transaction((tx) => tx.jobs.claimDue(now, leaseUntil, limit, kinds));
  const settle = (lease: JobLease, outcome: JobSettlement, now = t(1)) =>
    storage.transaction((tx) => tx.jobs.settle(lease, outcome, now));
  const expire = (now: string) => storage.transaction((tx) => tx.jobs.expireLeases(now));
  const find = (id: string) => storage.transaction((tx) => tx.jobs.findById(id));
  const byKey = (key: string) => storage.transaction((tx) => tx.jobs.findByDedupeKey(key));
  const ids = (jobs: Job[]) => jobs.map((j) => j.id);

  it('reads back what was scheduled, payload and unicode intact, as a pending job', async () => {
    const reminder = job({
      kind: 'decision.reminder',
      tenantId: 'tenant-contoso',
      warRoomId: 'room-1',
      payload: { decision: 'Gå videre med bølge 2 🚀', nested: { n: -1.5, none: null } },
      dedupeKey: 'decision:d1:reminder:1',
      dueAt: '2025-06-14T12:00:00.250+02:00',
      createdAt: '2025-06-14T09:59:00+02:00',
    });
    const plain = job();
    expect(await schedule(reminder, plain)).toEqual([true, true]);

    expect(await find(reminder.id)).toEqual({
      ...reminder,
      dueAt: '2025-06-14T10:00:00.250Z',
      createdAt: '2025-06-14T07:59:00.000Z',
      state: 'pending',
      attempts: 0,
      leaseUntil: null,
      lastError: null,
      updatedAt: '2025-06-14T07:59:00.000Z',
    });
    expect(await byKey('decision:d1:reminder:1')).toEqual(await find(reminder.id));
    expect(await find(plain.id)).toMatchObject({
      tenantId: null,
      warRoomId: null,
      dedupeKey: null,
    });
    expect(await find('no-such-job')).toBeUndefined();
    expect(await byKey('no-such-key')).toBeUndefined();
  });

  it('leases due pending jobs, earliest due first, up to the limit, counting the attempt', async () => {
    const later = job({ dueAt: t(-10) });
    const earliest = job({ dueAt: t(-20) });
    const sameTimeB = job({ id: 'job-b', dueAt: t(-5) });
    const sameTimeA = job({ id: 'job-a', dueAt: t(-5) });
    const notYet = job({ dueAt: t(1) });
    await schedule(later, earliest, sameTimeB, sameTimeA, notYet);

    const first = await claim(t(0), 3);
    expect(ids(first)).toEqual([earliest.id, later.id, 'job-a']);
    expect(first[0]).toMatchObject({
      state: 'running',
      attempts: 1,
      leaseUntil: LEASE,
      updatedAt: t(0),
    });
    // Leased jobs are not leased again; a job not yet due waits.
    expect(ids(await claim(t(0)))).toEqual(['job-b']);
    expect(await claim(t(0))).toEqual([]);
    expect(ids(await claim(t(1)))).toEqual([notYet.id]);
  });

  it('leases only the kinds asked for (an instance leases only what it can run)', async () => {
    const a = job({ kind: 'housekeeping' });
    const b = job({ kind: 'decision.reminder' });
    await schedule(a, b);
    expect(await claim(t(0), 10, [])).toEqual([]);
    expect(ids(await claim(t(0), 10, ['decision.reminder', 'other']))).toEqual([b.id]);
    expect(ids(await claim(t(0), 10))).toEqual([a.id]);
  });

  it('records a done run; a done job is never leased again, and a second settle does nothing', async () => {
    const j = job();
    await schedule(j);
    const [lease] = await claim();
    expect(await settle(lease!, DONE, t(2))).toBe(true);
    expect(await find(j.id)).toMatchObject({
      state: 'done',
      attempts: 1,
      leaseUntil: null,
      lastError: null,
      updatedAt: t(2),
    });
    expect(await settle(lease!, DONE)).toBe(false);
    expect(await settle(lease!, { state: 'failed', error: 'late' })).toBe(false);
    expect(await claim(t(1000))).toEqual([]);
    expect((await find(j.id))?.state).toBe('done');
  });

  it('retries a failed run when it is due again, keeping count of attempts', async () => {
    const j = job();
    await schedule(j);
    const [first] = await claim();
    const retry: JobSettlement = {
      state: 'pending',
      dueAt: t(30),
      error: 'Error: Graph said 503',
      resetAttempts: false,
    };
    expect(await settle(first!, retry)).toBe(true);
    expect(await find(j.id)).toMatchObject({
      state: 'pending',
      dueAt: t(30),
      attempts: 1,
      leaseUntil: null,
      lastError: 'Error: Graph said 503',
    });
    expect(await claim(t(29))).toEqual([]);
    const [second] = await claim(t(30));
    expect(second).toMatchObject({ id: j.id, attempts: 2, lastError: 'Error: Graph said 503' });
    // A recurring job's next run starts counting from zero.
    const next: JobSettlement = {
      state: 'pending',
      dueAt: t(3600),
      error: null,
      resetAttempts: true,
    };
    expect(await settle(second!, next)).toBe(true);
    expect(await find(j.id)).toMatchObject({
      state: 'pending',
      dueAt: t(3600),
      attempts: 0,
      lastError: null,
    });
  });

  it('gives a job up for good, with a bounded error text', async () => {
    const j = job();
    await schedule(j);
    const [lease] = await claim();
    const error = `Error: ${'x'.repeat(5000)}`;
    expect(await settle(lease!, { state: 'failed', error })).toBe(true);
    const failed = await find(j.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, leaseUntil: null });
    expect(failed?.lastError).toBe(error.slice(0, 1000));
    expect(await claim(t(10_000))).toEqual([]);
  });

  it('releases the jobs of an instance that died once their lease runs out', async () => {
    const dead = job();
    const alive = job();
    await schedule(dead, alive);
    const [deadLease] = await claim(t(0), 1, undefined, t(60));
    const [aliveLease] = await claim(t(0), 1, undefined, t(600));

    expect(await expire(t(60))).toEqual([]); // not before the lease has run out
    const released = await expire(t(61));
    expect(released).toEqual([
      expect.objectContaining({
        id: dead.id,
        state: 'pending',
        attempts: 1,
        leaseUntil: null,
        lastError: 'the instance running it stopped',
      }),
    ]);
    expect((await find(alive.id))?.state).toBe('running');

    // The dead run can settle nothing, before or after the job is leased again.
    expect(await settle(deadLease!, DONE)).toBe(false);
    const [again] = await claim(t(61));
    expect(again).toMatchObject({ id: dead.id, attempts: 2 });
    expect(await settle(deadLease!, DONE)).toBe(false);
    expect(await settle(again!, DONE)).toBe(true);
    expect(await settle(aliveLease!, DONE)).toBe(true);
  });

  it('schedules a job once per dedupe key, and changes nothing on a second try', async () => {
    const first = job({ dedupeKey: 'housekeeping', dueAt: t(10), payload: { v: 1 } });
    const second = job({ dedupeKey: 'housekeeping', dueAt: t(0), payload: { v: 2 } });
    expect(await schedule(first, second)).toEqual([true, false]);
    expect(await find(second.id)).toBeUndefined();
    expect(await byKey('housekeeping')).toMatchObject({
      id: first.id,
      dueAt: t(10),
      payload: { v: 1 },
    });
    // Jobs without a key never collide.
    expect(await schedule(job(), job())).toEqual([true, true]);

    // The key stays taken while the job runs and once it is done.
    const [lease] = await claim(t(10), 10, ['test']).then((js) =>
      js.filter((j) => j.id === first.id),
    );
    expect(await schedule(job({ dedupeKey: 'housekeeping' }))).toEqual([false]);
    await settle(lease!, DONE);
    expect(await schedule(job({ dedupeKey: 'housekeeping' }))).toEqual([false]);
  });

  it('cancels a pending job by key; cancel and schedule in one transaction moves it', async () => {
    const reminder = job({ dedupeKey: 'decision:d1:reminder:1', dueAt: t(100) });
    await schedule(reminder);
    const moved = job({ dedupeKey: 'decision:d1:reminder:1', dueAt: t(50) });
    const [cancelled, added] = await storage.transaction(async (tx) => [
      await tx.jobs.cancel('decision:d1:reminder:1'),
      await tx.jobs.schedule(moved),
    ]);
    expect([cancelled, added]).toEqual([true, true]);
    expect(await find(reminder.id)).toBeUndefined();
    expect(await byKey('decision:d1:reminder:1')).toMatchObject({ id: moved.id, dueAt: t(50) });

    expect(await storage.transaction((tx) => tx.jobs.cancel('no-such-key'))).toBe(false);
    // A running job is not cancelled: it finishes (handlers are idempotent).
    await claim(t(50));
    expect(await storage.transaction((tx) => tx.jobs.cancel('decision:d1:reminder:1'))).toBe(false);
    expect((await find(moved.id))?.state).toBe('running');
  });

  it('schedules nothing when the transaction that schedules rolls back', async () => {
    const j = job({ dedupeKey: 'decision:d2:reminder:1' });
    const failure = await storage
      .transaction(async (tx) => {
        await tx.jobs.schedule(j);
        throw new Error('the decision could not be saved');
      })
      .catch((e: unknown) => e);
    expect(failure).toEqual(new Error('the decision could not be saved'));
    expect(await find(j.id)).toBeUndefined();
    expect(await schedule(job({ dedupeKey: 'decision:d2:reminder:1' }))).toEqual([true]);
  });

  it('prunes done jobs finished before a moment, which frees their keys', async () => {
    const old = job({ dedupeKey: 'old' });
    const recent = job();
    const failed = job();
    const pending = job({ dueAt: t(1000) });
    await schedule(old, recent, failed, pending);
    const leases = new Map((await claim()).map((j) => [j.id, j]));
    await settle(leases.get(old.id)!, DONE, t(10));
    await settle(leases.get(recent.id)!, DONE, t(20));
    await settle(leases.get(failed.id)!, { state: 'failed', error: 'gave up' }, t(10));

    expect(await storage.transaction((tx) => tx.jobs.prune(t(15)))).toBe(1);
    expect(await find(old.id)).toBeUndefined();
    expect((await find(recent.id))?.state).toBe('done');
    expect((await find(failed.id))?.state).toBe('failed');
    expect((await find(pending.id))?.state).toBe('pending');
    expect(await schedule(job({ dedupeKey: 'old' }))).toEqual([true]);
    expect(await storage.transaction((tx) => tx.jobs.prune(t(15)))).toBe(0);
  });

  onPostgres(backend)(
    'skips jobs another instance is leasing instead of waiting for its commit',
    async () => {
      const [one, two] = [job(), job()];
      await schedule(one, two);
      const other = await openStorage(location);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let leasedByHolder: Job[] = [];
      const holder = storage.transaction(async (tx) => {
        leasedByHolder = await tx.jobs.claimDue(t(0), LEASE, 1);
        await held; // the lease is not committed yet
      });
      try {
        while (leasedByHolder.length === 0) await new Promise((r) => setTimeout(r, 5));
        const waited = new Promise<'waited'>((r) => setTimeout(() => r('waited'), 3000));
        const got = await Promise.race([
          other.transaction((tx) => tx.jobs.claimDue(t(0), LEASE, 1)),
          waited,
        ]);
        expect(ids(leasedByHolder)).toEqual([one.id]);
        expect(got === 'waited' ? got : ids(got)).toEqual([two.id]);
      } finally {
        release();
        await holder;
        await other.close();
      }
    },
  );

  onPostgres(backend)('never leases one job to two instances claiming at once', async () => {
    const all = Array.from({ length: 300 }, () => job());
    await schedule(...all);
    const other = await openStorage(location);
    const leases = new Map<string, number>();
    const byInstance = { a: 0, b: 0 };
    let settled = 0;

    const runner = async (instance: 'a' | 'b', store: Storage) => {
      for (let round = 0; settled < all.length; round++) {
        if (round > 5000) throw new Error('the runners made no progress');
        const got = await store.transaction((tx) => tx.jobs.claimDue(t(0), LEASE, 5));
        for (const j of got) {
          leases.set(j.id, (leases.get(j.id) ?? 0) + 1);
          byInstance[instance] += 1;
        }
        for (const j of got) {
          expect(await store.transaction((tx) => tx.jobs.settle(j, DONE, t(1)))).toBe(true);
          settled += 1;
        }
        if (got.length === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    };
    try {
      await Promise.all([
        runner('a', storage),
        runner('b', other),
        runner('a', storage),
        runner('b', other),
      ]);
    } finally {
      await other.close();
    }

    expect(leases.size).toBe(all.length);
    expect([...leases.values()].filter((n) => n !== 1)).toEqual([]);
    expect(byInstance.a).toBeGreaterThan(0);
    expect(byInstance.b).toBeGreaterThan(0);
    expect(await claim(t(10_000))).toEqual([]);
  });
});
