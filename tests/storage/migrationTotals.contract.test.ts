import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { MigrationService } from '../../bot/services/migration';
import { Client } from 'pg';
import { isPostgres, openStorage, type StorageLocation } from '../../bot/storage/open';
import type { Storage, Tx } from '../../bot/storage/types';
import type { Actor } from '../../shared/domain/actor';
import type { MigrationCount } from '../../shared/domain/migration';
import type { WarRoom } from '../../shared/domain/warRoom';
import { backends, type Backend } from './backends';
import { newTenant, warRoom } from './fixtures';

/** Raw statuses of every normalised kind, as the Exchange exports write them. */
const RAW = ['Queued', 'Syncing', 'Synced', 'Completed', 'Failed', 'Stopped'] as const;
const BATCHES = ['Wave1', 'Wave2', 'Lab', null] as const;

/** One JSON item of an import: who, which raw status, which batch (null: none). */
const itemArb = fc.record({
  n: fc.integer({ min: 0, max: 30 }),
  status: fc.constantFrom(...RAW),
  batch: fc.constantFrom(...BATCHES),
});
type ItemArb = { n: number; status: (typeof RAW)[number]; batch: string | null };
/** Up to four imports in a row, each of distinct identities. */
const importsArb = fc.array(
  fc.uniqueArray(itemArb, { selector: (i) => i.n, minLength: 1, maxLength: 25 }),
  { minLength: 1, maxLength: 4 },
);

const sorted = (counts: MigrationCount[]) =>
  [...counts].sort(
    (a, b) =>
      (a.batch ?? '').localeCompare(b.batch ?? '') ||
      Number(a.batch === null) - Number(b.batch === null) ||
      a.status.localeCompare(b.status),
  );

/**
 * The kept counts per (war room, batch, status) on every engine: after any sequence of
 * imports and re-imports through the service, an erasure, a tag change and a purge, they
 * are what a fresh GROUP BY over the items says (docs/decisions/025).
 */
describe.each(backends())('migration totals contract: $name', (backend: Backend) => {
  let storage: Storage;
  let service: MigrationService;
  let location: StorageLocation;

  beforeAll(async () => {
    await backend.start();
    location = await backend.fresh();
    storage = await openStorage(location);
    service = new MigrationService({
      storage,
      clock: { now: () => new Date() },
      ids: () => randomUUID(),
    });
  });
  afterAll(async () => {
    await storage?.close();
    await backend.stop();
  });

  const read = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage.transaction(fn);
  const room = async (): Promise<{ w: WarRoom; lead: Actor }> => {
    const w = warRoom(newTenant());
    await read((tx) => tx.warRooms.insert(w));
    return { w, lead: { tenantId: w.tenantId, userId: w.createdById, name: w.createdByName } };
  };
  const importItems = (w: WarRoom, lead: Actor, items: ItemArb[]) =>
    service.import(lead, w.id, {
      kind: 'json',
      source: 'api-json',
      items: items.map(({ n, status, batch }) => ({
        identity: `user.${n}@contoso.example`,
        status,
        batch,
      })),
    });
  /** The kept counts and a fresh count of the items, side by side. */
  const both = (w: WarRoom) =>
    read(async (tx) => ({
      kept: sorted(await tx.migrationTotals.counts(w.tenantId, w.id)),
      counted: sorted(await tx.migrationItems.counts(w.tenantId, w.id)),
    }));

  it('equal a fresh count after any sequence of imports and re-imports', async () => {
    await fc.assert(
      fc.asyncProperty(importsArb, async (imports) => {
        const { w, lead } = await room();
        for (const items of imports) {
          await importItems(w, lead, items);
          const { kept, counted } = await both(w);
          expect(kept).toEqual(counted);
        }
        // The first export again: whatever it changes back, the counts follow.
        await importItems(w, lead, imports[0] ?? []);
        const { kept, counted } = await both(w);
        expect(kept).toEqual(counted);
        expect(kept.reduce((n, c) => n + c.count, 0)).toBe(
          new Set(imports.flat().map((i) => i.n)).size,
        );
      }),
      { numRuns: 15 },
    );
  });

  it('follow a batch and a status that change, and a refused import changes nothing', async () => {
    const { w, lead } = await room();
    await importItems(w, lead, [
      { n: 1, status: 'Syncing', batch: 'Wave1' },
      { n: 2, status: 'Failed', batch: 'Wave1' },
    ]);
    await importItems(w, lead, [{ n: 2, status: 'Completed', batch: 'Wave2' }]);
    expect((await both(w)).kept).toEqual([
      { batch: 'Wave1', status: 'inProgress', count: 1 },
      { batch: 'Wave2', status: 'completed', count: 1 },
    ]);
    await expect(
      service.import(lead, w.id, {
        kind: 'json',
        source: 'api-json',
        items: [
          { identity: 'user.3@contoso.example', status: 'Completed' },
          { identity: 'user.4@contoso.example', status: 'Beamed' },
        ],
      }),
    ).rejects.toThrow();
    expect((await both(w)).kept.reduce((n, c) => n + c.count, 0)).toBe(2);
  });

  it('stay equal through an erasure and a tag change, and go with a purge', async () => {
    const { w, lead } = await room();
    const other = await room();
    await importItems(w, lead, [
      { n: 1, status: 'Synced', batch: 'Lab' },
      { n: 2, status: 'Queued', batch: null },
    ]);
    await importItems(other.w, other.lead, [{ n: 1, status: 'Failed', batch: 'Lab' }]);
    await read(async (tx) => {
      await tx.privacy.pseudonymiseRows(w.tenantId, w.id, new Set([lead.userId]), {
        id: 'erased-1',
        name: '[erased 1]',
      });
      const [item] = await tx.migrationItems.findMany(w.tenantId, w.id, ['user.1@contoso.example']);
      if (item) await tx.migrationItems.upsert([{ ...item, tags: ['lab-results'] }]);
    });
    const after = await both(w);
    expect(after.kept).toEqual(after.counted);
    expect(after.kept).toHaveLength(2);

    const purged = await read((tx) =>
      tx.privacy.purgeWarRoom({
        tenantId: w.tenantId,
        warRoomId: w.id,
        closedAt: null,
        purgedAt: new Date().toISOString(),
        counts: {},
        lastSeq: 0,
        lastHash: null,
      }),
    );
    expect(purged.migration_totals).toBe(2);
    expect((await both(w)).kept).toEqual([]);
    // Another war room's counts are its own.
    expect((await both(other.w)).kept).toEqual([{ batch: 'Lab', status: 'failed', count: 1 }]);
  });

  it('count a bulk load, and have PostgreSQL sample the items again so pages plan well', async () => {
    const { w, lead } = await room();
    const statuses = ['Queued', 'Syncing', 'Completed', 'Failed'];
    await service.import(lead, w.id, {
      kind: 'json',
      source: 'api-json',
      items: Array.from({ length: 10_000 }, (_, n) => ({
        identity: `bulk.${n}@contoso.example`,
        status: statuses[n % statuses.length],
        batch: `Wave${n % 3}`,
      })),
    });
    const { kept, counted } = await both(w);
    expect(kept).toEqual(counted);
    expect(kept.reduce((n, c) => n + c.count, 0)).toBe(10_000);
    if (isPostgres(location)) {
      // Without the ANALYZE the table's estimate stays what it was before the load.
      const client = new Client({ connectionString: location.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          "SELECT reltuples AS n FROM pg_class WHERE relname = 'migration_items'",
        );
        expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(10_000);
      } finally {
        await client.end();
      }
    }
  });
});
