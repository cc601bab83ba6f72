import type { Compilable } from 'kysely';
import type { PoolClient, QueryResult } from 'pg';
import { compileOnly } from '../sql/builder';
import {
  assertReadOnly,
  chainHead,
  headMemo,
  isPlainRead,
  type Exec,
  type RowCheck,
} from '../sql/exec';
import { preparedCombination, preparedName, shape } from '../sql/shape';
import type { TxScope } from '../sql/txScope';
import { toStorageError } from './failures';
import { combined, failedCheck, holdableTable, runsBefore, type HeldWrite } from './heldWrites';

/**
 * Tests only (bot/storage/testing.ts writes raw `?` SQL): renumbers `?` to `$1, $2…`.
 * The repositories no longer use it: the query builder compiles pg's placeholders.
 */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Compiles PostgreSQL's dialect; stateless, so one serves every transaction. */
const postgres = compileOnly('postgres');

// Every audited write takes this lock first, and reads the chain's head with it (the row
// as it stands once locked): compiled once, see sql/shape.ts.
const lockShape = shape(['tenantId', 'warRoomId'], (db, p) =>
  db
    .selectFrom('war_rooms')
    .select(['audit_seq', 'audit_hash'])
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.warRoomId)
    .forNoKeyUpdate(),
);

/** A parameter the driver encodes without fail: text, a number, a boolean or NULL. */
function isPlainValue(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * One transaction's (or `Storage.read`'s) statements on the pooled client that holds it.
 * `begin` (BEGIN …) is sent before the first statement that must run inside it, so a
 * transaction made only of held writes runs as one statement that commits on its own.
 * With `readsBeforeBegin` (READ COMMITTED, where each statement takes its own snapshot
 * inside a transaction too), SELECTs that neither lock nor need a held write run before
 * BEGIN as well: a transaction that only reads and is then refused sends no BEGIN, no
 * ROLLBACK (decision 031).
 */
export class PostgresSession {
  /** War rooms whose row this transaction has locked. */
  private readonly locked = new Set<string>();
  private held: HeldWrite[] = [];
  private readonly heads = headMemo();
  private begun = false;
  /** The end of the last call made (see `inTurn`). */
  private last: Promise<unknown> = Promise.resolve();
  /** Set once the transaction ends (see `end`). */
  private ended = false;
  readonly exec: Exec;

  constructor(
    private readonly client: PoolClient,
    private readonly scope: TxScope,
    private readonly options: {
      begin?: string;
      readOnly?: boolean;
      readsBeforeBegin?: boolean;
    } = {},
  ) {
    this.exec = this.makeExec();
  }

  /** Whether BEGIN was sent (a ROLLBACK is owed on failure, a COMMIT on success). */
  get inTransaction(): boolean {
    return this.begun;
  }

  /**
   * Sends what is held and ends the transaction: COMMIT's answer (`COMMIT`, or `ROLLBACK`
   * for a transaction PostgreSQL aborted), or `COMMIT` when nothing needed a BEGIN.
   */
  async commit(): Promise<string> {
    if (!this.begun) {
      await this.flush();
      this.end();
      return 'COMMIT';
    }
    // The held writes and COMMIT leave together: COMMIT waits in the driver's queue rather
    // than for this code's turn on a busy event loop, so a war room's lock is held that
    // much shorter (decision 032). The writes check their rows in SQL, so a failed check
    // aborts the transaction and COMMIT answers ROLLBACK; and they carry only values the
    // driver cannot fail to encode (`write`), so none stays behind while COMMIT goes.
    this.assertOpen();
    const held = this.held;
    this.held = [];
    const flushed = held.length > 0 ? this.sendCombined(held) : Promise.resolve();
    this.end();
    const committed = this.client.query('COMMIT').finally(() => {
      // Answered or failed, the transaction is over: no ROLLBACK is owed.
      this.begun = false;
    });
    // A lost connection fails both at once: the writes' error is the one to raise.
    const settled = committed.catch(() => undefined);
    try {
      await flushed;
    } catch (error) {
      await settled;
      throw error;
    }
    return (await committed).command;
  }

  /**
   * Before the COMMIT or ROLLBACK: a call of a Tx used concurrently still waiting for its
   * turn (or for BEGIN, or held writes sent first) fails instead of running after it,
   * outside the transaction.
   */
  end(): void {
    this.ended = true;
  }

  private assertOpen(): void {
    if (this.ended) throw new Error('storage transaction already finished');
  }

  private async ensureBegun(): Promise<void> {
    if (this.begun || !this.options.begin) return;
    this.assertOpen();
    this.begun = true;
    await this.client.query(this.options.begin);
  }

  /**
   * Runs the held writes as one statement. Inside a transaction a lone write is sent as it
   * is and its count checked here (a ROLLBACK can still undo it); otherwise the statement
   * checks the counts itself (`combined`), since it may be committing on its own.
   */
  private async flush(): Promise<void> {
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    const [only] = held as [HeldWrite];
    if (held.length === 1 && this.begun) {
      const changed = (await this.send(only.sql, only.values)).rowCount ?? 0;
      if (only.check && changed !== only.check.rows) this.refuse(only.check.error());
      return;
    }
    await this.sendCombined(held);
  }

  /**
   * `held` as one statement that checks its rows itself. The driver has it when this
   * returns: nothing is awaited before `client.query` (`commit` queues COMMIT after it).
   */
  private sendCombined(held: readonly HeldWrite[]): Promise<unknown> {
    const { text, values } = combined(held);
    const name = preparedCombination(
      text,
      held.map((h) => h.sql),
    );
    return this.send(text, values, name, (e) => {
      const failed = failedCheck(e);
      return failed === undefined ? undefined : held[failed]?.check?.error();
    });
  }

  /** `refused`: the error to raise instead of the driver's, when it is a check's. */
  private async send(
    sql: string,
    values: readonly unknown[],
    name = preparedName(sql),
    refused?: (e: unknown) => Error | undefined,
  ) {
    this.assertOpen();
    try {
      // A shaped statement is kept prepared on the connection (parsed and planned once).
      return await this.client.query({ text: sql, values: [...values], name });
    } catch (e) {
      const error = refused?.(e) ?? toStorageError(e);
      this.scope.statementFailed(error);
      throw error;
    }
  }

  /**
   * Runs the calls of a Tx used concurrently one after another, in the order they were
   * made, as the driver's queue does with statements sent at once: a call may wait (BEGIN,
   * held writes sent first) before its statement is sent or held, and a call made after it
   * must not overtake it meanwhile.
   */
  private inTurn<T>(call: () => Promise<T>): Promise<T> {
    const turn = this.last.then(call);
    this.last = turn.catch(() => undefined);
    return turn;
  }

  /** A statement that runs now: inside the transaction, after the held writes it may need. */
  private query<R>(compilable: Compilable<R>) {
    return this.inTurn(() => {
      this.scope.admit();
      const { sql, parameters } = compilable.compile();
      return this.now<R>(sql, parameters);
    });
  }

  private async now<R>(sql: string, parameters: readonly unknown[]) {
    if (this.options.readOnly) assertReadOnly(sql);
    const needsHeld = this.held.length > 0 && !runsBefore(sql, this.held);
    // Held writes sent mid-transaction must not commit on their own: BEGIN first.
    if (needsHeld || !this.options.readsBeforeBegin || !isPlainRead(sql)) {
      await this.ensureBegun();
    }
    if (needsHeld) await this.flush();
    return this.send(sql, parameters) as Promise<QueryResult<R & object>>;
  }

  private async write(compilable: Compilable, check?: RowCheck): Promise<void> {
    this.scope.admit();
    const { sql, parameters } = compilable.compile();
    const table = this.options.readOnly ? undefined : holdableTable(sql);
    // Only values the driver sends as they are: one it failed to encode would leave a held
    // write behind while the COMMIT queued after it went (decision 032).
    if (table === undefined || !parameters.every(isPlainValue)) {
      const changed = (await this.now(sql, parameters)).rowCount ?? 0;
      if (check && changed !== check.rows) this.refuse(check.error());
      return;
    }
    // One WITH per table: two changes of one table in one statement would not see each other.
    if (this.held.some((h) => h.table === table)) {
      await this.ensureBegun();
      await this.flush();
    }
    this.assertOpen();
    this.held.push({ sql, values: parameters, table, check });
  }

  private async confirmHeld(): Promise<void> {
    const probes = this.held.map((h) => h.check?.probe);
    if (probes.every((p) => p !== undefined)) {
      // A late click's claim (decision 032): one SELECT instead of BEGIN, INSERT, ROLLBACK.
      // Each probe is its own statement at READ COMMITTED, inside the transaction or not: it
      // sees every commit so far, the held writes being this transaction's and unsent.
      for (const [i, probe] of probes.entries()) {
        const { sql, parameters } = probe.compile();
        const found = (await this.send(sql, parameters)).rowCount ?? 0;
        const check = this.held[i]?.check;
        if (found > 0 && check) this.refuse(check.error());
      }
      return;
    }
    // Mid-transaction: held writes must not commit on their own.
    await this.ensureBegun();
    await this.flush();
  }

  /** A write changed other rows than it had to: the transaction must not commit. */
  private refuse(error: Error): never {
    this.scope.statementFailed(error);
    throw error;
  }

  private makeExec(): Exec {
    return {
      db: postgres,
      all: async <R>(q: Compilable<R>) => (await this.query(q)).rows,
      run: async (q) => (await this.query(q)).rowCount ?? 0,
      write: (q, check) => this.inTurn(() => this.write(q, check)),
      confirmHeld: () => this.inTurn(() => this.confirmHeld()),
      lockWarRoom: async (tenantId, warRoomId) => {
        // NO KEY UPDATE is the lock nextNumber's UPDATE takes: one lock per war room, so the
        // order of nextNumber and audit.head in a transaction cannot deadlock, and the KEY
        // SHARE locks of foreign-key checks (inserting incidents) do not conflict with it.
        // Held until the transaction ends: taken once (a round trip saved per audited change).
        const key = `${tenantId}\n${warRoomId}`;
        if (this.locked.has(key)) return;
        const [row] = (await this.query(lockShape(postgres, { tenantId, warRoomId }))).rows;
        this.locked.add(key);
        if (row) this.heads.learnHead(tenantId, warRoomId, chainHead(row));
      },
      warRoomLocked: (tenantId, warRoomId) => {
        this.locked.add(`${tenantId}\n${warRoomId}`);
      },
      // Noted only from the row as locked, or by this transaction's appends (sql/audit.ts).
      ...this.heads,
      serialised: false,
      decodeJson: (raw) => raw ?? null,
      skipLocked: (query) => query.forUpdate().skipLocked(),
    };
  }
}
