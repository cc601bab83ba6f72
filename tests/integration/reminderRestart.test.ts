import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SCHEDULER, finishJob } from '../../bot/services/scheduler';
import { randomUUID } from 'node:crypto';
import { DECISION_JOBS, decisionJobs } from '../../bot/services/decisionTimers';
import type { Job } from '../../bot/storage/types';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf } from '../support/cards';
import { ANNA, CARL, cardText, tag, warRoomChannel, warRoomState } from '../support/decide';
import { FakeConnector } from '../support/fakeConnector';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * Reminders live in the database, not in a process: a server stopped between a reminder
 * being scheduled and its due time, and a new server on the same database started after
 * it, sends it once; so does a server that finds a job leased by an instance that died.
 */
let pg: TestPostgres | undefined;
afterAll(async () => {
  await pg?.stop();
});

let databases = 0;
const ENGINES = [
  {
    engine: 'SQLite',
    /** A data directory (its database file) that outlives each server started on it. */
    async database() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-restart-'));
      return {
        env: { WARROOM_DATA_DIR: dir },
        drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    engine: 'PostgreSQL',
    async database() {
      pg ??= await startPostgres();
      const url = await pg.createDatabase(`restart_${++databases}`);
      return { env: { DATABASE_URL: url }, drop: async () => undefined };
    },
  },
];

describe.each(ENGINES)('a restart around a decision’s timers ($engine)', ({ database }) => {
  let now = new Date('2026-12-05T18:00:00.000Z'); // Saturday evening
  const clock = { now: () => now };
  let db: Awaited<ReturnType<typeof database>>;
  /** The Bot Connector outlives the servers: it is Teams, not part of the bot. */
  let connector: FakeConnector;
  let live: TestApp | undefined;

  beforeEach(async () => {
    now = new Date('2026-12-05T18:00:00.000Z');
    db = await database();
    connector = await new FakeConnector().start();
  });
  afterEach(async () => {
    await live?.stop();
    live = undefined;
    await connector.stop();
    await db.drop();
  });

  /**
   * A server on the shared database, as a process that starts now: its scheduler looks at
   * once (that first look is awaited), then only when the test ticks it.
   */
  const startServer = async () => {
    live = await startTestApp(db.env, { clock, scheduler: { pollMs: 3_600_000 } });
    await live.app.scheduler.idle();
    return live;
  };
  const stopServer = async () => {
    await live?.stop();
    live = undefined;
  };
  const server = () => {
    if (!live) throw new Error('no server is running');
    return live;
  };
  /** Moves the clock; the running server runs what is due and sends what it owes. */
  const at = async (iso: string) => {
    now = new Date(iso);
    await settle();
  };
  const settle = async () => {
    const { scheduler, delivery } = server().app;
    // A run the scheduler's own loop started (a wake-up timer) holds its job's lease, so a
    // tick skips it: wait for the loop too, until nothing runs and nothing is left to send.
    for (;;) {
      await scheduler.idle();
      const ran = await scheduler.tick();
      await scheduler.idle();
      await delivery.idle();
      const sent = await delivery.tick();
      if (ran === 0 && sent === 0) return;
    }
  };
  const texts = () => connector.calls.map((c) => c.activity.text ?? '');
  const count = (start: string) => texts().filter((x) => x.startsWith(start)).length;
  const REMINDER = 'Reminder: DEC-1 needs a decision by';
  const ESCALATED = `DEC-1 passed its deadline undecided. ${tag(CARL)}, you can decide it now.`;
  const EXPIRED = 'DEC-1 expired without a decision.';

  const room = () => warRoomChannel(connector.url);
  /** DEC-1, due 20:00 Copenhagen (19:00 UTC): reminders at 18:30 and 18:45, Carl as backup. */
  const requestDecision = async (r: ReturnType<typeof room>) => {
    const t = server();
    expect((await t.post(r.message('start Mailbox cutover weekend'))).status).toBe(200);
    const ask = `decide Buy 40 extra E3 licences now? ${tag(ANNA)} by 20:00 backup ${tag(CARL)}`;
    expect((await t.post(r.mentioning(ask, [ANNA, CARL]))).status).toBe(200);
    const [d] = (await warRoomState(t, r.channelId)).decisions;
    expect(d).toMatchObject({ deadline: '2026-12-05T19:00:00.000Z', status: 'pending' });
    return d!;
  };
  const job = (decisionId: string, key: string) =>
    server().app.storage.transaction((tx) =>
      tx.jobs.findByDedupeKey(`decision:${decisionId}:${key}`),
    );

  test('stopped before the reminder is due, a new server sends it once; escalation and expiry follow', async () => {
    await startServer();
    const r = room();
    const d = await requestDecision(r);
    await at('2026-12-05T18:10:00.000Z');
    expect(count(REMINDER)).toBe(0);
    await stopServer();

    // Down across the halfway reminder; back before the second one.
    now = new Date('2026-12-05T18:40:00.000Z');
    await startServer();
    await settle();
    expect(count(REMINDER)).toBe(1);
    expect(texts().at(-1)).toContain(tag(ANNA));
    expect(await job(d.id, 'remind:1')).toMatchObject({ state: 'done', attempts: 1 });
    await at('2026-12-05T18:41:00.000Z'); // ticking again sends nothing more
    expect(count(REMINDER)).toBe(1);

    await at('2026-12-05T18:46:00.000Z');
    expect(count(REMINDER)).toBe(2);
    await at('2026-12-05T19:00:30.000Z');
    expect(count(ESCALATED)).toBe(1);

    // The expiry was scheduled by the escalation: it too survives a restart.
    await stopServer();
    now = new Date('2026-12-05T19:31:00.000Z');
    await startServer();
    await settle();
    expect(count(EXPIRED)).toBe(1);
    expect((await warRoomState(server(), r.channelId)).decisions[0]?.status).toBe('expired');
    const edit = connector.calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(cardText(cardsOf(edit.activity)[0])).toContain('Status: Expired without a decision');
    expect([count(REMINDER), count(ESCALATED), count(EXPIRED)]).toEqual([2, 1, 1]);
  });

  /**
   * What an instance that leased a due job and then died leaves behind: the job running,
   * under a lease, one attempt counted. Leased exactly as the scheduler leases.
   */
  const leaseAsADyingInstance = async (kind: string): Promise<Job> => {
    const { storage } = server().app;
    const leaseUntil = new Date(now.getTime() + DEFAULT_SCHEDULER.leaseMs).toISOString();
    const [leased] = await storage.transaction((tx) =>
      tx.jobs.claimDue(now.toISOString(), leaseUntil, 1, [kind]),
    );
    expect(leased).toMatchObject({ kind, state: 'running', attempts: 1 });
    return leased!;
  };

  test('a reminder leased by an instance that died before running it is sent once its lease runs out', async () => {
    await startServer();
    const d = await requestDecision(room());
    now = new Date('2026-12-05T18:31:00.000Z');
    await leaseAsADyingInstance(DECISION_JOBS.remind);
    await stopServer();

    now = new Date('2026-12-05T18:32:00.000Z');
    await startServer();
    await settle();
    expect(count(REMINDER)).toBe(0); // still leased: the other instance might be running it
    await at('2026-12-05T18:35:59.000Z');
    expect(count(REMINDER)).toBe(0);
    await at('2026-12-05T18:36:01.000Z'); // the lease (5 minutes) ran out
    expect(count(REMINDER)).toBe(1);
    expect(await job(d.id, 'remind:1')).toMatchObject({ state: 'done', attempts: 2 });
    await at('2026-12-05T18:40:00.000Z');
    expect(count(REMINDER)).toBe(1);
  });

  /**
   * An instance that leased a due job, ran it to the end (its work committed and its
   * message reached the channel) and died before recording the job as done: the product
   * handler runs on the dying server's storage, exactly as its scheduler would run it.
   */
  const runAndDie = async (kind: string) => {
    const { app } = server();
    const leased = await leaseAsADyingInstance(kind);
    const handler = decisionJobs({
      storage: app.storage,
      clock,
      ids: randomUUID,
      schedule: (request, tx) => app.scheduler.schedule(request, tx),
    }).find((k) => k.kind === kind)!.handler;
    await handler(leased, {
      signal: new AbortController().signal,
      now,
      logger: app.logger,
      finishIn: (tx) => finishJob(tx, leased, now),
    });
    await settle();
    await stopServer();
  };

  test('a reminder sent by an instance that died before recording it is not sent again', async () => {
    await startServer();
    await requestDecision(room());
    now = new Date('2026-12-05T18:31:00.000Z');
    await runAndDie(DECISION_JOBS.remind);
    expect(count(REMINDER)).toBe(1);

    now = new Date('2026-12-05T18:36:01.000Z'); // past the dead instance's lease
    await startServer();
    await settle();
    expect(count(REMINDER)).toBe(1);
  });

  test('an escalation done by an instance that died before recording it is not announced again', async () => {
    await startServer();
    await requestDecision(room());
    await at('2026-12-05T18:50:00.000Z'); // both reminders sent
    now = new Date('2026-12-05T19:00:30.000Z');
    await runAndDie(DECISION_JOBS.deadline);
    expect(count(ESCALATED)).toBe(1);

    now = new Date('2026-12-05T19:05:31.000Z'); // past the dead instance's lease
    await startServer();
    await settle();
    expect(texts().filter((x) => x.startsWith('DEC-1 passed its deadline'))).toEqual([ESCALATED]);
  });
});
