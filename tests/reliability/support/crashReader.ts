import Database from 'better-sqlite3';
import { Client } from 'pg';

/**
 * A read-only look at the incidents table while the server runs (and dies): which incidents
 * exist, so the burst can click cards of incidents that are really stored. Cards reach the
 * fake connector late or not at all (an outbox paces them), so they are not the source.
 */
export interface LiveReader {
  /** Ids of incidents whose title starts with `prefix`. */
  incidentIds(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

const QUERY_TIMEOUT_MS = 2000;

/** Opens the file read-only for each look, so no connection of ours outlives a crash. */
export function sqliteReader(file: string): LiveReader {
  return {
    async incidentIds(prefix) {
      const db = new Database(file, {
        readonly: true,
        fileMustExist: true,
        timeout: QUERY_TIMEOUT_MS,
      });
      try {
        const rows = db
          .prepare('SELECT id FROM incidents WHERE title LIKE ?')
          .all(`${prefix}%`) as { id: string }[];
        return rows.map((r) => r.id);
      } finally {
        db.close();
      }
    },
    close: async () => undefined,
  };
}

/** One connection whose transactions are read-only. */
export async function postgresReader(url: string): Promise<LiveReader> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: QUERY_TIMEOUT_MS,
    statement_timeout: QUERY_TIMEOUT_MS,
    options: '-c default_transaction_read_only=on',
    application_name: 'crash-test-reader',
  });
  await client.connect();
  return {
    async incidentIds(prefix) {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM incidents WHERE title LIKE $1',
        [`${prefix}%`],
      );
      return rows.map((r) => r.id);
    },
    close: () => client.end(),
  };
}
