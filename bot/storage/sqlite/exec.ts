import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../errors';
import { StorageConflictError } from '../types';
import type { Exec, SqlValue } from '../sql/exec';
import type { TxScope } from '../sql/txScope';

type Statement = Database.Statement<SqlValue[], unknown>;
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Prepared statements, reused across transactions: preparing is the costly part. */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<SqlValue[], unknown>(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

/**
 * Failures of the file, not of the statement, that may pass: another process held the
 * write lock past busy_timeout (BUSY), a lock race (LOCKED, PROTOCOL), the disk is full
 * (FULL) or failed an I/O (IOERR). Corruption, constraints and SQL errors are not here.
 */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|PROTOCOL|FULL|IOERR)(_|$)/;

/** SQLite errors in the storage port's terms: conflict, unavailable, or unchanged. */
export function toStorageError(e: unknown): unknown {
  if (!(e instanceof Database.SqliteError)) return e;
  if (UNIQUE_CODES.has(e.code)) {
    return new StorageConflictError(e.message.replace(/^.*failed: /, ''));
  }
  if (UNAVAILABLE.test(e.code)) {
    return new StorageUnavailableError(`SQLite is unavailable: ${e.message}`, { cause: e });
  }
  return e;
}

/** Exec over the single connection; the queue has already serialised transactions. */
export function sqliteExec(statements: StatementCache, scope: TxScope): Exec {
  const call = <T>(sql: string, use: (stmt: Statement) => T): Promise<T> => {
    try {
      scope.assertOpen();
      return Promise.resolve(use(statements.get(sql)));
    } catch (e) {
      return Promise.reject(toStorageError(e));
    }
  };
  return {
    all: <R>(sql: string, params: readonly SqlValue[]) => call(sql, (s) => s.all(...params) as R[]),
    run: (sql, params) => call(sql, (s) => s.run(...params).changes),
    lockWarRoom: () => Promise.resolve(),
    decodeJson: (raw) => (typeof raw === 'string' ? JSON.parse(raw) : null),
  };
}
