import type { Logger } from '../logger';
import type { Job, JobSettlement, NewJob, Storage, Tx } from '../storage/types';
import type { Clock, IdGenerator } from './clock';
import { backoffMs } from './delivery';

/** What a run gets besides its job. */
export interface JobContext {
  /** Aborted when the run outlives its time bound: stop, the run counts as failed. */
  signal: AbortSignal;
  /** When the run started, by the scheduler's clock. */
  now: Date;
  logger: Logger;
  /**
   * Marks a one-off job done in the handler's own transaction, so its work and its end
   * commit together: a run repeated after a crash finds it done. Throws (rolling the work
   * back) when this run no longer holds the job: another run does the work instead.
   */
  finishIn(tx: Tx): Promise<void>;
}

/**
 * Does a job's work. Runs at least once, not exactly once (an instance may die after the
 * work and before recording it): a handler must be idempotent, or end its transaction
 * with `ctx.finishIn(tx)`. Throwing means "try again".
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

/**
 * Records a leased job as done in `tx` (what `JobContext.finishIn` does). Throws when the
 * lease is no longer this run's, so the work in `tx` rolls back.
 */
export async function finishJob(tx: Tx, lease: Job, now: Date): Promise<void> {
  if (!(await tx.jobs.settle(lease, { state: 'done' }, now.toISOString()))) {
    throw new Error('the run no longer holds the job');
  }
}

/** One kind of job, registered by the composition root: a table, not a switch. */
export interface JobKind {
  kind: string;
  handler: JobHandler;
  /**
   * A recurring job: one job of this kind (its dedupe key is the kind) is scheduled at
   * start, and after each run, failed or not, it is due again this much later.
   */
  everyMs?: number;
  /** Overrides the scheduler's bound of one run. */
  timeoutMs?: number;
  /** Overrides the scheduler's number of runs before a job fails. */
  maxAttempts?: number;
}

/** A job to add: due at `dueAt`, once per `dedupeKey` when one is given. */
export interface JobRequest {
  kind: string;
  dueAt: string | Date;
  payload?: Record<string, unknown>;
  dedupeKey?: string;
  tenantId?: string;
  warRoomId?: string;
}

export interface SchedulerOptions {
  pollMs: number;
  /** How long an instance holds a job it runs; longer than any run's bound. */
  leaseMs: number;
  /** Bound of one run. */
  timeoutMs: number;
  maxAttempts: number;
  /** First step of the exponential backoff after a failed run. */
  retryBaseMs: number;
  /** Jobs leased (and run at once) per round. */
  batch: number;
}

export const DEFAULT_SCHEDULER: SchedulerOptions = {
  pollMs: 1000,
  leaseMs: 5 * 60_000,
  timeoutMs: 60_000,
  maxAttempts: 5,
  retryBaseMs: 5000,
  batch: 8,
};

export interface SchedulerDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  options?: Partial<SchedulerOptions>;
}

/**
 * Runs jobs from the `jobs` table when they are due: on a poll (other instances' jobs, a
 * restart, retries) and when kicked. A job is leased by one instance at a time; a job
 * whose instance died runs again once its lease runs out. Each run is bounded; a failed
 * run is retried with backoff, then the job fails (logged as an error).
 */
export class Scheduler {
  private readonly options: SchedulerOptions;
  private readonly kinds = new Map<string, JobKind>();
  private draining: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  /** Between start() and stop(): before start, nothing runs unless tick() is called. */
  private running = false;
  private recurringScheduled = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.options = { ...DEFAULT_SCHEDULER, ...deps.options };
  }

  /** Adds kinds of job this instance runs. */
  register(...kinds: JobKind[]): this {
    for (const k of kinds) {
      if (this.kinds.has(k.kind)) throw new Error(`scheduler: job kind ${k.kind} registered twice`);
      // A live run's lease must outlast it, or another instance would run the job as well.
      if ((k.timeoutMs ?? this.options.timeoutMs) >= this.options.leaseMs) {
        throw new Error(`scheduler: the bound of ${k.kind} must be shorter than leaseMs`);
      }
      this.kinds.set(k.kind, k);
    }
    return this;
  }

  /**
   * Adds a job: in `tx` when given (it commits, or not, with the caller's work), else in a
   * transaction of its own. Returns false when its dedupe key is taken.
   */
  async schedule(request: JobRequest, tx?: Tx): Promise<boolean> {
    const job = this.newJob(request);
    const added = tx
      ? await tx.jobs.schedule(job)
      : await this.deps.storage.transaction((t) => t.jobs.schedule(job));
    // Inside a transaction this may fire before the commit; the poll then picks it up.
    if (added) this.wakeAt(job.dueAt);
    return added;
  }

  start(): void {
    this.running = true;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref(); // never keeps the process alive on its own
    this.kick();
  }

  /** Lets the runs in flight finish, and stops. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    await this.idle();
  }

  /** Something may be due: look now. */
  kick(): void {
    if (!this.running) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves when nothing is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** One round: release dead instances' jobs, lease the due ones, run them. Returns how many. */
  async tick(): Promise<number> {
    const { storage, clock, logger } = this.deps;
    await this.scheduleRecurring();
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs).toISOString();
    const [expired, due] = await storage.transaction(async (tx) => [
      await tx.jobs.expireLeases(now.toISOString()),
      await tx.jobs.claimDue(now.toISOString(), leaseUntil, this.options.batch, [
        ...this.kinds.keys(),
      ]),
    ]);
    for (const job of expired) {
      logger.warn('scheduler: a job was released by an instance that stopped', fields(job));
    }
    await Promise.all(
      due.map((job) =>
        this.run(job).catch((error: unknown) => {
          // Not recorded (database down): its lease runs out and it runs again.
          logger.warn('scheduler: the end of a run could not be recorded', {
            ...fields(job),
            error,
          });
        }),
      ),
    );
    return due.length;
  }

  private async drain(): Promise<void> {
    try {
      let ran: number;
      do {
        this.again = false;
        ran = await this.tick();
      } while (this.running && (this.again || ran > 0));
    } catch (error) {
      // The database is down or refused: the poll tries again.
      this.deps.logger.warn('scheduler: could not read or lease jobs', { error });
    }
  }

  /** Each recurring kind has its one job (a no-op once it exists, on any instance). */
  private async scheduleRecurring(): Promise<void> {
    if (this.recurringScheduled) return;
    const dueAt = this.deps.clock.now();
    for (const k of this.kinds.values()) {
      if (k.everyMs !== undefined) await this.schedule({ kind: k.kind, dueAt, dedupeKey: k.kind });
    }
    this.recurringScheduled = true;
  }

  private async run(job: Job): Promise<void> {
    const { storage, clock, logger } = this.deps;
    const kind = this.kinds.get(job.kind);
    if (!kind) throw new Error(`scheduler: leased a job of unknown kind ${job.kind}`);
    const started = clock.now();
    // Attempts count leases: more than allowed means earlier runs died with their instance.
    const finished = { inTx: false };
    const error =
      job.attempts > this.maxAttempts(kind)
        ? `gave up: ${job.attempts - 1} runs did not finish`
        : await this.attempt(kind, job, started, finished);
    // Marked done with its work: nothing left to record.
    if (error === undefined && finished.inTx) {
      logger.debug('scheduler: job done', fields(job));
      return;
    }
    const settlement = this.settlementFor(kind, job, error);
    const settled = await storage.transaction((tx) =>
      tx.jobs.settle(job, settlement, clock.now().toISOString()),
    );
    const log = { ...fields(job), ms: clock.now().getTime() - started.getTime() };
    if (!settled) {
      logger.warn('scheduler: a run ended after its lease; another run holds the job', log);
      return;
    }
    if (settlement.state === 'pending') this.wakeAt(settlement.dueAt);
    if (error === undefined) {
      logger.debug('scheduler: job done', log);
    } else if (settlement.state === 'pending' && !settlement.resetAttempts) {
      logger.warn('scheduler: a job failed; it runs again', {
        ...log,
        error,
        dueAt: settlement.dueAt,
      });
    } else {
      logger.error('scheduler: a job failed for good', { ...log, error });
    }
  }

  /** One bounded run: whatever the handler does, it ends within the bound. */
  private async attempt(
    kind: JobKind,
    job: Job,
    now: Date,
    finished: { inTx: boolean },
  ): Promise<string | undefined> {
    const timeoutMs = kind.timeoutMs ?? this.options.timeoutMs;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(`no answer within ${timeoutMs} ms`);
      }, timeoutMs);
    });
    const ctx: JobContext = {
      signal: controller.signal,
      now,
      logger: this.deps.logger,
      finishIn: async (tx) => {
        if (kind.everyMs !== undefined) throw new Error('a recurring job is never done');
        await finishJob(tx, job, this.deps.clock.now());
        finished.inTx = true;
      },
    };
    try {
      return await Promise.race([
        Promise.resolve()
          .then(() => kind.handler(job, ctx))
          .then(
            () => undefined,
            (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
          ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private settlementFor(kind: JobKind, job: Job, error: string | undefined): JobSettlement {
    const now = this.deps.clock.now().getTime();
    const next = (ms: number) => new Date(now + ms).toISOString();
    const recurring = kind.everyMs !== undefined;
    if (error === undefined) {
      return recurring
        ? { state: 'pending', dueAt: next(kind.everyMs ?? 0), error: null, resetAttempts: true }
        : { state: 'done' };
    }
    if (job.attempts < this.maxAttempts(kind)) {
      const dueAt = next(backoffMs(job.attempts, this.options.retryBaseMs));
      return { state: 'pending', dueAt, error, resetAttempts: false };
    }
    // A recurring job never ends: it gives up on this run and waits for the next.
    return recurring
      ? { state: 'pending', dueAt: next(kind.everyMs ?? 0), error, resetAttempts: true }
      : { state: 'failed', error };
  }

  private maxAttempts(kind: JobKind): number {
    return kind.maxAttempts ?? this.options.maxAttempts;
  }

  private newJob(r: JobRequest): NewJob {
    if (!this.kinds.has(r.kind)) throw new Error(`scheduler: unknown job kind ${r.kind}`);
    return {
      id: this.deps.ids(),
      kind: r.kind,
      tenantId: r.tenantId ?? null,
      warRoomId: r.warRoomId ?? null,
      payload: r.payload ?? {},
      dedupeKey: r.dedupeKey ?? null,
      dueAt: typeof r.dueAt === 'string' ? r.dueAt : r.dueAt.toISOString(),
      createdAt: this.deps.clock.now().toISOString(),
    };
  }

  /** A job is due soon: run it on time rather than on the next poll after it. */
  private wakeAt(iso: string): void {
    const delay = new Date(iso).getTime() - this.deps.clock.now().getTime();
    if (!this.running || delay > 60_000) return; // the poll will do
    setTimeout(() => this.kick(), Math.max(0, delay) + 5).unref();
  }
}

const fields = (job: Job) => ({ jobId: job.id, kind: job.kind, attempt: job.attempts });
