import { ChainVerifier } from '../../bot/services/auditChain';
import { reportLine } from '../../bot/cli/auditVerify';
import { appendAudit, hashEntry } from '../../bot/services/auditTrail';
import type { AuditRepo, Tx } from '../../bot/storage/types';
import { GENESIS_HASH, type AuditEntry } from '../../shared/domain/audit';

/** A chain of `length` entries, written by appendAudit over an in-memory repo. */
async function chain(length: number): Promise<AuditEntry[]> {
  const stored: AuditEntry[] = [];
  const audit = {
    head: async () => stored.at(-1),
    append: async (e: AuditEntry) => void stored.push(e),
  } as Partial<AuditRepo> as AuditRepo;
  const tx = { audit } as Partial<Tx> as Tx;
  for (let n = 1; n <= length; n++) {
    await appendAudit(tx, {
      tenantId: 'tenant-1',
      warRoomId: 'room-1',
      at: `2026-10-24T20:0${n % 10}:00.000Z`,
      actorId: 'user-1',
      actorName: 'Mette Sørensen',
      action: 'incident.logged',
      subject: `incident:${n}`,
      before: null,
      after: { n },
    });
  }
  return JSON.parse(JSON.stringify(stored)) as AuditEntry[];
}

const verify = (entries: AuditEntry[]) => {
  const verifier = new ChainVerifier();
  entries.forEach((e) => verifier.add(e));
  return verifier.report();
};

describe('ChainVerifier: the first broken entry, and why', () => {
  test('an intact chain verifies, with its range and head', async () => {
    const entries = await chain(4);
    expect(verify(entries)).toEqual({
      verified: true,
      entries: 4,
      firstSeq: 1,
      lastSeq: 4,
      lastHash: entries[3]?.hash,
    });
  });

  test('a changed field: hash mismatch at that entry; later entries still counted', async () => {
    const entries = await chain(5);
    (entries[2] as AuditEntry).actorName = 'Mette Sorensen';
    expect(verify(entries)).toMatchObject({
      verified: false,
      entries: 5,
      lastSeq: 5,
      brokenAt: { seq: 3, reason: 'hash_mismatch' },
    });
  });

  test('a change with its own hash recomputed: prev-hash mismatch at the next entry', async () => {
    const entries = await chain(5);
    const edited = entries[1] as AuditEntry;
    edited.after = { n: 99 };
    const { hash: _old, ...rest } = edited;
    edited.hash = hashEntry(rest);
    expect(verify(entries).brokenAt).toEqual({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  test('a removed entry: gap in seq where the next one follows', async () => {
    const entries = await chain(5);
    expect(verify([...entries.slice(0, 3), ...entries.slice(4)])).toMatchObject({
      entries: 4,
      brokenAt: { seq: 5, reason: 'seq_gap' },
    });
  });

  test('the first entries removed: gap at the new start', async () => {
    const entries = await chain(3);
    expect(verify(entries.slice(1))).toMatchObject({
      firstSeq: 2,
      brokenAt: { seq: 2, reason: 'seq_gap' },
    });
  });

  test('a forged first entry pointing anywhere but the genesis hash', async () => {
    const entries = await chain(2);
    const first = entries[0] as AuditEntry;
    first.prevHash = 'f'.repeat(64);
    expect(verify(entries).brokenAt).toEqual({ seq: 1, reason: 'prev_hash_mismatch' });
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  test('two entries swapped with their seq numbers: caught at the first of the pair', async () => {
    const entries = await chain(4);
    const swapped = [entries[0], entries[2], entries[1], entries[3]] as AuditEntry[];
    swapped.forEach((e, i) => (e.seq = i + 1));
    expect(verify(swapped).brokenAt).toEqual({ seq: 2, reason: 'prev_hash_mismatch' });
  });

  test('an empty chain verifies with no range', () => {
    expect(verify([])).toEqual({
      verified: true,
      entries: 0,
      firstSeq: null,
      lastSeq: null,
      lastHash: null,
    });
  });
});

describe('audit:verify report lines', () => {
  test('a title cannot smuggle control or bidi characters into the operator’s terminal', () => {
    const line = reportLine(
      { id: 'room-1', title: 'Cut\u001b[2Jover\tnight\u202e' },
      { verified: true, entries: 1, firstSeq: 1, lastSeq: 1, lastHash: 'a'.repeat(64) },
    );
    expect(line).toBe('room-1\tCut [2Jover night \t1 entry\tseq 1-1\tOK');
  });

  test('an empty chain has no seq range; a broken one says where and why', () => {
    const room = { id: 'room-2', title: 'Weekend' };
    expect(
      reportLine(room, {
        verified: true,
        entries: 0,
        firstSeq: null,
        lastSeq: null,
        lastHash: null,
      }),
    ).toBe('room-2\tWeekend\t0 entries\tseq none\tOK');
    expect(
      reportLine(room, {
        verified: false,
        entries: 9,
        firstSeq: 1,
        lastSeq: 9,
        lastHash: 'b'.repeat(64),
        brokenAt: { seq: 4, reason: 'prev_hash_mismatch' },
      }),
    ).toBe('room-2\tWeekend\t9 entries\tseq 1-9\tBROKEN at seq 4: prev-hash mismatch');
  });
});
