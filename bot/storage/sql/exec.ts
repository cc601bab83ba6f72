/** What the dialect-neutral repositories need from a connection inside one transaction. */
export type SqlValue = string | number | null;

export interface Exec {
  /**
   * Rows of a query (or of a statement with RETURNING). SQL uses `?` placeholders and
   * no other `?` characters; PostgreSQL's exec renumbers them to `$n`.
   */
  all<R>(sql: string, params: readonly SqlValue[]): Promise<R[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params: readonly SqlValue[]): Promise<number>;
  /**
   * Locks a war room's row until the transaction ends, so counters and the audit chain of
   * that war room have one writer at a time. A no-op where transactions are serialised.
   */
  lockWarRoom(tenantId: string, warRoomId: string): Promise<void>;
  /** A JSON column as the driver returns it → the JS value (SQLite: text; pg: parsed). */
  decodeJson(raw: unknown): unknown;
}

/** JSON column value to write; `undefined` (no value) is stored as SQL NULL, read as null. */
export function encodeJson(value: unknown): string | null {
  return value === undefined ? null : (JSON.stringify(value) ?? null);
}

/** `?, ?, ?` for n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Refuses a value outside a closed set, so a corrupt row fails loudly instead of leaking. */
export function oneOf<T extends string>(allowed: readonly T[], value: string, column: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`unexpected ${column} in storage: ${value}`);
  return found;
}
