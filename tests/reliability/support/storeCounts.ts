import Database from 'better-sqlite3';
import { sqliteFile } from '../../../bot/storage/open';

export interface StoreCounts {
  warRooms: number;
  incidents: number;
  audit: number;
  /** Sum of incident versions: moves when any incident changes, even without a new row. */
  incidentVersions: number;
}

export interface StoreCounter {
  counts(): StoreCounts;
  close(): void;
}

/**
 * Counts every stored row of the SQLite store, across all tenants, over a read-only
 * connection of its own. The storage port is scoped by tenant on purpose, so it can only
 * answer "nothing stored" for tenants we name; a fuzzed activity may carry any tenant id
 * (or a number SQLite turns into one), and "nothing stored" must hold for all of them.
 */
export function storeCounter(dataDir: string): StoreCounter {
  const db = new Database(sqliteFile(dataDir), { readonly: true, fileMustExist: true });
  const query = db.prepare(`SELECT
    (SELECT count(*) FROM war_rooms) AS warRooms,
    (SELECT count(*) FROM incidents) AS incidents,
    (SELECT count(*) FROM audit_log) AS audit,
    (SELECT coalesce(sum(version), 0) FROM incidents) AS incidentVersions`);
  return {
    counts: () => query.get() as StoreCounts,
    close: () => db.close(),
  };
}
