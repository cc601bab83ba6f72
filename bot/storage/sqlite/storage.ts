import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SignalHub, withNotes, type TxNotes } from '../signals';
import { StorageUnavailableError } from '../errors';
import type { AuditSignal, OutboxSignal, Storage, Tx } from '../types';
import { KnownServiceUrls } from '../sql/knownServiceUrls';
import { writeMovedHeads } from '../sql/audit';
import { sqlTx } from '../sql/tx';
import { assertNotNested, runInScope, TxScope } from '../sql/txScope';
import { sqliteExec, StatementCache, toStorageError } from './exec';
import { migrateSqlite } from './migrate';
import { SerialQueue } from './queue';

/** How long a statement waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5000;

export interface SqliteOptions {
  /**
   * busy_timeout: how long a statement waits for another process's write lock, then
   * fails with StorageUnavailableError. It blocks the event loop meanwhile. Default 5 s.
   */
  busyTimeoutMs?: number;
}

/** Storage in one SQLite file: the default for a single instance and for local runs. */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  private readonly queue = new SerialQueue();
  private readonly statements: StatementCache;
  private readonly serviceUrls = new KnownServiceUrls();
  private closed = false;
  /** Appends of this process, after their COMMIT (one instance per SQLite file). */
  readonly auditSignals = new SignalHub<AuditSignal>();
  /** Enqueues of this process, after their COMMIT. */
  readonly outboxSignals = new SignalHub<OutboxSignal>();

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.queued(() => this.run(fn, false));
  }

  /** A transaction as any other here (reads cost no round trips in-process); writes refused. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.queued(() => this.run(fn, true));
  }

  /** Transactions here run one at a time: a read sees one state throughout already. */
  snapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.read(fn);
  }

  single<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.queued(async () => {
      // One statement is its own transaction in SQLite: no BEGIN, no COMMIT.
      const scope = new TxScope(1);
      try {
        const exec = sqliteExec(this.statements, scope);
        const notes: TxNotes = { enqueued: false };
        const result = await runInScope(scope, () => fn(withNotes(sqlTx(exec), notes)));
        await writeMovedHeads(exec);
        if (notes.enqueued) this.outboxSignals.emit({ kind: 'enqueued' });
        return result;
      } catch (e) {
        throw toStorageError(e);
      } finally {
        scope.end();
      }
    });
  }

  /** `job` after the work queued before it; refused at once if nested or closed. */
  private queued<T>(job: () => Promise<T>): Promise<T> {
    try {
      assertNotNested();
      if (this.closed) throw new StorageUnavailableError('storage is closed');
    } catch (e) {
      return Promise.reject(e);
    }
    return this.queue.run(job);
  }

  private async run<T>(fn: (tx: Tx) => Promise<T>, readOnly: boolean): Promise<T> {
    const scope = new TxScope();
    try {
      // IMMEDIATE takes the write lock up front, so another process cannot slip in between.
      this.db.exec('BEGIN IMMEDIATE');
      const urls = this.serviceUrls.forTransaction();
      const exec = sqliteExec(this.statements, scope, readOnly);
      const notes: TxNotes = { enqueued: false, appended: new Map() };
      const tx = withNotes(sqlTx(exec, urls), notes);
      const result = await runInScope(scope, () => fn(tx));
      await writeMovedHeads(exec);
      // Reads store nothing: a failed one whose error was caught loses nothing.
      if (!readOnly) scope.assertCommittable();
      this.db.exec('COMMIT');
      urls.commit();
      for (const [warRoomId, seq] of notes.appended ?? []) {
        this.auditSignals.emit({ kind: 'appended', warRoomId, seq } satisfies AuditSignal);
      }
      if (notes.enqueued) this.outboxSignals.emit({ kind: 'enqueued' });
      return result;
    } catch (e) {
      // A failed COMMIT or some constraint errors may already have ended the transaction.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw toStorageError(e);
    } finally {
      scope.end();
    }
  }

  /** Reads the schema page from the file (SELECT 1 would not touch it). */
  async ping(): Promise<void> {
    if (this.closed) throw new StorageUnavailableError('storage is closed');
    try {
      this.db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (e) {
      throw new StorageUnavailableError('SQLite does not answer', { cause: e });
    }
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
export async function openSqliteStorage(
  file: string,
  options: SqliteOptions = {},
): Promise<SqliteStorage> {
  if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
    migrateSqlite(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return new SqliteStorage(db);
}
