import Database from 'better-sqlite3';
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

function mapError(e: unknown): unknown {
  if (e instanceof Database.SqliteError && UNIQUE_CODES.has(e.code)) {
    return new StorageConflictError(e.message.replace(/^.*failed: /, ''));
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
      return Promise.reject(mapError(e));
    }
  };
  return {
    all: <R>(sql: string, params: readonly SqlValue[]) => call(sql, (s) => s.all(...params) as R[]),
    run: (sql, params) => call(sql, (s) => s.run(...params).changes),
    lockWarRoom: () => Promise.resolve(),
    decodeJson: (raw) => (typeof raw === 'string' ? JSON.parse(raw) : null),
  };
}
