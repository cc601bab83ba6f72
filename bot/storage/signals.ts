import type { Signals, Tx } from './types';

/**
 * The listeners of one kind of signal of one storage. Signals reach them on a later
 * microtask, never inside the commit that caused them: a slow or failing listener cannot
 * hold or fail a transaction.
 */
export class SignalHub<S> implements Signals<S> {
  private readonly listeners = new Set<(signal: S) => void>();

  /** `onFirst` runs when the first listener subscribes (PostgreSQL starts listening then). */
  constructor(private readonly onFirst: () => void = () => undefined) {}

  subscribe(listener: (signal: S) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onFirst();
    return () => this.listeners.delete(listener);
  }

  emit(signal: S): void {
    for (const listener of this.listeners) queueMicrotask(() => listener(signal));
  }
}

/** What a transaction did that listeners hear of once it commits. */
export interface TxNotes {
  enqueued: boolean;
}

/** `tx` whose outbox enqueues are noted in `notes`, to signal after COMMIT. */
export function withEnqueuesNoted(tx: Tx, notes: TxNotes): Tx {
  const { outbox } = tx;
  return {
    ...tx,
    outbox: {
      ...outbox,
      async enqueue(message) {
        await outbox.enqueue(message);
        notes.enqueued = true;
      },
    },
  };
}
