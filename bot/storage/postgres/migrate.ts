import type { Pool, PoolClient } from 'pg';
import { pendingMigrations } from '../sql/migration';
import { POSTGRES_MIGRATIONS } from './migrations';

/** Session lock key: instances starting together migrate one after another. */
const MIGRATION_LOCK = "hashtext('war-room:schema_migrations')";

async function appliedVersions(client: PoolClient): Promise<number[]> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  return rows.map((r) => r.version);
}

async function applyPending(client: PoolClient): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  for (const m of pendingMigrations(POSTGRES_MIGRATIONS, await appliedVersions(client))) {
    await client.query('BEGIN');
    try {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
  }
}

/** Applies pending migrations under a session-level advisory lock. */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await applyPending(client);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } catch (e) {
    // Do not return a connection in an unknown state (lock held, transaction open) to the pool.
    broken = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    client.release(broken);
  }
}
