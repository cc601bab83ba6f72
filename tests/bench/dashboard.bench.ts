/**
 * Benchmark: the dashboard's queries on a war room of 100,000 items — a page of the items
 * table under each filter and sort (first page, deep page, status, batch, tag, search), the
 * counts behind the tiles, the frozen count and the hourly series. Each query runs many
 * times in its own transaction; prints p50 and p99 in milliseconds. Asserts nothing.
 *
 *   npm run build:server && node dist/tests/bench/dashboard.bench.js [--postgres]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MigrationItem } from '../../shared/domain/migration';
import type { MigrationStatus } from '../../shared/migration/status';
import { openStorage } from '../../bot/storage/open';
import type { ItemPageQuery, Storage, Tx } from '../../bot/storage/types';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { warRoom } from '../storage/fixtures';

const ITEMS = 100_000;
const RUNS = 200;
const STATUSES: MigrationStatus[] = ['completed', 'inProgress', 'synced', 'notStarted', 'failed'];
const HOUR = 3_600_000;

function items(tenantId: string, warRoomId: string): MigrationItem[] {
  const start = Date.now() - 48 * HOUR;
  return Array.from({ length: ITEMS }, (_, n) => {
    const at = new Date(start + ((n * 7919) % (48 * HOUR))).toISOString();
    const status = n % 1000 === 7 ? 'failed' : (STATUSES[n % 4] ?? 'completed');
    return {
      tenantId,
      warRoomId,
      identity: `user.${String(n).padStart(6, '0')}@contoso.example`,
      batch: `Batch ${String((n % 40) + 1).padStart(2, '0')}`,
      rawStatus: status,
      status,
      itemsSynced: n,
      itemsSkipped: 0,
      error: status === 'failed' ? 'MailboxIsLocked' : null,
      lastSyncAt: at,
      tags: n % 50 === 0 ? ['lab-results'] : [],
      firstSeenAt: at,
      statusChangedAt: at,
      updatedAt: at,
    };
  });
}

async function time(storage: Storage, label: string, fn: (tx: Tx) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await storage.transaction(fn);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  console.log(
    `${label.padEnd(44)} p50 ${at(0.5)?.toFixed(2).padStart(7)} ms   p99 ${at(0.99)?.toFixed(2).padStart(7)} ms`,
  );
}

async function main() {
  const postgres = process.argv.includes('--postgres');
  let pg: TestPostgres | undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'warroom-bench-'));
  try {
    pg = postgres ? await startPostgres() : undefined;
    const storage = await openStorage(
      pg ? { databaseUrl: await pg.createDatabase('bench'), dataDir: dir } : { dataDir: dir },
    );
    const w = warRoom(`tenant-${randomUUID()}`, {
      createdAt: new Date(Date.now() - 50 * HOUR).toISOString(),
    });
    await storage.transaction((tx) => tx.warRooms.insert(w));
    const t0 = performance.now();
    await storage.transaction((tx) => tx.migrationItems.upsert(items(w.tenantId, w.id)));
    console.log(
      `${storage.kind}: ${ITEMS} items stored in ${(performance.now() - t0).toFixed(0)} ms; ${RUNS} runs each`,
    );
    const page = (q: Partial<ItemPageQuery>) => (tx: Tx) =>
      tx.dashboard.itemPage(w.tenantId, w.id, {
        sort: 'identity',
        dir: 'asc',
        offset: 0,
        limit: 100,
        ...q,
      });
    await time(storage, 'items: first page', page({}));
    await time(storage, 'items: page at offset 50,000', page({ offset: 50_000 }));
    await time(storage, 'items: last page, descending', page({ dir: 'desc', offset: 99_900 }));
    await time(storage, 'items: status=failed', page({ status: 'failed' }));
    await time(
      storage,
      'items: batch=Batch 07, sorted by update',
      page({ batch: 'Batch 07', sort: 'updated' }),
    );
    await time(storage, 'items: sort=batch desc', page({ sort: 'batch', dir: 'desc' }));
    await time(
      storage,
      'items: sort=status, offset 40,000',
      page({ sort: 'status', offset: 40_000 }),
    );
    await time(storage, 'items: tag=lab-results', page({ tag: 'lab-results' }));
    await time(storage, 'items: search "user.0999"', page({ search: 'user.0999' }));
    await time(storage, 'tiles: counts per batch and status', (tx) =>
      tx.migrationItems.counts(w.tenantId, w.id),
    );
    await time(storage, 'tiles: frozen (tag + batch windows)', (tx) =>
      tx.dashboard.countHeld(w.tenantId, w.id, [
        { kind: 'tag', value: 'lab-results' },
        { kind: 'batch', value: 'Batch 03' },
      ]),
    );
    await time(storage, 'series: status changes per hour (48 h)', (tx) =>
      tx.dashboard.statusChangesPerHour(
        w.tenantId,
        w.id,
        new Date(Date.now() - 48 * HOUR).toISOString(),
      ),
    );
    await storage.close();
  } finally {
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
