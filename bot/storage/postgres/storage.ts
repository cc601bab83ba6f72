import type { PoolClient } from 'pg';
import { AuditSignalHub } from '../auditSignals';
import { StorageUnavailableError } from '../errors';
import type { Storage, Tx } from '../types';
import { sqlTx } from '../sql/tx';
import { assertNotNested, runInScope, TxScope } from '../sql/txScope';
import { postgresExec } from './exec';
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
export class PostgresStorage implements Storage {
  readonly kind = 'postgres';
  private closed = false;
  private readonly listener: AuditListener;
  /** Appends of every instance (NOTIFY from audit_log's trigger); listens from the first subscriber. */
  readonly auditSignals: AuditSignalHub;

  constructor(
    private readonly pools: Pools,
    private readonly pingTimeoutMs: number,
    url: string,
    onListenError?: (error: Error) => void,
  ) {
    this.auditSignals = new AuditSignalHub(() => {
      if (!this.closed) this.listener.start();
    });
    this.listener = new AuditListener(url, this.auditSignals, { onError: onListenError });
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    assertNotNested();
    if (this.closed) throw new StorageUnavailableError('storage is closed');
    const client = await this.pools.main.connect().catch((e: unknown) => {
      throw toStorageError(e);
    });
    const scope = new TxScope();
    let discard: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await runInScope(scope, () => fn(sqlTx(postgresExec(client, scope))));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      const error = toStorageError(e);
      // A lost or hung connection is dropped, not rolled back: a ROLLBACK would wait on the
      // same dead socket, and the server rolls back a transaction whose connection ends.
      discard = error instanceof StorageUnavailableError ? error : await rollback(client);
      throw error;
    } finally {
      scope.end();
      client.release(discard);
    }
  }

  async read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    assertNotNested();
    if (this.closed) throw new StorageUnavailableError('storage is closed');
    const client = await this.pools.main.connect().catch((e: unknown) => {
      throw toStorageError(e);
    });
    const scope = new TxScope();
    let discard: Error | undefined;
    try {
      // No BEGIN/COMMIT: each statement commits alone, and none of them writes.
      return await runInScope(scope, () => fn(sqlTx(postgresExec(client, scope, true))));
    } catch (e) {
      const error = toStorageError(e);
      if (error instanceof StorageUnavailableError) discard = error;
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
