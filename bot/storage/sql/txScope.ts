import { AsyncLocalStorage } from 'node:async_hooks';
import { TransactionAbortedError } from '../errors';

/**
 * The lifetime of one transaction. Statements check it, so a `Tx` kept past its callback
 * cannot write outside any transaction (pg: on a pooled client someone else now uses).
 */
export class TxScope {
  private open = true;
  private statements = 0;
  private failure: unknown;

  /** `maxStatements`: 1 for a statement committed on its own (`Storage.single`). */
  constructor(private readonly maxStatements = Infinity) {}

  get isOpen(): boolean {
    return this.open;
  }

  end(): void {
    this.open = false;
  }

  assertOpen(): void {
    if (!this.open) throw new Error('storage transaction already finished');
  }

  /** A statement of this transaction failed: whatever else it did, it must not commit. */
  statementFailed(error: unknown): void {
    this.failure ??= error;
  }

  /**
   * Before COMMIT. A failed statement whose error was caught inside the transaction leaves
   * PostgreSQL's transaction aborted (its COMMIT only rolls back) and SQLite's half done:
   * the transaction fails on both engines, rather than report as stored what was not.
   */
  assertCommittable(): void {
    if (this.failure !== undefined) {
      throw new TransactionAbortedError(
        'a statement of this transaction failed and its error was caught inside it: nothing was stored',
        { cause: this.failure },
      );
    }
  }

  /** Before each statement: the scope is open, and a single statement is the only one. */
  admit(): void {
    this.assertOpen();
    if (++this.statements > this.maxStatements) {
      throw new Error('Storage.single runs one statement: use a transaction for more');
    }
  }
}

const current = new AsyncLocalStorage<TxScope>();

/**
 * A transaction started inside another would wait forever (SQLite: behind the outer one in
 * the queue; pg: on a row the outer one has locked), so it fails at once instead.
 */
export function assertNotNested(): void {
  if (current.getStore()?.isOpen) {
    throw new Error('nested storage transactions are not supported: pass the Tx down instead');
  }
}

export function runInScope<T>(scope: TxScope, fn: () => Promise<T>): Promise<T> {
  return current.run(scope, fn);
}
