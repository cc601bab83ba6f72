import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Storage, Tx } from '../types';
import { sqlTx } from '../sql/tx';
import { assertNotNested, runInScope, TxScope } from '../sql/txScope';
import { sqliteExec, StatementCache } from './exec';
import { migrateSqlite } from './migrate';
import { SerialQueue } from './queue';

/** How long a statement waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5000;

/** Storage in one SQLite file: the default for a single instance and for local runs. */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  private readonly queue = new SerialQueue();
  private readonly statements: StatementCache;
  private closed = false;

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      assertNotNested();
      if (this.closed) throw new Error('storage is closed');
    } catch (e) {
      return Promise.reject(e);
    }
    return this.queue.run(() => this.run(fn));
  }

  private async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const scope = new TxScope();
    // IMMEDIATE takes the write lock up front, so another process cannot slip in between.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await runInScope(scope, () => fn(sqlTx(sqliteExec(this.statements, scope))));
      this.db.exec('COMMIT');
      return result;
    } catch (e) {
      // A failed COMMIT or some constraint errors may already have ended the transaction.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      scope.end();
    }
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('storage is closed');
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Transactions queued before close still run; later ones are refused.
    await this.queue.idle();
    this.db.close();
  }
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export async function openSqliteStorage(file: string): Promise<SqliteStorage> {
  if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrateSqlite(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return new SqliteStorage(db);
}
