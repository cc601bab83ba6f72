import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { isPostgres, sqliteFile, type StorageLocation } from '../../bot/storage/open';
import { POSTGRES_MIGRATIONS } from '../../bot/storage/postgres/migrations';
import { SQLITE_MIGRATIONS } from '../../bot/storage/sqlite/migrations';
import type { WarRoom } from '../../shared/domain/warRoom';

/**
 * Builds a database as release 1 of the schema left it (migration 1 only) holding one war
 * room, so a test can open it with today's code and see the upgrade keep the data.
 */
export async function createVersion1Database(location: StorageLocation, w: WarRoom): Promise<void> {
  // Spelled out rather than reusing the repository's column list: that list follows the
  // current schema, and this must stay the release-1 shape.
  const row = [
    w.id,
    w.tenantId,
    w.teamId,
    w.channelId,
    w.conversationId,
    w.serviceUrl,
    w.title,
    w.timeZone,
    w.phase,
    w.createdById,
    w.createdByName,
    w.createdAt,
    w.updatedAt,
    w.version,
  ];
  const insert = `INSERT INTO war_rooms (id, tenant_id, team_id, channel_id, conversation_id,
    service_url, title, time_zone, phase, created_by_id, created_by_name, created_at, updated_at,
    version) VALUES (${row.map((_, i) => (isPostgres(location) ? `$${i + 1}` : '?')).join(', ')})`;
  if (isPostgres(location)) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      await client.query(`CREATE TABLE schema_migrations (version integer PRIMARY KEY,
        name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      await client.query(POSTGRES_MIGRATIONS[0]!.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (1, 'v1')");
      await client.query(insert, row);
    } finally {
      await client.end();
    }
    return;
  }
  mkdirSync(location.dataDir, { recursive: true });
  const db = new Database(sqliteFile(location.dataDir));
  try {
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
      applied_at TEXT NOT NULL) STRICT`);
    db.exec(SQLITE_MIGRATIONS[0]!.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (1, 'v1', '2026-11-01T00:00:00.000Z')").run();
    db.prepare(insert).run(...row);
  } finally {
    db.close();
  }
}
