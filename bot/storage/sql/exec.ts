import type { Compilable, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema';

/** What the dialect-neutral repositories need from a connection inside one transaction. */
export interface Exec {
  /**
   * The dialect's query builder. It only compiles (it has no connection of its own): a
   * query it builds runs through `all` or `run`, on this transaction's connection.
   */
  readonly db: Kysely<Database>;
  /** Rows of a query (or of a statement with RETURNING). */
  all<R>(query: Compilable<R>): Promise<R[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(query: Compilable): Promise<number>;
  /**
   * A write whose outcome nothing in the transaction reads: it only has to hold by the
   * commit. PostgreSQL keeps it back and sends the writes kept back together, as one
   * statement, when a later statement needs them (a write, a read of their tables) or at
   * the commit: a round trip each saved (docs/decisions/030). SQLite runs it at once.
   * `check`: how many rows it must change, else the transaction fails with its error (where
   * the write runs). A write that cannot be held (RETURNING, a literal) runs at once.
   */
  write(query: Compilable, check?: RowCheck): Promise<void>;
  /**
   * For work that failed and will not commit: fails now with the error of a held write's
   * check that would fail. Writes whose checks all have a `probe` are not sent: each probe
   * is read instead, past them (no BEGIN, no ROLLBACK); otherwise the held writes are sent
   * inside the transaction. A no-op where writes run at once (SQLite).
   */
  confirmHeld(): Promise<void>;
  /**
   * Locks a war room's row until the transaction ends, so counters and the audit chain of
   * that war room have one writer at a time. A no-op where transactions are serialised, and
   * once the transaction holds the lock (an earlier call, or `warRoomLocked`).
   */
  lockWarRoom(tenantId: string, warRoomId: string): Promise<void>;
  /** A statement of this transaction (an UPDATE of the row) took the war room's lock. */
  warRoomLocked(tenantId: string, warRoomId: string): void;
  /**
   * The head of a war room's audit chain as this transaction knows it for sure: read from
   * the war room's row with its lock, then moved by the transaction's own appends. Null for
   * an empty chain, undefined when not known (docs/decisions/030).
   */
  knownHead(tenantId: string, warRoomId: string): ChainHead | null | undefined;
  /** The head as the war room's row holds it, read with the row's lock: kept unless known. */
  learnHead(tenantId: string, warRoomId: string, head: ChainHead | null): void;
  /** An append moved the head: known from now on, written to the row once, at the commit. */
  moveHead(tenantId: string, warRoomId: string, head: ChainHead): void;
  /** Heads moved by this transaction: what the row held (`from`, a seq) and what it must. */
  movedHeads(): MovedHead[];
  /**
   * True where transactions run one at a time from their first statement (SQLite's
   * `BEGIN IMMEDIATE`): what a transaction read before a lock is still current after it.
   */
  readonly serialised: boolean;
  /** A `json` column as the driver returns it → the JS value (SQLite: text; pg: parsed). */
  decodeJson(raw: unknown): unknown;
  /**
   * For a SELECT that picks rows to lease: locks them and skips rows another transaction
   * has locked (`FOR UPDATE SKIP LOCKED`); unchanged where transactions are serialised.
   */
  skipLocked<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>;
}

/** The newest entry of a war room's audit chain: its seq and its hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The war room's stored head (`audit_seq`, `audit_hash`) as a ChainHead; null before any entry. */
export function chainHead(row: { audit_seq: number; audit_hash: string | null }): ChainHead | null {
  return row.audit_seq > 0 && row.audit_hash !== null
    ? { seq: row.audit_seq, hash: row.audit_hash }
    : null;
}

/** A war room whose chain a transaction appended to. */
export interface MovedHead {
  tenantId: string;
  warRoomId: string;
  from: number;
  to: ChainHead;
}

/**
 * The heads a transaction knows, by tenant and war room (for an Exec). A head moved by
 * appends is written once at the commit rather than at each append: a transaction that
 * appends many entries to one chain would otherwise update one row as often, and on
 * PostgreSQL each update of a row the transaction already updated walks all its versions.
 */
export function headMemo(): Pick<Exec, 'knownHead' | 'learnHead' | 'moveHead' | 'movedHeads'> {
  const heads = new Map<string, { stored: number; head: ChainHead | null; moved: boolean }>();
  const key = (tenantId: string, warRoomId: string) => `${tenantId}\n${warRoomId}`;
  return {
    knownHead: (tenantId, warRoomId) => heads.get(key(tenantId, warRoomId))?.head,
    learnHead(tenantId, warRoomId, head) {
      const k = key(tenantId, warRoomId);
      if (!heads.has(k)) heads.set(k, { stored: head?.seq ?? 0, head, moved: false });
    },
    moveHead(tenantId, warRoomId, head) {
      const k = key(tenantId, warRoomId);
      // An append without the head read first follows the row's head, or its commit fails.
      const known = heads.get(k) ?? { stored: head.seq - 1, head, moved: true };
      heads.set(k, { ...known, head, moved: true });
    },
    movedHeads: () =>
      [...heads].flatMap(([k, { stored, head, moved }]) => {
        if (!moved || !head) return [];
        const [tenantId = '', warRoomId = ''] = k.split('\n');
        return [{ tenantId, warRoomId, from: stored, to: head }];
      }),
  };
}

/** What a write must have changed: `rows` rows, else its transaction fails with `error()`. */
export interface RowCheck {
  rows: number;
  error: () => Error;
  /**
   * A plain read that returns a row exactly when the write, sent now, would fail its check
   * on what is committed (`Exec.confirmHeld`).
   */
  probe?: Compilable;
}

/** A write meant to change one row. */
export const oneRow = (error: () => Error): RowCheck => ({ rows: 1, error });

/** JSON column value to write; `undefined` (no value) is stored as SQL NULL, read as null. */
export function encodeJson(value: unknown): string | null {
  return value === undefined ? null : (JSON.stringify(value) ?? null);
}

/** Refuses a value outside a closed set, so a corrupt row fails loudly instead of leaking. */
export function oneOf<T extends string>(allowed: readonly T[], value: string, column: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`unexpected ${column} in storage: ${value}`);
  return found;
}

/** A SELECT that neither writes nor locks (the SQL as compiled). */
export function isPlainRead(sql: string): boolean {
  return /^select\s/i.test(sql) && !/\sfor\s+(no\s+key\s+|key\s+)?(update|share)\b/i.test(sql);
}

/** Refuses a statement that may write or lock, in `Storage.read` (the SQL as compiled). */
export function assertReadOnly(sql: string): void {
  if (!isPlainRead(sql)) {
    throw new Error(`a read-only storage call ran a statement that writes or locks: ${sql}`);
  }
}
