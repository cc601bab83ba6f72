import { createHash } from 'node:crypto';
import { GENESIS_HASH, type AuditEntry, type NewAuditEntry } from '../../shared/domain/audit';
import type { Tx } from '../storage/types';

/** JSON with object keys sorted, so the same entry always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonical(entry)).digest('hex');
}

/**
 * Appends to the war room's chain inside the caller's transaction: the entry commits
 * with the change it describes, or not at all.
 */
export async function appendAudit(tx: Tx, entry: NewAuditEntry): Promise<AuditEntry> {
  const head = await tx.audit.head(entry.tenantId, entry.warRoomId);
  const body = {
    ...entry,
    // Round-trip so what we hash is exactly what a JSON column gives back.
    before: JSON.parse(JSON.stringify(entry.before ?? null)) as unknown,
    after: JSON.parse(JSON.stringify(entry.after ?? null)) as unknown,
    seq: (head?.seq ?? 0) + 1,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const full: AuditEntry = { ...body, hash: hashEntry(body) };
  await tx.audit.append(full);
  return full;
}

/** Index of the first entry that breaks the chain, or -1 when it is intact. */
export function findChainBreak(entries: AuditEntry[]): number {
  let prev = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    const { hash, ...rest } = e;
    if (e.seq !== i + 1 || e.prevHash !== prev || hashEntry(rest) !== hash) return i;
    prev = hash;
  }
  return -1;
}
