import { randomUUID } from 'node:crypto';
import { createLogger } from '../../bot/logger';
import { systemClock } from '../../bot/services/clock';
import { housekeepingJob, HOUSEKEEPING } from '../../bot/services/housekeeping';
import { Scheduler, type JobKind } from '../../bot/services/scheduler';
import { openStorage } from '../../bot/storage/open';
import type { Storage } from '../../bot/storage/types';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * Two instances behind an imagined load balancer, each with its own pool and scheduler,
 * sharing one real PostgreSQL: every job runs exactly once, whichever instance takes it.
 */
describe('two schedulers on one PostgreSQL database', () => {
  let pg: TestPostgres;
  let storages: Storage[] = [];
  let schedulers: Scheduler[] = [];
  const logger = createLogger('silent');

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('two_schedulers');
    storages = [
      await openStorage({ databaseUrl: url, dataDir: 'unused' }),
      await openStorage({ databaseUrl: url, dataDir: 'unused' }),
    ];
  });
  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    await Promise.all(storages.map((s) => s.close()));
    await pg?.stop();
  });

  test('runs each job exactly once, on one instance or the other', async () => {
    const runs = new Map<string, string[]>();
    const byInstance = { a: 0, b: 0 };
    const kind = (instance: 'a' | 'b'): JobKind => ({
      kind: 'remind',
      handler: async (job) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), instance]);
        byInstance[instance] += 1;
        // Long enough for the other instance to lease while this one is busy.
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });
    const counted = (instance: 'a' | 'b', storage: Storage) => {
      let housekept = 0;
      const housekeeping = housekeepingJob({ storage, clock: systemClock, logger });
      const s = new Scheduler({
        storage,
        clock: systemClock,
        ids: randomUUID,
        logger,
        options: { pollMs: 20, batch: 4 },
      }).register(kind(instance), {
        ...housekeeping,
        handler: async (job, ctx) => {
          housekept += 1;
          await housekeeping.handler(job, ctx);
        },
      });
      return { s, housekept: () => housekept };
    };
    const a = counted('a', storages[0]!);
    const b = counted('b', storages[1]!);
    schedulers = [a.s, b.s];

    const ids = await storages[0]!.transaction(async (tx) => {
      const scheduled: string[] = [];
      for (let i = 0; i < 200; i++) {
        const id = `reminder-${i}`;
        await tx.jobs.schedule({
          id,
          kind: 'remind',
          tenantId: 'tenant-contoso',
          warRoomId: 'room-1',
          payload: { i },
          dedupeKey: `decision:d${i}:reminder:1`,
          dueAt: new Date().toISOString(),
          createdAt: new Date().toISOString(),
        });
        scheduled.push(id);
      }
      return scheduled;
    });
    a.s.start();
    b.s.start();

    const deadline = Date.now() + 30_000;
    while (runs.size < ids.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all([a.s.idle(), b.s.idle()]);

    expect(runs.size).toBe(ids.length);
    expect([...runs].filter(([, on]) => on.length !== 1)).toEqual([]);
    expect(byInstance.a).toBeGreaterThan(0);
    expect(byInstance.b).toBeGreaterThan(0);
    const states = await storages[1]!.transaction(async (tx) => {
      const found: (string | undefined)[] = [];
      for (const id of ids) found.push((await tx.jobs.findById(id))?.state);
      return found;
    });
    expect(new Set(states)).toEqual(new Set(['done']));

    // Both instances started the recurring housekeeping: one job, run once, due in an hour.
    expect(a.housekept() + b.housekept()).toBe(1);
    const housekeeping = await storages[0]!.transaction((tx) =>
      tx.jobs.findByDedupeKey(HOUSEKEEPING),
    );
    expect(housekeeping).toMatchObject({ state: 'pending', attempts: 0 });
    const inMinutes = (Date.parse(housekeeping!.dueAt) - Date.now()) / 60_000;
    expect(inMinutes).toBeGreaterThan(55);
    expect(inMinutes).toBeLessThanOrEqual(60);
  });
});
