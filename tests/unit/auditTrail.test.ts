import { appendAudit, findChainBreak, hashEntry } from '../../bot/services/auditTrail';
import type { AuditRepo, Tx } from '../../bot/storage/types';
import { GENESIS_HASH, type AuditEntry, type NewAuditEntry } from '../../shared/domain/audit';

const TENANT = '3a5e0f0c-1111-4222-8333-444455556666';
const ROOM = '7d2f4e61-0000-4000-8000-000000000002';

/** A tiny in-memory audit repo: just enough of a transaction for appendAudit. */
function memoryTx(): { tx: Tx; stored: AuditEntry[] } {
  const stored: AuditEntry[] = [];
  const inRoom = (tenantId: string, warRoomId: string) =>
    stored.filter((e) => e.tenantId === tenantId && e.warRoomId === warRoomId);
  const audit: AuditRepo = {
    head: async (tenantId, warRoomId) => inRoom(tenantId, warRoomId).at(-1),
    append: async (entry) => {
      stored.push(entry);
    },
    list: async (tenantId, warRoomId) => inRoom(tenantId, warRoomId),
    page: async (tenantId, warRoomId, { afterSeq, limit, upToSeq = Infinity }) =>
      inRoom(tenantId, warRoomId)
        .filter((e) => e.seq > afterSeq && e.seq <= upToSeq)
        .slice(0, limit),
    listSince: async (tenantId, warRoomId, afterSeq, limit) =>
      inRoom(tenantId, warRoomId)
        .filter((e) => e.seq > afterSeq)
        .slice(0, limit),
    lastSeq: async (tenantId, warRoomId) => inRoom(tenantId, warRoomId).at(-1)?.seq ?? 0,
    search: async () => Promise.reject(new Error('the chain is not searched here')),
    countActions: async () => Promise.reject(new Error('the chain is not counted here')),
  };
  return { tx: { audit } as Partial<Tx> as Tx, stored };
}

function change(n: number, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    tenantId: TENANT,
    warRoomId: ROOM,
    at: `2026-10-24T20:${String(10 + n).padStart(2, '0')}:00.000Z`,
    actorId: 'c0ffee00-0000-4000-8000-000000000003',
    actorName: 'Mette Sørensen',
    action: 'incident.status_changed',
    subject: 'incident:3f0c9a52-5d8e-4b7a-9c61-2a4e8f1b7d30',
    before: { status: 'open', version: n },
    after: { status: 'investigating', version: n + 1 },
    ...overrides,
  };
}

/** A chain of `length` entries written the way the services write them. */
async function chain(length: number): Promise<AuditEntry[]> {
  const { tx, stored } = memoryTx();
  for (let n = 1; n <= length; n++) await appendAudit(tx, change(n));
  return stored;
}

const copy = (entries: AuditEntry[]) => JSON.parse(JSON.stringify(entries)) as AuditEntry[];

describe('hashEntry', () => {
  const entry: Omit<AuditEntry, 'hash'> = { ...change(1), seq: 1, prevHash: GENESIS_HASH };

  test('is the same whatever order the keys come in, at any depth', () => {
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry;
    reordered.after = { version: 2, status: 'investigating' };
    expect(hashEntry(reordered)).toBe(hashEntry(entry));
  });

  test('survives a trip through a JSON column (undefined fields dropped)', () => {
    const withUndefined = {
      ...entry,
      after: { status: 'investigating', version: 2, owner: undefined },
    };
    const roundTripped = JSON.parse(JSON.stringify(withUndefined)) as typeof entry;
    expect(hashEntry(roundTripped)).toBe(hashEntry(withUndefined));
  });

  test.each([
    ['the actor', { actorName: 'Someone Else' }],
    ['the time', { at: '2026-10-24T20:12:00.000Z' }],
    ['what changed', { after: { status: 'resolved', version: 2 } }],
    ['the link to the entry before', { prevHash: 'f'.repeat(64) }],
  ])('changes when %s changes', (_what, edit) => {
    expect(hashEntry({ ...entry, ...edit })).not.toBe(hashEntry(entry));
  });

  test('keeps the order of lists: they are not sorted like keys', () => {
    expect(hashEntry({ ...entry, after: ['a', 'b'] })).not.toBe(
      hashEntry({ ...entry, after: ['b', 'a'] }),
    );
  });

  test('is a 64-character hex SHA-256', () => {
    expect(hashEntry(entry)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('appendAudit', () => {
  test('numbers entries 1, 2, 3 and links each to the one before', async () => {
    const entries = await chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
  });

  test('keeps one chain per war room', async () => {
    const { tx, stored } = memoryTx();
    const other = '7d2f4e61-0000-4000-8000-0000000000ff';
    await appendAudit(tx, change(1));
    await appendAudit(tx, change(2, { warRoomId: other }));
    await appendAudit(tx, change(3));
    const ofOther = stored.filter((e) => e.warRoomId === other);
    const ofRoom = stored.filter((e) => e.warRoomId === ROOM);
    expect(ofOther.map((e) => e.seq)).toEqual([1]);
    expect(ofRoom.map((e) => e.seq)).toEqual([1, 2]);
    expect(findChainBreak(ofOther)).toBe(-1);
    expect(findChainBreak(ofRoom)).toBe(-1);
  });

  test('records a missing before/after as null', async () => {
    const { tx } = memoryTx();
    const entry = await appendAudit(tx, change(1, { before: undefined }));
    expect(entry.before).toBeNull();
  });
});

describe('findChainBreak', () => {
  test('an intact chain has no break (-1), also after a JSON round trip', async () => {
    const entries = await chain(5);
    expect(findChainBreak(entries)).toBe(-1);
    expect(findChainBreak(copy(entries))).toBe(-1);
  });

  test('an empty log is intact', () => {
    expect(findChainBreak([])).toBe(-1);
  });

  test('an edited "after" is caught at that entry', async () => {
    const entries = copy(await chain(5));
    (entries[2] as AuditEntry).after = { status: 'resolved', version: 4 };
    expect(findChainBreak(entries)).toBe(2);
  });

  test('an edit whose own hash was recomputed is caught at the next entry', async () => {
    const entries = copy(await chain(5));
    const edited = entries[2] as AuditEntry;
    edited.actorName = 'Someone Else';
    const { hash: _old, ...rest } = edited;
    edited.hash = hashEntry(rest);
    expect(findChainBreak(entries)).toBe(3);
  });

  test('a removed entry is caught where it was', async () => {
    const entries = await chain(5);
    expect(findChainBreak([...entries.slice(0, 2), ...entries.slice(3)])).toBe(2);
  });

  test('a removed first entry is caught at the start', async () => {
    const entries = await chain(3);
    expect(findChainBreak(entries.slice(1))).toBe(0);
  });

  test('two entries swapped are caught at the first of the pair', async () => {
    const entries = await chain(5);
    const swapped = [...entries];
    [swapped[1], swapped[2]] = [entries[2] as AuditEntry, entries[1] as AuditEntry];
    expect(findChainBreak(swapped)).toBe(1);
  });

  test('a swapped pair with seq numbers rewritten is still caught', async () => {
    const entries = copy(await chain(4));
    const swapped = [entries[0], entries[2], entries[1], entries[3]] as AuditEntry[];
    swapped.forEach((e, i) => (e.seq = i + 1));
    expect(findChainBreak(swapped)).toBe(1);
  });

  test('a wrong prevHash is caught at that entry, even with a matching own hash', async () => {
    const entries = copy(await chain(4));
    const forged = entries[2] as AuditEntry;
    forged.prevHash = GENESIS_HASH;
    const { hash: _old, ...rest } = forged;
    forged.hash = hashEntry(rest);
    expect(findChainBreak(entries)).toBe(2);
  });
});
