import Database from 'better-sqlite3';
import { Client } from 'pg';
import { isPostgres, sqliteFile, type StorageLocation } from './open';
import { numberPlaceholders } from './postgres/exec';

/**
 * Tests only: tries to rewrite or erase an audit entry behind the port's back, over a
 * connection of its own. The database must refuse, so this is expected to reject.
 */
export async function tamperWithAudit(
  location: StorageLocation,
  warRoomId: string,
  seq: number,
  how: 'update' | 'delete',
): Promise<void> {
  const sql =
    how === 'update'
      ? "UPDATE audit_log SET action = 'tampered' WHERE war_room_id = ? AND seq = ?"
      : 'DELETE FROM audit_log WHERE war_room_id = ? AND seq = ?';
  if (isPostgres(location)) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      await client.query(numberPlaceholders(sql), [warRoomId, seq]);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(sqliteFile(location.dataDir));
  try {
    db.prepare(sql).run(warRoomId, seq);
  } finally {
    db.close();
  }
}
