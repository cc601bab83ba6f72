import type { Logger } from '../logger';
import type { Storage } from '../storage/types';
import type { Clock } from './clock';
import type { JobKind } from './scheduler';

/** How long a redelivery claim is kept: Bot Framework retries within minutes, not days. */
export const INBOX_RETENTION_MS = 48 * 60 * 60 * 1000;
/** How long a sent outbox message is kept (for operators looking into a delivery). */
export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** How long a done job is kept (for operators; its dedupe key stays taken meanwhile). */
export const JOB_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const HOUSEKEEPING = 'housekeeping';
const EVERY_MS = 60 * 60 * 1000;

export interface HousekeepingDeps {
  storage: Storage;
  clock: Clock;
  logger: Logger;
}

/** Forgets redelivery claims older than the retention; returns how many. */
export function pruneInbox({ storage, clock }: HousekeepingDeps): Promise<number> {
  const before = new Date(clock.now().getTime() - INBOX_RETENTION_MS).toISOString();
  return storage.transaction((tx) => tx.inbox.prune(before));
}

/** Forgets sent outbox messages older than their retention; returns how many. */
export function pruneOutbox({ storage, clock }: HousekeepingDeps): Promise<number> {
  const before = new Date(clock.now().getTime() - OUTBOX_RETENTION_MS).toISOString();
  return storage.transaction((tx) => tx.outbox.prune(before));
}

/** Forgets done jobs older than their retention; returns how many. */
export function pruneJobs({ storage, clock }: HousekeepingDeps): Promise<number> {
  const before = new Date(clock.now().getTime() - JOB_RETENTION_MS).toISOString();
  return storage.transaction((tx) => tx.jobs.prune(before));
}

/**
 * The hourly housekeeping, a recurring job of the scheduler: one instance at a time runs
 * it, and a restart does not run it early. Pruning twice removes nothing more (idempotent).
 */
export function housekeepingJob(deps: HousekeepingDeps): JobKind {
  return {
    kind: HOUSEKEEPING,
    everyMs: EVERY_MS,
    handler: async () => {
      const claims = await pruneInbox(deps);
      const sent = await pruneOutbox(deps);
      const jobs = await pruneJobs(deps);
      if (claims + sent + jobs > 0) deps.logger.info('housekeeping pruned', { claims, sent, jobs });
    },
  };
}
