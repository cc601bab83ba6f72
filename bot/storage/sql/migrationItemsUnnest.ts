import {
  sql,
  type Compilable,
  type InsertQueryBuilder,
  type Insertable,
  type Kysely,
} from 'kysely';
import type { Database } from './schema';

/**
 * PostgreSQL's element type of each column, for `unnest($n::type[])`: the arrays travel
 * as array literals of text, and the cast is what reads them as the column's type. Every
 * column of the table must be here (the compiler checks), so every column is written.
 */
const PG_ARRAY_TYPES = {
  tenant_id: 'text',
  war_room_id: 'text',
  identity: 'text',
  batch: 'text',
  raw_status: 'text',
  status: 'text',
  items_synced: 'bigint',
  items_skipped: 'bigint',
  error: 'text',
  last_sync_at: 'timestamptz',
  tags: 'jsonb',
  first_seen_at: 'timestamptz',
  status_changed_at: 'timestamptz',
  updated_at: 'timestamptz',
  fingerprint: 'text',
} as const satisfies { [C in keyof Insertable<Database['migration_items']>]-?: string };

export type ItemColumn = keyof typeof PG_ARRAY_TYPES;

/** What to do with a row whose key is stored already (the callback of Kysely's onConflict). */
export type OnConflict = Parameters<
  InsertQueryBuilder<Database, 'migration_items', never>['onConflict']
>[0];

/**
 * Rows per unnest statement on PostgreSQL: the parameters are 15 arrays whatever the size,
 * so the limit is the statement's memory, not the 65,535 bound parameters.
 */
export const UNNEST_CHUNK = 5000;

/**
 * `INSERT … SELECT * FROM unnest($1::text[], …) ON CONFLICT …`: one statement of 15 array
 * parameters instead of a VALUES list of 15,000 parameters, which PostgreSQL parses and
 * plans per statement (docs/decisions/027). `columns` holds one array per column, row i
 * of each being row i of the chunk.
 */
export function unnestUpsert(
  db: Kysely<Database>,
  columns: Record<ItemColumn, unknown[]>,
  onConflict: OnConflict,
): Compilable {
  const names = Object.keys(PG_ARRAY_TYPES) as ItemColumn[];
  const arrays = names.map((c) => sql`${sql.val(columns[c])}::${sql.raw(PG_ARRAY_TYPES[c])}[]`);
  return db
    .insertInto('migration_items')
    .columns(names)
    .expression(sql`select * from unnest(${sql.join(arrays)})` as never)
    .onConflict(onConflict);
}
