import Database from 'better-sqlite3';
import { Client } from 'pg';
import { sqliteFile } from '../../bot/storage/open';

/** How SQLite plans `sql` on the database in `dataDir` (EXPLAIN QUERY PLAN, one line a step). */
export function sqlitePlan(dataDir: string, sql: string, params: readonly unknown[]): string {
  const db = new Database(sqliteFile(dataDir), { readonly: true });
  try {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  } finally {
    db.close();
  }
}

/** How PostgreSQL plans `sql` (EXPLAIN) on `url`, after the `setup` statements. */
export async function postgresPlan(
  url: string,
  sql: string,
  params: readonly unknown[],
  setup: string[] = [],
): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of setup) await client.query(statement);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, [...params]);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
