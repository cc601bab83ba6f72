import type { Storage } from '../storage/types';
import type { Clock, IdGenerator } from './clock';
import { withEffects, type Delivery, type Outbound } from './effects';

export interface ReplyDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * Answers that change nothing else (help, a refusal, a domain error): the claim and the
 * owed messages commit together, so a redelivery neither loses nor repeats the answer.
 */
export class ReplyService {
  constructor(private readonly deps: ReplyDeps) {}

  /** Throws AlreadyHandled when `delivery` was answered before. */
  reply(delivery: Delivery, messages: Outbound[]): Promise<void> {
    const { storage, clock, ids } = this.deps;
    const now = clock.now().toISOString();
    return storage.transaction((tx) =>
      withEffects(tx, { delivery, messages: () => messages }, now, ids, async () => undefined),
    );
  }
}
