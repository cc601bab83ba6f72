import { GENESIS_HASH, type AuditEntry, type NewAuditEntry } from '../../shared/domain/audit';
import type { Tx } from '../storage/types';
import { ChainVerifier } from './auditChain';
import { hashEntry } from './auditHash';
import { sealPersonal } from './auditSeal';

export { hashEntry } from './auditHash';

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
  // Personal fields are committed one by one, so they can be erased later (decision 022).
  const sealed = { ...body, personal: sealPersonal(body) };
  const full: AuditEntry = { ...sealed, hash: hashEntry(sealed) };
  await tx.audit.append(full);
  return full;
}

/** Index of the first entry that breaks the chain, or -1 when it is intact. */
export function findChainBreak(entries: AuditEntry[]): number {
  const verifier = new ChainVerifier();
  return entries.findIndex((e) => verifier.add(e) !== undefined);
}
