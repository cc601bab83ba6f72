import type { PoolClient } from 'pg';
import { SignalHub, withNotes, type TxNotes } from '../signals';
import { StorageUnavailableError, TransactionAbortedError } from '../errors';
import type { AuditSignal, OutboxSignal, Storage, Tx } from '../types';
import { KnownServiceUrls } from '../sql/knownServiceUrls';
import { writeMovedHeads } from '../sql/audit';
import { sqlTx } from '../sql/tx';
import { assertNotNested, runInScope, TxScope } from '../sql/txScope';
import { PostgresSession } from './exec';
import { AuditListener } from './auditListener';
import { toStorageError } from './failures';
import { migratePostgres } from './migrate';
import { boundedPing } from './ping';
import { createPools, type PostgresOptions, type Pools } from './pools';

export type { PostgresOptions } from './pools';

async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (e) {
    // The connection is unusable: returning it to the pool would hand it to someone else.
    return e instanceof Error ? e : new Error(String(e));
  }
}

/**
 * Storage in PostgreSQL: for several instances behind a load balancer. A database that
 * cannot be reached surfaces as `StorageUnavailableError`; the pool reconnects by itself
 * once the server is back.
 */
/** How `run` holds its statements together. */
type Mode = 'transaction' | 'single' | 'read' | 'snapshot';

/** What opens each mode's transaction (none: statements commit on their own). */
const BEGIN: Partial<Record<Mode, string>> = {
  transaction: 'BEGIN',
  // At READ COMMITTED each statement takes its own snapshot; here the first one's is kept.
  snapshot: 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY',
};

export class PostgresStorage implements Storage {
  readonly kind = 'postgres';
  private closed = false;
  private readonly listener: AuditListener;
  /** Appends of every instance (NOTIFY from audit_log's trigger); listens from the first subscriber. */
  readonly auditSignals: SignalHub<AuditSignal>;
  /** Enqueues of this process, after their COMMIT (others' are found by their poll). */
  readonly outboxSignals = new SignalHub<OutboxSignal>();
  private readonly serviceUrls = new KnownServiceUrls();

  constructor(
    private readonly pools: Pools,
    private readonly pingTimeoutMs: number,
    url: string,
    onListenError?: (error: Error) => void,
  ) {
    this.auditSignals = new SignalHub<AuditSignal>(() => {
      if (!this.closed) this.listener.start();
    });
    this.listener = new AuditListener(url, this.auditSignals, { onError: onListenError });
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(fn, 'transaction');
  }

  single<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(fn, 'single');
  }

  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(fn, 'read');
  }

  snapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(fn, 'snapshot');
  }

  /**
   * `fn` on a pooled client: in BEGIN … COMMIT (`transaction`; `snapshot`, one snapshot and
   * only reads), or without them, each statement committing alone: one statement (`single`)
   * or any number that only read (`read`). BEGIN waits for the first statement that cannot
   * be held back (see PostgresSession): a transaction of held writes alone is one statement.
   */
  private async run<T>(fn: (tx: Tx) => Promise<T>, mode: Mode): Promise<T> {
    assertNotNested();
    if (this.closed) throw new StorageUnavailableError('storage is closed');
    const client = await this.pools.main.connect().catch((e: unknown) => {
      throw toStorageError(e);
    });
    const scope = new TxScope(mode === 'single' ? 1 : Infinity);
    const session = new PostgresSession(client, scope, {
      begin: BEGIN[mode],
      readOnly: mode === 'read' || mode === 'snapshot',
      // A snapshot's reads must all see the moment of its first: they run inside it.
      readsBeforeBegin: mode === 'transaction',
    });
    let discard: Error | undefined;
    try {
      const urls = this.serviceUrls.forTransaction();
      const notes: TxNotes = { enqueued: false };
      const tx = withNotes(sqlTx(session.exec, urls), notes);
      const result = await runInScope(scope, () => fn(tx));
      await writeMovedHeads(session.exec);
      // Reads store nothing: a failed one whose error was caught loses nothing.
      if (mode === 'transaction') scope.assertCommittable();
      const ended = await session.commit();
      // An aborted transaction ends in ROLLBACK however it is asked to end: a writing one
      // stored nothing and must not return as if it had; a reading one teaches nothing. A
      // guard: every statement goes through our exec, which noted a failure above already.
      if (ended !== 'COMMIT' && mode === 'transaction') {
        throw new TransactionAbortedError(`the transaction ended in ${ended}, not COMMIT`);
      }
      if (ended === 'COMMIT') {
        urls.commit();
        if (notes.enqueued) this.outboxSignals.emit({ kind: 'enqueued' });
      }
      return result;
    } catch (e) {
      const error = toStorageError(e);
      session.end();
      // A lost or hung connection is dropped, not rolled back: a ROLLBACK would wait on the
      // same dead socket, and the server rolls back a transaction whose connection ends.
      if (error instanceof StorageUnavailableError) discard = error;
      else if (session.inTransaction) discard = await rollback(client);
      throw error;
    } finally {
      scope.end();
      client.release(discard);
    }
  }

  /** Rejects with `StorageUnavailableError` within `pingTimeoutMs` unless `SELECT 1` answers. */
  async ping(): Promise<void> {
    if (this.closed) throw new StorageUnavailableError('storage is closed');
    await boundedPing(this.pools.health, this.pingTimeoutMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pools.main.end(), this.pools.health.end(), this.listener.stop()]);
  }
}

/** Connects and brings the schema up to date (safe when several instances start at once). */
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresStorage> {
  const pools = createPools(url, options);
  try {
    await migratePostgres(pools.migration);
  } catch (e) {
    await Promise.all([pools.main.end(), pools.health.end()]);
    throw e;
  } finally {
    await pools.migration.end();
  }
  return new PostgresStorage(pools, options.pingTimeoutMs ?? 1000, url, options.onListenError);
}
