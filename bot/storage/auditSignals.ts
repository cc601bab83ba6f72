import type { AuditSignal, AuditSignals } from './types';

/**
 * The listeners of one storage. Signals reach them on a later microtask, never inside the
 * commit that caused them: a slow or failing listener cannot hold or fail a transaction.
 */
export class AuditSignalHub implements AuditSignals {
  private readonly listeners = new Set<(signal: AuditSignal) => void>();

  /** `onFirst` runs when the first listener subscribes (PostgreSQL starts listening then). */
  constructor(private readonly onFirst: () => void = () => undefined) {}

  subscribe(listener: (signal: AuditSignal) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onFirst();
    return () => this.listeners.delete(listener);
  }

  emit(signal: AuditSignal): void {
    for (const listener of this.listeners) queueMicrotask(() => listener(signal));
  }
}
