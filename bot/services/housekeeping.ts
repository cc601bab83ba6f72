import type { Logger } from '../logger';
import type { Storage } from '../storage/types';
import type { Clock } from './clock';

/** How long a redelivery claim is kept: Bot Framework retries within minutes, not days. */
export const INBOX_RETENTION_MS = 48 * 60 * 60 * 1000;
/** How long a sent outbox message is kept (for operators looking into a delivery). */
export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
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

/** Runs housekeeping now and then hourly; the returned function stops it. */
export function startHousekeeping(deps: HousekeepingDeps): () => void {
  const run = async () => {
    try {
      const claims = await pruneInbox(deps);
      const sent = await pruneOutbox(deps);
      if (claims + sent > 0) deps.logger.info('housekeeping pruned', { claims, sent });
    } catch (error) {
      deps.logger.error('housekeeping failed', { error });
    }
  };
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref(); // never keeps the process alive on its own
  return () => clearInterval(timer);
}
