import Database from 'better-sqlite3';
import { Client } from 'pg';
import { isPostgres, sqliteFile, type StorageLocation } from '../../bot/storage/open';

/** What someone with full rights on the database could do to one audit entry. */
export type Forgery = 'edit' | 'remove';

const STATEMENTS: Record<Forgery, string> = {
  // One character changed: the first of the actor's name.
  edit: "UPDATE audit_log SET actor_name = 'X' || substr(actor_name, 2) WHERE war_room_id = $1 AND seq = $2",
  remove: 'DELETE FROM audit_log WHERE war_room_id = $1 AND seq = $2',
};

/**
 * Tests only: changes the stored audit log the way an administrator could, getting past
 * the append-only triggers (PostgreSQL: replica mode, which skips ordinary triggers;
 * SQLite: dropping them and putting them back), so that only the hash chain can tell.
 */
export async function forgeAudit(
  location: StorageLocation,
  warRoomId: string,
  seq: number,
  how: Forgery,
): Promise<void> {
  const sql = STATEMENTS[how];
  if (isPostgres(location)) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      const { rowCount } = await client.query(sql, [warRoomId, seq]);
      if (rowCount !== 1) throw new Error(`no audit entry ${seq} in ${warRoomId}`);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(sqliteFile(location.dataDir));
  try {
    db.transaction(() => {
      const triggers = db
        .prepare(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'",
        )
        .all() as { name: string; sql: string }[];
      if (triggers.length === 0) throw new Error('expected the append-only triggers');
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
      const { changes } = db.prepare(sql.replace(/\$\d/g, '?')).run(warRoomId, seq);
      if (changes !== 1) throw new Error(`no audit entry ${seq} in ${warRoomId}`);
      for (const t of triggers) db.exec(t.sql);
    })();
  } finally {
    db.close();
  }
}
