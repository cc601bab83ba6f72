import type Database from 'better-sqlite3';
import type { Compilable } from 'kysely';
import { StorageUnavailableError } from '../errors';
import { StorageConflictError } from '../types';
import { compileOnly } from '../sql/builder';
import { assertReadOnly, headMemo, type Exec } from '../sql/exec';
import type { TxScope } from '../sql/txScope';

type Statement = Database.Statement<unknown[], unknown>;
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * Prepared statements, reused across transactions: preparing is the costly part. Keyed by
 * the compiled SQL, which is the same text every time a repository builds the same query.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
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

/**
 * Duck-typed by its code, not `instanceof Database.SqliteError` (nor `Error`): the native
 * addon keeps the error class of the first copy of better-sqlite3 loaded in the process,
 * so in a module sandbox (a Jest worker's next test file, another realm) the class differs.
 */
const isSqliteError = (e: unknown): e is { code: string; message: string } => {
  const { code, message } = Object(e) as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') && typeof message === 'string';
};

/** SQLite errors in the storage port's terms: conflict, unavailable, or unchanged. */
export function toStorageError(e: unknown): unknown {
  if (!isSqliteError(e)) return e;
  if (UNIQUE_CODES.has(e.code)) {
    return new StorageConflictError(e.message.replace(/^.*failed: /, ''));
  }
  if (UNAVAILABLE.test(e.code)) {
    return new StorageUnavailableError(`SQLite is unavailable: ${e.message}`, { cause: e });
  }
  return e;
}

/** Compiles SQLite's dialect; stateless, so one serves every transaction. */
const sqlite = compileOnly('sqlite');

/** Exec over the single connection; the queue has already serialised transactions. */
export function sqliteExec(statements: StatementCache, scope: TxScope, readOnly = false): Exec {
  const call = <T>(query: Compilable, use: (stmt: Statement, params: unknown[]) => T) => {
    try {
      scope.admit();
      const { sql, parameters } = query.compile();
      if (readOnly) assertReadOnly(sql);
      const stmt = statements.get(sql);
      try {
        return Promise.resolve(use(stmt, [...parameters]));
      } catch (e) {
        scope.statementFailed(e);
        throw e;
      }
    } catch (e) {
      return Promise.reject(toStorageError(e));
    }
  };
  return {
    db: sqlite,
    all: <R>(query: Compilable<R>) => call(query, (s, params) => s.all(...params) as R[]),
    run: (query) => call(query, (s, params) => s.run(...params).changes),
    // SQLite has no round trip to save: the write runs now, and its check with it.
    write: (query, check) =>
      call(query, (s, params) => {
        const changed = s.run(...params).changes;
        if (check && changed !== check.rows) throw check.error();
      }),
    confirmHeld: () => Promise.resolve(),
    lockWarRoom: () => Promise.resolve(),
    warRoomLocked: () => undefined,
    // Transactions run one at a time here: whatever the transaction read stays current.
    ...headMemo(),
    serialised: true,
    decodeJson: (raw) => (typeof raw === 'string' ? JSON.parse(raw) : null),
    skipLocked: (query) => query,
  };
}
