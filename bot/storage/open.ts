import path from 'node:path';
import { openPostgresStorage } from './postgres/storage';
import { openSqliteStorage } from './sqlite/storage';
import type { Logger } from '../logger';
import type { Storage } from './types';

export interface StorageLocation {
  /** A postgres:// or postgresql:// URL selects PostgreSQL; unset or empty selects SQLite. */
  databaseUrl?: string;
  /** Where the SQLite file lives (ignored for PostgreSQL). */
  dataDir: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** The SQLite file used for a data directory. */
export const sqliteFile = (dataDir: string): string => path.join(dataDir, 'warroom.sqlite');

/** True when the location names a PostgreSQL database. */
export function isPostgres(location: StorageLocation): boolean {
  return POSTGRES_URL.test(location.databaseUrl?.trim() ?? '');
}

/**
 * Opens the configured store, schema migrated. A URL of any other scheme is refused rather
 * than silently falling back to a local file that other instances would not share.
 */
export async function openStorage(location: StorageLocation, logger?: Logger): Promise<Storage> {
  const url = location.databaseUrl?.trim();
  if (url && isPostgres(location)) {
    return openPostgresStorage(url, {
      onIdleError:
        logger && ((error) => logger.error('idle PostgreSQL connection failed', { error })),
      // The transaction that held it fails with StorageUnavailableError and is logged there.
      onClientError:
        logger && ((error) => logger.warn('PostgreSQL connection failed while in use', { error })),
      onListenError:
        logger &&
        ((error) => logger.warn('PostgreSQL listening connection failed; reconnecting', { error })),
    });
  }
  if (url) throw new Error('database URL must start with postgres:// or postgresql://');
  return openSqliteStorage(sqliteFile(location.dataDir));
}
