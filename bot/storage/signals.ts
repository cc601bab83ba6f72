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
  /** It enqueued outbox messages. */
  enqueued: boolean;
  /**
   * War room → newest seq it appended to the audit log, where the storage signals appends
   * itself (SQLite; PostgreSQL's come from NOTIFY).
   */
  appended?: Map<string, number>;
}

/** `tx` whose outbox enqueues (and audit appends, if asked) are noted in `notes`. */
export function withNotes(tx: Tx, notes: TxNotes): Tx {
  const { outbox, audit } = tx;
  const { appended } = notes;
  return {
    ...tx,
    outbox: {
      ...outbox,
      async enqueue(message) {
        await outbox.enqueue(message);
        notes.enqueued = true;
      },
    },
    ...(appended && {
      audit: {
        ...audit,
        async append(entry) {
          await audit.append(entry);
          appended.set(entry.warRoomId, Math.max(entry.seq, appended.get(entry.warRoomId) ?? 0));
        },
      },
    }),
  };
}
