import { Pool, type PoolClient } from 'pg';
import type { Storage, Tx } from '../types';
import { sqlTx } from '../sql/tx';
import { assertNotNested, runInScope, TxScope } from '../sql/txScope';
import { postgresExec } from './exec';
import { migratePostgres } from './migrate';

export interface PostgresOptions {
  /** Pool size per instance. */
  maxConnections?: number;
  /**
   * An idle pooled connection failed (server restart, network). The pool drops it and
   * reconnects on demand; without a listener the 'error' event would crash the process.
   */
  onIdleError?: (error: Error) => void;
}

async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (e) {
    // The connection is unusable: returning it to the pool would hand it to someone else.
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** Storage in PostgreSQL: for several instances behind a load balancer. */
export class PostgresStorage implements Storage {
  readonly kind = 'postgres';
  private closed = false;

  constructor(private readonly pool: Pool) {}

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    assertNotNested();
    if (this.closed) throw new Error('storage is closed');
    const client = await this.pool.connect();
    const scope = new TxScope();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await runInScope(scope, () => fn(sqlTx(postgresExec(client, scope))));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      broken = await rollback(client);
      throw e;
    } finally {
      scope.end();
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('storage is closed');
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Connects and brings the schema up to date (safe when several instances start at once). */
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresStorage> {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: 'war-room',
  });
  pool.on(
    'error',
    options.onIdleError ??
      ((e) => console.error(`war-room: idle PostgreSQL connection failed: ${e.message}`)),
  );
  try {
    await migratePostgres(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return new PostgresStorage(pool);
}
