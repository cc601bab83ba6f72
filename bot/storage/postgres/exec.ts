import type { Compilable } from 'kysely';
import type { PoolClient } from 'pg';
import { compileOnly } from '../sql/builder';
import { assertReadOnly, type Exec } from '../sql/exec';
import { preparedName, shape } from '../sql/shape';
import type { TxScope } from '../sql/txScope';
import { toStorageError } from './failures';

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

// Every audited write takes this lock first: compiled once, see sql/shape.ts.
const lockShape = shape(['tenantId', 'warRoomId'], (db, p) =>
  db
    .selectFrom('war_rooms')
    .select((eb) => eb.lit(1).as('locked'))
    .where('tenant_id', '=', p.tenantId)
    .where('id', '=', p.warRoomId)
    .forNoKeyUpdate(),
);

/** Exec over the one pooled client that holds this transaction (or `Storage.read`'s reads). */
export function postgresExec(client: PoolClient, scope: TxScope, readOnly = false): Exec {
  /** War rooms whose row this transaction has locked. */
  const held = new Set<string>();
  const query = async <R>(compilable: Compilable<R>) => {
    scope.admit();
    const { sql, parameters } = compilable.compile();
    if (readOnly) assertReadOnly(sql);
    try {
      // A shaped statement is kept prepared on the connection (parsed and planned once).
      const name = preparedName(sql);
      return await client.query<R & object>({ text: sql, values: [...parameters], name });
    } catch (e) {
      scope.statementFailed(e);
      throw toStorageError(e);
    }
  };
  return {
    db: postgres,
    all: async <R>(q: Compilable<R>) => (await query(q)).rows,
    run: async (q) => (await query(q)).rowCount ?? 0,
    async lockWarRoom(tenantId, warRoomId) {
      // NO KEY UPDATE is the lock nextNumber's UPDATE takes: one lock per war room, so the
      // order of nextNumber and audit.head in a transaction cannot deadlock, and the KEY
      // SHARE locks of foreign-key checks (inserting incidents) do not conflict with it.
      // Held until the transaction ends: taken once (a round trip saved per audited change).
      const key = `${tenantId}\n${warRoomId}`;
      if (held.has(key)) return;
      await query(lockShape(postgres, { tenantId, warRoomId }));
      held.add(key);
    },
    warRoomLocked(tenantId, warRoomId) {
      held.add(`${tenantId}\n${warRoomId}`);
    },
    serialised: false,
    decodeJson: (raw) => raw ?? null,
    skipLocked: (query) => query.forUpdate().skipLocked(),
  };
}
