import { randomUUID } from 'node:crypto';
import type { ApiKey } from '../../shared/domain/apiKey';
import type { MigrationImport, MigrationItem } from '../../shared/domain/migration';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Tx } from '../../bot/storage/types';
import { backends, suiteStorage, type Backend } from './backends';
import { at, newTenant, warRoom } from './fixtures';

/** Migration items, imports, settings and API keys on every engine. */
describe.each(backends())('migration contract: $name', (backend: Backend) => {
  const storage = suiteStorage(backend);

  const read = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => storage().transaction(fn);
  const room = async (tenantId = newTenant()): Promise<WarRoom> => {
    const w = warRoom(tenantId);
    await read((tx) => tx.warRooms.insert(w));
    return w;
  };
  const item = (w: WarRoom, n: number, overrides: Partial<MigrationItem> = {}): MigrationItem => ({
    tenantId: w.tenantId,
    warRoomId: w.id,
    identity: `user.${String(n).padStart(5, '0')}@contoso.example`,
    batch: `Wave${n % 3}`,
    rawStatus: 'Syncing',
    status: 'inProgress',
    itemsSynced: 1000 + n,
    itemsSkipped: 0,
    error: null,
    lastSyncAt: at(n % 60),
    tags: [],
    firstSeenAt: at(0),
    statusChangedAt: at(0),
    updatedAt: at(0),
    ...overrides,
  });
  const byIdentity = (items: MigrationItem[]) =>
    [...items].sort((a, b) => (a.identity < b.identity ? -1 : 1));

  it('inserts items and reads them back field for field', async () => {
    const w = await room();
    const items = [
      item(w, 1),
      item(w, 2, {
        batch: null,
        rawStatus: 'Failed',
        status: 'failed',
        itemsSynced: null,
        itemsSkipped: null,
        error: 'Error: MailboxIsLocked;\nretry "later"',
        lastSyncAt: null,
        tags: ['lab-results', 'vip'],
      }),
      // Beyond 32-bit integers: counts are int8 in PostgreSQL.
      item(w, 3, { itemsSynced: 5_000_000_000 }),
    ];
    await read((tx) => tx.migrationItems.upsert(items));
    expect(byIdentity(await read((tx) => tx.migrationItems.listAll(w.tenantId, w.id)))).toEqual(
      items,
    );
    expect(
      await read((tx) => tx.migrationItems.find(w.tenantId, w.id, items[1]!.identity)),
    ).toEqual(items[1]);
  });

  it('replaces every field of an existing item but when it was first seen', async () => {
    const w = await room();
    await read((tx) => tx.migrationItems.upsert([item(w, 1)]));
    const changed = item(w, 1, {
      batch: 'Wave9',
      rawStatus: 'Completed',
      status: 'completed',
      itemsSynced: 7,
      itemsSkipped: 2,
      error: 'warning',
      lastSyncAt: at(90),
      tags: ['lab-results'],
      firstSeenAt: at(100),
      statusChangedAt: at(100),
      updatedAt: at(100),
    });
    await read((tx) => tx.migrationItems.upsert([changed]));
    expect(await read((tx) => tx.migrationItems.listAll(w.tenantId, w.id))).toEqual([
      { ...changed, firstSeenAt: at(0) },
    ]);
  });

  it('writes 2,500 items in several statements, and updates them again', async () => {
    const w = await room();
    const many = Array.from({ length: 2500 }, (_, n) => item(w, n));
    await read((tx) => tx.migrationItems.upsert(many));
    const again = many.map((i) => ({ ...i, rawStatus: 'Completed', status: 'completed' as const }));
    await read((tx) => tx.migrationItems.upsert(again));
    const stored = byIdentity(await read((tx) => tx.migrationItems.listAll(w.tenantId, w.id)));
    expect(stored).toHaveLength(2500);
    expect(stored[0]).toEqual(again[0]);
    expect(stored[2499]).toEqual(again[2499]);
    expect(stored.every((i) => i.status === 'completed')).toBe(true);
  });

  it('writes 12,000 items holding what array literals escape (PostgreSQL: 5,000 a statement)', async () => {
    const w = await room();
    const awkward = ['NULL', '{a,b}', 'back\\slash "quoted"', 'semi;colon, comma', 'æøå ✓', ''];
    const many = Array.from({ length: 12_000 }, (_, n) =>
      item(w, n, {
        batch: n % 5 === 0 ? null : (awkward[n % awkward.length] ?? null),
        error: n % 7 === 0 ? `line one\nline "two" {${n}}` : null,
        tags: n % 3 === 0 ? ['vip', 'say "hi"', 'NULL'] : [],
        itemsSynced: n % 11 === 0 ? null : n * 1_000_003,
        lastSyncAt: n % 13 === 0 ? null : at(n % 90),
      }),
    );
    await read((tx) => tx.migrationItems.upsert(many));
    const stored = byIdentity(await read((tx) => tx.migrationItems.listAll(w.tenantId, w.id)));
    expect(stored).toEqual(byIdentity(many));
  });

  it('writes nothing when the transaction fails', async () => {
    const w = await room();
    const failing = read(async (tx) => {
      await tx.migrationItems.upsert([item(w, 1), item(w, 2)]);
      throw new Error('row 3 was refused');
    });
    await expect(failing).rejects.toThrow('row 3');
    expect(await read((tx) => tx.migrationItems.listAll(w.tenantId, w.id))).toEqual([]);
  });

  it('counts items per batch and status in the database', async () => {
    const w = await room();
    await read((tx) =>
      tx.migrationItems.upsert([
        item(w, 1, { batch: 'A' }),
        item(w, 2, { batch: 'A' }),
        item(w, 3, { batch: 'A', rawStatus: 'Failed', status: 'failed' }),
        item(w, 4, { batch: null, rawStatus: 'Completed', status: 'completed' }),
      ]),
    );
    const counts = await read((tx) => tx.migrationItems.counts(w.tenantId, w.id));
    expect(
      counts.sort((a, b) => `${a.batch}${a.status}`.localeCompare(`${b.batch}${b.status}`)),
    ).toEqual([
      { batch: 'A', status: 'failed', count: 1 },
      { batch: 'A', status: 'inProgress', count: 2 },
      { batch: null, status: 'completed', count: 1 },
    ]);
  });

  it('lists items of a status and batch by identity, up to a limit', async () => {
    const w = await room();
    const failed = { rawStatus: 'Failed', status: 'failed' as const };
    await read((tx) =>
      tx.migrationItems.upsert([
        item(w, 5, { ...failed, batch: 'A' }),
        item(w, 1, { ...failed, batch: null }),
        item(w, 3, { ...failed, batch: 'A' }),
        item(w, 2, { batch: 'A' }),
      ]),
    );
    const list = (filter: Parameters<Tx['migrationItems']['list']>[2]) =>
      read((tx) => tx.migrationItems.list(w.tenantId, w.id, filter)).then((items) =>
        items.map((i) => i.identity.slice(0, 10)),
      );
    expect(await list({ status: 'failed', limit: 2 })).toEqual(['user.00001', 'user.00003']);
    expect(await list({ status: 'failed', batch: 'A', limit: 10 })).toEqual([
      'user.00003',
      'user.00005',
    ]);
    expect(await list({ batch: null, limit: 10 })).toEqual(['user.00001']);
    expect(await list({ limit: 10 })).toHaveLength(4);
  });

  it('keeps one tenant’s items from another', async () => {
    const w = await room();
    await read((tx) => tx.migrationItems.upsert([item(w, 1)]));
    const other = newTenant();
    await read(async (tx) => {
      expect(await tx.migrationItems.listAll(other, w.id)).toEqual([]);
      expect(await tx.migrationItems.counts(other, w.id)).toEqual([]);
      expect(await tx.migrationItems.list(other, w.id, { limit: 5 })).toEqual([]);
      expect(await tx.migrationItems.find(other, w.id, item(w, 1).identity)).toBeUndefined();
    });
  });

  it('gives each item’s fingerprint by identity, replaced on upsert, null when none was written', async () => {
    const w = await room();
    await read((tx) =>
      tx.migrationItems.upsert([{ ...item(w, 1), fingerprint: 'fp-1' }, item(w, 2)]),
    );
    const first = await read((tx) => tx.migrationItems.fingerprints(w.tenantId, w.id));
    expect([...first.entries()].sort()).toEqual([
      [item(w, 1).identity, 'fp-1'],
      [item(w, 2).identity, null],
    ]);
    await read((tx) =>
      tx.migrationItems.upsert([{ ...item(w, 1), fingerprint: 'fp-1b' }, item(w, 3)]),
    );
    const second = await read((tx) => tx.migrationItems.fingerprints(w.tenantId, w.id));
    expect(second.get(item(w, 1).identity)).toBe('fp-1b');
    expect(second.get(item(w, 3).identity)).toBeNull();
    expect(second.size).toBe(3);
    // The fingerprint is bookkeeping: items read back as they were written.
    expect(
      await read((tx) => tx.migrationItems.find(w.tenantId, w.id, item(w, 1).identity)),
    ).toEqual(item(w, 1));
    expect((await read((tx) => tx.migrationItems.fingerprints(newTenant(), w.id))).size).toBe(0);
  });

  it('finds the items with given identities, across lookups of many identities', async () => {
    const w = await room();
    const many = Array.from({ length: 2300 }, (_, n) => item(w, n));
    await read((tx) => tx.migrationItems.upsert(many));
    const wanted = many.filter((_, n) => n % 2 === 0).map((i) => i.identity);
    const found = await read((tx) =>
      tx.migrationItems.findMany(w.tenantId, w.id, [...wanted, 'nobody@contoso.example']),
    );
    expect(byIdentity(found)).toEqual(many.filter((_, n) => n % 2 === 0));
    expect(await read((tx) => tx.migrationItems.findMany(w.tenantId, w.id, []))).toEqual([]);
    expect(await read((tx) => tx.migrationItems.findMany(newTenant(), w.id, wanted))).toEqual([]);
  });

  const importOf = (w: WarRoom, minute: number): MigrationImport => ({
    id: randomUUID(),
    tenantId: w.tenantId,
    warRoomId: w.id,
    at: at(minute),
    actorId: 'apikey:k1',
    actorName: 'cutover script',
    source: 'api-csv',
    format: 'exchangeOnline',
    rowsRead: 60,
    created: 50,
    updated: 8,
    unchanged: 2,
    contentHash: 'ab'.repeat(32),
  });

  it('records imports and lists the newest first', async () => {
    const w = await room();
    const first = importOf(w, 1);
    const second = { ...importOf(w, 2), source: 'api-json' as const, format: 'json' as const };
    await read(async (tx) => {
      await tx.migrationImports.insert(first);
      await tx.migrationImports.insert(second);
    });
    expect(await read((tx) => tx.migrationImports.listRecent(w.tenantId, w.id, 5))).toEqual([
      second,
      first,
    ]);
    expect(await read((tx) => tx.migrationImports.listRecent(w.tenantId, w.id, 1))).toEqual([
      second,
    ]);
    expect(await read((tx) => tx.migrationImports.findById(w.tenantId, first.id))).toEqual(first);
    expect(await read((tx) => tx.migrationImports.findById(newTenant(), first.id))).toBeUndefined();
  });

  it('saves and replaces a war room’s mapping and status words', async () => {
    const w = await room();
    expect(await read((tx) => tx.migrationSettings.find(w.tenantId, w.id))).toBeUndefined();
    const settings = {
      tenantId: w.tenantId,
      warRoomId: w.id,
      mapping: { identity: 'Source Email', status: 'Migration State', tags: 'Labels' },
      statusValues: { 'Migrating…': 'inProgress' as const },
      updatedById: 'user-lead',
      updatedByName: 'Mette Lead',
      updatedAt: at(1),
    };
    await read((tx) => tx.migrationSettings.put(settings));
    expect(await read((tx) => tx.migrationSettings.find(w.tenantId, w.id))).toEqual(settings);
    const cleared = { ...settings, mapping: null, statusValues: {}, updatedAt: at(2) };
    await read((tx) => tx.migrationSettings.put(cleared));
    expect(await read((tx) => tx.migrationSettings.find(w.tenantId, w.id))).toEqual(cleared);
    expect(await read((tx) => tx.migrationSettings.find(newTenant(), w.id))).toBeUndefined();
  });

  const keyOf = (w: WarRoom, overrides: Partial<ApiKey> = {}): ApiKey => ({
    id: randomUUID(),
    tenantId: w.tenantId,
    warRoomId: w.id,
    name: 'cutover script',
    keyHash: randomUUID().replace(/-/g, '').repeat(2),
    createdById: 'user-lead',
    createdByName: 'Mette Lead',
    createdAt: at(0),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  });

  it('finds an API key by its hash, across tenants, and refuses a second key with that hash', async () => {
    const w = await room();
    const key = keyOf(w);
    await read((tx) => tx.apiKeys.insert(key));
    expect(await read((tx) => tx.apiKeys.findByHash(key.keyHash))).toEqual(key);
    expect(await read((tx) => tx.apiKeys.findByHash('0'.repeat(64)))).toBeUndefined();
    const other = await room();
    await expect(
      read((tx) => tx.apiKeys.insert(keyOf(other, { keyHash: key.keyHash }))),
    ).rejects.toMatchObject({ name: 'StorageConflictError' });
    expect(await read((tx) => tx.apiKeys.findById(w.tenantId, key.id))).toEqual(key);
    expect(await read((tx) => tx.apiKeys.findById(other.tenantId, key.id))).toBeUndefined();
  });

  it('lists a war room’s keys oldest first and revokes one once', async () => {
    const w = await room();
    const older = keyOf(w, { name: 'first', createdAt: at(1) });
    const newer = keyOf(w, { name: 'second', createdAt: at(2) });
    await read(async (tx) => {
      await tx.apiKeys.insert(newer);
      await tx.apiKeys.insert(older);
    });
    expect(await read((tx) => tx.apiKeys.revoke(newTenant(), older.id, at(3)))).toBe(false);
    expect(await read((tx) => tx.apiKeys.revoke(w.tenantId, older.id, at(3)))).toBe(true);
    expect(await read((tx) => tx.apiKeys.revoke(w.tenantId, older.id, at(4)))).toBe(false);
    expect(await read((tx) => tx.apiKeys.list(w.tenantId, w.id))).toEqual([
      { ...older, revokedAt: at(3) },
      newer,
    ]);
  });

  it('records a key’s use at most once per interval', async () => {
    const w = await room();
    const key = keyOf(w);
    await read((tx) => tx.apiKeys.insert(key));
    const use = (minute: number) =>
      read((tx) => tx.apiKeys.markUsed(w.tenantId, key.id, at(minute), at(minute - 1)));
    expect(await use(10)).toBe(true);
    expect(await use(10.5)).toBe(false);
    expect(await use(12)).toBe(true);
    expect((await read((tx) => tx.apiKeys.findById(w.tenantId, key.id)))?.lastUsedAt).toBe(at(12));
  });
});
