import type { PoolClient } from 'pg';
import type { Exec, SqlValue } from '../sql/exec';
import type { TxScope } from '../sql/txScope';
import { toStorageError } from './failures';

/** The shared repositories write `?`; pg wants `$1, $2…`. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Exec over the one pooled client that holds this transaction. */
export function postgresExec(client: PoolClient, scope: TxScope): Exec {
  const query = async <R>(sql: string, params: readonly SqlValue[]) => {
    scope.assertOpen();
    try {
      return await client.query<R & object>(numberPlaceholders(sql), [...params]);
    } catch (e) {
      throw toStorageError(e);
    }
  };
  return {
    all: async <R>(sql: string, params: readonly SqlValue[]) => (await query<R>(sql, params)).rows,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    async lockWarRoom(tenantId, warRoomId) {
      // NO KEY UPDATE is the lock nextNumber's UPDATE takes: one lock per war room, so the
      // order of nextNumber and audit.head in a transaction cannot deadlock, and the KEY
      // SHARE locks of foreign-key checks (inserting incidents) do not conflict with it.
      await query('SELECT 1 FROM war_rooms WHERE tenant_id = ? AND id = ? FOR NO KEY UPDATE', [
        tenantId,
        warRoomId,
      ]);
    },
    decodeJson: (raw) => raw ?? null,
  };
}
