import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../bot/logger';
import type { Clock } from '../../bot/services/clock';
import { housekeepingJob, HOUSEKEEPING, INBOX_RETENTION_MS } from '../../bot/services/housekeeping';
import {
  Scheduler,
  type JobHandler,
  type JobKind,
  type SchedulerOptions,
} from '../../bot/services/scheduler';
import { openSqliteStorage } from '../../bot/storage/sqlite/storage';
import type { Job, Storage } from '../../bot/storage/types';
import { claimActivity } from '../storage/fixtures';

const T0 = Date.UTC(2025, 5, 14, 8, 0);
const HOUR = 60 * 60_000;

class FakeClock implements Clock {
  constructor(public ms = T0) {}
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
  set(instant: string) {
    this.ms = Date.parse(instant);
  }
}

function recordingLogger() {
  const entries: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    entries.push({ level, msg, fields });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, entries };
}

/** A handler that remembers its runs and fails as scripted (then succeeds). */
function recorder(...failures: (Error | 'hang')[]) {
  const runs: Job[] = [];
  const handler: JobHandler = async (job, ctx) => {
    runs.push(job);
    const next = failures.shift();
    if (next === 'hang') {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      return;
    }
    if (next) throw next;
  };
  return { runs, handler };
}

describe('Scheduler (SQLite, a clock the test moves)', () => {
  let dir: string;
  let file: string;
  let storage: Storage;
  let clock: FakeClock;
  let log: ReturnType<typeof recordingLogger>;
  let made: number;
  const schedulers: Scheduler[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'warroom-scheduler-'));
    file = path.join(dir, 'warroom.sqlite');
    storage = await openSqliteStorage(file);
    clock = new FakeClock();
    log = recordingLogger();
    made = 0;
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A scheduler driven by tick() alone (not started: no timer runs behind the test). */
  function scheduler(kinds: JobKind[], options: Partial<SchedulerOptions> = {}) {
    const s = new Scheduler({
      storage,
      clock,
      ids: () => `job-${++made}`,
      logger: log.logger,
      options: { retryBaseMs: 1000, maxAttempts: 3, leaseMs: 60_000, timeoutMs: 5000, ...options },
    }).register(...kinds);
    schedulers.push(s);
    return s;
  }
  const find = (id: string) => storage.transaction((tx) => tx.jobs.findById(id));
  const at = (ms: number) => new Date(T0 + ms).toISOString();

  test('runs a job once, when it is due, with its payload', async () => {
    const { runs, handler } = recorder();
    const s = scheduler([{ kind: 'remind', handler }]);
    expect(
      await s.schedule({ kind: 'remind', dueAt: at(60_000), payload: { decision: 'd1' } }),
    ).toBe(true);

    expect(await s.tick()).toBe(0);
    clock.advance(59_999);
    expect(await s.tick()).toBe(0);
    clock.advance(1);
    expect(await s.tick()).toBe(1);
    expect(await s.tick()).toBe(0);
    clock.advance(HOUR);
    expect(await s.tick()).toBe(0);

    expect(runs).toEqual([expect.objectContaining({ id: 'job-1', payload: { decision: 'd1' } })]);
    expect(await find('job-1')).toMatchObject({ state: 'done', attempts: 1, lastError: null });
    expect(log.entries).toContainEqual({
      level: 'debug',
      msg: 'scheduler: job done',
      fields: { jobId: 'job-1', kind: 'remind', attempt: 1, ms: 0 },
    });
  });

  test('retries a failing job with growing backoff, then fails it and logs an error', async () => {
    const { runs, handler } = recorder(
      new Error('Graph said 503'),
      new Error('Graph said 503'),
      new Error('Graph said 404'),
    );
    const s = scheduler([{ kind: 'remind', handler }]);
    await s.schedule({ kind: 'remind', dueAt: at(0) });

    await s.tick();
    const first = await find('job-1');
    expect(first).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'Error: Graph said 503',
    });
    // Backoff with jitter: between half and all of 1 s after the first failure…
    const wait1 = Date.parse(first!.dueAt) - clock.ms;
    expect(wait1).toBeGreaterThanOrEqual(500);
    expect(wait1).toBeLessThanOrEqual(1000);
    clock.advance(wait1 - 1);
    expect(await s.tick()).toBe(0);
    clock.advance(1);
    expect(await s.tick()).toBe(1);

    // …between half and all of 2 s after the second.
    const second = await find('job-1');
    expect(second).toMatchObject({ state: 'pending', attempts: 2 });
    const wait2 = Date.parse(second!.dueAt) - clock.ms;
    expect(wait2).toBeGreaterThanOrEqual(1000);
    expect(wait2).toBeLessThanOrEqual(2000);
    clock.set(second!.dueAt);
    await s.tick();

    expect(await find('job-1')).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: 'Error: Graph said 404',
    });
    clock.advance(HOUR);
    expect(await s.tick()).toBe(0);
    expect(runs).toHaveLength(3);
    expect(log.entries.filter((e) => e.level === 'warn').map((e) => e.msg)).toEqual([
      'scheduler: a job failed; it runs again',
      'scheduler: a job failed; it runs again',
    ]);
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([
      {
        level: 'error',
        msg: 'scheduler: a job failed for good',
        fields: expect.objectContaining({
          jobId: 'job-1',
          attempt: 3,
          error: 'Error: Graph said 404',
        }),
      },
    ]);
  });

  test('a job that succeeds on a retry is done', async () => {
    const { runs, handler } = recorder(new Error('database busy'));
    const s = scheduler([{ kind: 'remind', handler }]);
    await s.schedule({ kind: 'remind', dueAt: at(0) });
    await s.tick();
    clock.advance(1000);
    await s.tick();
    expect(runs).toHaveLength(2);
    expect(await find('job-1')).toMatchObject({ state: 'done', attempts: 2, lastError: null });
  });

  test('bounds a run: a handler that does not answer is aborted and counted as failed', async () => {
    const { runs, handler } = recorder('hang');
    const signals: AbortSignal[] = [];
    const s = scheduler([
      {
        kind: 'slow',
        timeoutMs: 50,
        handler: async (job, ctx) => {
          signals.push(ctx.signal);
          await handler(job, ctx);
        },
      },
    ]);
    await s.schedule({ kind: 'slow', dueAt: at(0) });
    await s.tick();
    expect(runs).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(await find('job-1')).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'no answer within 50 ms',
    });
  });

  test('refuses a bound as long as the lease, and a kind registered twice', () => {
    const { handler } = recorder();
    expect(() => scheduler([{ kind: 'slow', handler, timeoutMs: 60_000 }])).toThrow('leaseMs');
    expect(() =>
      scheduler([
        { kind: 'a', handler },
        { kind: 'a', handler },
      ]),
    ).toThrow('twice');
  });

  test('runs after a restart a job scheduled before it', async () => {
    const before = recorder();
    const first = scheduler([{ kind: 'remind', handler: before.handler }]);
    first.start();
    await first.schedule({ kind: 'remind', dueAt: at(10 * 60_000), payload: { n: 1 } });
    await first.stop();
    await storage.close();

    storage = await openSqliteStorage(file);
    const after = recorder();
    const second = scheduler([{ kind: 'remind', handler: after.handler }]);
    clock.advance(10 * 60_000);
    expect(await second.tick()).toBe(1);
    expect(before.runs).toEqual([]);
    expect(after.runs).toEqual([expect.objectContaining({ id: 'job-1', payload: { n: 1 } })]);
  });

  test('runs again a job whose instance died holding it, once its lease has run out', async () => {
    const { runs, handler } = recorder();
    const s = scheduler([{ kind: 'remind', handler }]);
    await s.schedule({ kind: 'remind', dueAt: at(0) });
    // Another instance leases it and dies before it records anything.
    const leaseUntil = at(60_000);
    const [dead] = await storage.transaction((tx) =>
      tx.jobs.claimDue(clock.now().toISOString(), leaseUntil, 10),
    );
    expect(dead?.id).toBe('job-1');

    clock.advance(60_000);
    expect(await s.tick()).toBe(0); // the lease still holds
    clock.advance(1);
    expect(await s.tick()).toBe(1);
    expect(runs).toEqual([expect.objectContaining({ id: 'job-1', attempts: 2 })]);
    expect(await find('job-1')).toMatchObject({ state: 'done', attempts: 2 });
    expect(log.entries).toContainEqual({
      level: 'warn',
      msg: 'scheduler: a job was released by an instance that stopped',
      fields: { jobId: 'job-1', kind: 'remind', attempt: 1 },
    });
    // The dead instance's run can no longer record anything.
    expect(await storage.transaction((tx) => tx.jobs.settle(dead!, { state: 'done' }, at(0)))).toBe(
      false,
    );
  });

  test('gives up on a job whose runs keep dying with their instance, without running it', async () => {
    const { runs, handler } = recorder();
    const s = scheduler([{ kind: 'crash', handler, maxAttempts: 2 }]);
    await s.schedule({ kind: 'crash', dueAt: at(0) });
    for (let i = 0; i < 2; i++) {
      await storage.transaction((tx) =>
        tx.jobs.claimDue(clock.now().toISOString(), clock.now().toISOString(), 10),
      );
      clock.advance(1);
      await storage.transaction((tx) => tx.jobs.expireLeases(clock.now().toISOString()));
    }
    await s.tick();
    expect(runs).toEqual([]);
    expect(await find('job-1')).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: 'gave up: 2 runs did not finish',
    });
  });

  test('a job scheduled in a transaction commits with it, or not at all', async () => {
    const { runs, handler } = recorder();
    const s = scheduler([{ kind: 'remind', handler }]);
    await storage
      .transaction(async (tx) => {
        await s.schedule({ kind: 'remind', dueAt: at(0), dedupeKey: 'decision:d1:reminder:1' }, tx);
        throw new Error('the decision was not saved');
      })
      .catch(() => undefined);
    await storage.transaction((tx) =>
      s.schedule({ kind: 'remind', dueAt: at(0), dedupeKey: 'decision:d2:reminder:1' }, tx),
    );
    await s.tick();
    expect(runs.map((j) => j.dedupeKey)).toEqual(['decision:d2:reminder:1']);
  });

  test('schedules once per dedupe key, refuses unknown kinds, and leaves other kinds alone', async () => {
    const { runs, handler } = recorder();
    const s = scheduler([{ kind: 'remind', handler }]);
    const request = { kind: 'remind', dueAt: at(0), dedupeKey: 'decision:d1:reminder:1' };
    expect(await s.schedule(request)).toBe(true);
    expect(await s.schedule({ ...request, dueAt: at(-HOUR) })).toBe(false);
    await expect(s.schedule({ kind: 'remnid', dueAt: at(0) })).rejects.toThrow('unknown job kind');
    // A kind this instance cannot run (a newer instance's) is left for others.
    await storage.transaction((tx) =>
      tx.jobs.schedule({
        id: 'newer',
        kind: 'escalate',
        tenantId: null,
        warRoomId: null,
        payload: {},
        dedupeKey: null,
        dueAt: at(0),
        createdAt: at(0),
      }),
    );
    await s.tick();
    expect(runs.map((j) => j.id)).toEqual(['job-1']);
    expect(await find('newer')).toMatchObject({ state: 'pending', attempts: 0 });
  });

  test('when started, runs a job due now without waiting for the poll', async () => {
    const ran: string[] = [];
    const s = scheduler([{ kind: 'remind', handler: async (job) => void ran.push(job.id) }], {
      pollMs: 60_000,
    });
    s.start();
    await s.idle();
    await s.schedule({ kind: 'remind', dueAt: clock.now() });
    for (let i = 0; i < 200 && ran.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await s.idle();
    expect(ran).toEqual(['job-1']);
    await s.stop();
    await s.schedule({ kind: 'remind', dueAt: clock.now() });
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).toEqual(['job-1']); // stopped: nothing more runs
  });

  describe('housekeeping on the scheduler', () => {
    const deps = () => ({ storage, clock, logger: log.logger });
    const claim = (id: string, received: string) => claimActivity(storage, '19:c', id, received);

    test('prunes, then reschedules itself an hour later; a restart does not run it early', async () => {
      await claim('old', at(-INBOX_RETENTION_MS - 60_000));
      await claim('recent', at(-60_000));
      const s = scheduler([housekeepingJob(deps())]);

      expect(await s.tick()).toBe(1);
      expect(await claim('old', at(0))).toBe(true); // forgotten, so claimable again
      expect(await claim('recent', at(0))).toBe(false);
      expect(log.entries).toContainEqual({
        level: 'info',
        msg: 'housekeeping pruned',
        fields: { claims: 1, sent: 0, jobs: 0 },
      });
      const next = await storage.transaction((tx) => tx.jobs.findByDedupeKey(HOUSEKEEPING));
      expect(next).toMatchObject({ state: 'pending', dueAt: at(HOUR), attempts: 0 });

      // Another instance (or this one restarted) starts: still one job, still an hour away.
      const other = scheduler([housekeepingJob(deps())]);
      clock.advance(HOUR - 1);
      expect(await other.tick()).toBe(0);
      expect(await s.tick()).toBe(0);
      clock.advance(1);
      expect((await other.tick()) + (await s.tick())).toBe(1);
      expect(
        await storage.transaction((tx) => tx.jobs.findByDedupeKey(HOUSEKEEPING)),
      ).toMatchObject({ id: next!.id, state: 'pending', dueAt: at(2 * HOUR), attempts: 0 });
    });

    test('prunes done jobs after a week', async () => {
      const { handler } = recorder();
      const s = scheduler([housekeepingJob(deps()), { kind: 'remind', handler }]);
      await s.schedule({ kind: 'remind', dueAt: at(0), dedupeKey: 'decision:d1:reminder:1' });
      await s.tick(); // runs both: the reminder is done, housekeeping due in an hour
      expect((await find('job-1'))?.state).toBe('done');

      clock.advance(7 * 24 * HOUR + HOUR);
      await s.tick();
      expect(await find('job-1')).toBeUndefined();
      expect(
        await storage.transaction((tx) => tx.jobs.findByDedupeKey(HOUSEKEEPING)),
      ).toMatchObject({ state: 'pending' });
    });

    test('a housekeeping run that fails for good is logged and comes back the next hour', async () => {
      const s = scheduler([
        {
          ...housekeepingJob(deps()),
          handler: () => Promise.reject(new Error('disk full')),
          maxAttempts: 1,
        },
      ]);
      await s.tick();
      expect(
        await storage.transaction((tx) => tx.jobs.findByDedupeKey(HOUSEKEEPING)),
      ).toMatchObject({
        state: 'pending',
        dueAt: at(HOUR),
        attempts: 0,
        lastError: 'Error: disk full',
      });
      expect(log.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual([
        'scheduler: a job failed for good',
      ]);
    });
  });
});
