import Database from 'better-sqlite3';
import { Client } from 'pg';
import { isPostgres, sqliteFile, type StorageLocation } from '../../bot/storage/open';
import { numberPlaceholders } from '../../bot/storage/postgres/exec';
import type { AuditEntry } from '../../shared/domain/audit';

const INSERT = `INSERT INTO audit_log
  (tenant_id, war_room_id, seq, at, actor_id, actor_name, action, subject, before, after, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Writes audit rows as given, behind the port's back (it only appends after the head): a
 * chain with gaps or out of order, as data written before the port checked it may hold.
 */
export async function insertRawAudit(
  location: StorageLocation,
  entries: readonly AuditEntry[],
): Promise<void> {
  const rows = entries.map((e) => [
    e.tenantId,
    e.warRoomId,
    e.seq,
    e.at,
    e.actorId,
    e.actorName,
    e.action,
    e.subject,
    JSON.stringify(e.before),
    JSON.stringify(e.after),
    e.prevHash,
    e.hash,
  ]);
  if (isPostgres(location)) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      for (const row of rows) await client.query(numberPlaceholders(INSERT), row);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(sqliteFile(location.dataDir));
  try {
    const insert = db.prepare(INSERT);
    for (const row of rows) insert.run(...row);
  } finally {
    db.close();
  }
}
