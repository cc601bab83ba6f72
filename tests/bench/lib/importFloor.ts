import type { MigrationItem } from '../../../shared/domain/migration';
import { parseMigrationCsv } from '../../../shared/migration/csv';
import { openStorage, type StorageLocation } from '../../../bot/storage/open';
import { DEV_LEAD, insertWarRoom, timed } from './warRoom';

const FLOOR_ROOM = '7e0f6a52-1b1c-4c55-9e55-3a3b7d1f0002';

/**
 * The storage floor of an import: the export's rows written by the repository's batched
 * upsert in one transaction, in this process, into a store of its own on the same engine
 * (the server's store and this one both start empty). Wall and CPU of the upsert alone;
 * the parsed rows and the connection are let go before it returns.
 */
export async function storageFloor(
  location: StorageLocation,
  csv: Buffer,
): Promise<{ ms: number; cpuMs: number }> {
  const storage = await openStorage(location);
  try {
    await insertWarRoom(storage, DEV_LEAD, {
      id: FLOOR_ROOM,
      title: 'Import floor',
      channelId: `19:floor-${FLOOR_ROOM}`,
      serviceUrl: 'http://127.0.0.1:9/',
    });
    const now = new Date().toISOString();
    const items: MigrationItem[] = parseMigrationCsv(csv, {
      timeZone: 'Europe/Copenhagen',
    }).items.map((row) => ({
      ...row,
      tenantId: DEV_LEAD.tenantId,
      warRoomId: FLOOR_ROOM,
      firstSeenAt: now,
      statusChangedAt: now,
      updatedAt: now,
    }));
    const { ms, cpuMs } = await timed(() =>
      storage.transaction((tx) => tx.migrationItems.upsert(items)),
    );
    return { ms, cpuMs };
  } finally {
    await storage.close();
  }
}
