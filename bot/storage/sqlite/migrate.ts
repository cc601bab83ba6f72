import type Database from 'better-sqlite3';
import { pendingMigrations } from '../sql/migration';
import { SQLITE_MIGRATIONS } from './migrations';

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction: the write lock makes
 * a second process opening the same file wait, then see the version as applied.
 */
export function migrateSqlite(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = () =>
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version);
  for (const m of pendingMigrations(SQLITE_MIGRATIONS, applied())) {
    const apply = db.transaction(() => {
      // Re-checked under the lock: another process may have applied it meanwhile.
      if (applied().includes(m.version)) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    });
    apply.immediate();
  }
}
