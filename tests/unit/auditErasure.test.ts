import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportLine } from '../../bot/http/auditApi';
import { ChainVerifier } from '../../bot/services/auditChain';
import { appendAudit } from '../../bot/services/auditTrail';
import { eraseEntry } from '../../bot/services/privacy';
import type { AuditRepo, Tx } from '../../bot/storage/types';
import type { AuditEntry } from '../../shared/domain/audit';

const VERIFIER = path.resolve(__dirname, '../../scripts/verify-audit-export.mjs');
const IDS = new Set(['aad-petra', '29:petra']);
const PSEUDONYM = { id: 'erased-0a1b2c', name: '[erased 0a1b2c]' };

/** Five entries by Petra and Olaf, as appendAudit writes them (hash scheme 2). */
async function chain(): Promise<AuditEntry[]> {
  const stored: AuditEntry[] = [];
  const audit = {
    head: async () => stored.at(-1),
    append: async (e: AuditEntry) => void stored.push(e),
  } as Partial<AuditRepo> as AuditRepo;
  const tx = { audit } as Partial<Tx> as Tx;
  for (let n = 1; n <= 5; n++) {
    const petra = n % 2 === 1;
    await appendAudit(tx, {
      tenantId: 'tenant-1',
      warRoomId: 'room-1',
      at: `2026-10-24T20:0${n}:00.000Z`,
      actorId: petra ? 'aad-petra' : 'aad-olaf',
      actorName: petra ? 'Petra Person' : 'Olaf Other',
      action: 'incident.owner_set',
      subject: `incident:${n}`,
      before: null,
      after: {
        owner: { id: '29:petra', name: 'Petra Person' },
        reporterId: 'aad-olaf',
        reporterName: 'Olaf Other',
      },
    });
  }
  return JSON.parse(JSON.stringify(stored)) as AuditEntry[];
}

const erase = (entries: AuditEntry[]) =>
  entries.map((e) => eraseEntry(e, IDS, PSEUDONYM, '2026-10-27T00:00:00.000Z'));
const erased = async () => erase(await chain());

const verify = (entries: AuditEntry[]) => {
  const v = new ChainVerifier();
  entries.forEach((e) => v.add(e));
  return v.report();
};

/** The standalone verifier on these entries as an export file. */
function script(entries: AuditEntry[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-erasure-'));
  const file = path.join(dir, 'a.jsonl');
  fs.writeFileSync(file, entries.map(exportLine).join(''));
  try {
    return execFileSync(process.execPath, [VERIFIER, file], { encoding: 'utf8' }).trim();
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e).trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('erasure under hash scheme 2', () => {
  test('the erased chain keeps its hashes and verifies, in the app and in the script', async () => {
    const original = await chain();
    const entries = erase(original);
    expect(entries.map((e) => e.hash)).toEqual(original.map((e) => e.hash));
    const text = JSON.stringify(entries);
    expect(text).not.toContain('Petra Person');
    expect(text).not.toContain('aad-petra');
    expect(text).toContain('Olaf Other');
    expect(entries[0]).toMatchObject({ actorId: PSEUDONYM.id, actorName: PSEUDONYM.name });
    expect(verify(entries)).toMatchObject({ verified: true, entries: 5 });
    expect(script(entries)).toMatch(
      /^OK: 5 entries, seq 1-5, war room room-1, last hash [0-9a-f]{64}$/,
    );
  });

  test('after erasure: a changed field, a removed and a reordered entry still break it', async () => {
    const changed = await erased();
    (changed[1] as AuditEntry).actorName = 'Olaf Othe';
    expect(verify(changed).brokenAt).toEqual({ seq: 2, reason: 'hash_mismatch' });
    expect(script(changed)).toBe('BROKEN: line 2 (seq 2): hash mismatch');

    const subject = await erased();
    (subject[0] as AuditEntry).subject = 'incident:9';
    expect(verify(subject).brokenAt).toEqual({ seq: 1, reason: 'hash_mismatch' });

    const entries = await erased();
    expect(verify([...entries.slice(0, 2), ...entries.slice(3)]).brokenAt).toEqual({
      seq: 4,
      reason: 'seq_gap',
    });
    const swapped = [entries[0], entries[2], entries[1], ...entries.slice(3)] as AuditEntry[];
    expect(verify(swapped).brokenAt).toEqual({ seq: 3, reason: 'seq_gap' });
    expect(script(swapped)).toBe('BROKEN: line 2 (seq 3): gap in seq (expected 2)');
  });

  test('a committed value changed before erasure breaks the entry; a stripped seal too', async () => {
    const entries = await chain();
    (entries[2] as AuditEntry).actorName = 'Petra Persson';
    expect(verify(entries).brokenAt).toEqual({ seq: 3, reason: 'hash_mismatch' });

    const stripped = await chain();
    delete (stripped[0] as AuditEntry).personal;
    expect(verify(stripped).brokenAt).toEqual({ seq: 1, reason: 'hash_mismatch' });
    expect(script(stripped)).toBe('BROKEN: line 1 (seq 1): hash mismatch');
  });
});
