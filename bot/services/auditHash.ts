import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../shared/domain/audit';
import { canonical } from './canonicalJson';
import { sealedForm } from './auditSeal';

export { canonical } from './canonicalJson';

/**
 * SHA-256 (lowercase hex) of the canonical JSON of every field but `hash`: as they are for
 * entries of the first scheme, with personal fields committed for scheme 2 (auditSeal.ts).
 * Empty when the entry cannot be hashed (a committed field was removed, or its values were
 * erased under the first scheme): it then matches no hash.
 */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  if (entry.personal?.scheme === 1) return '';
  const covered = sealedForm(entry);
  if (!covered) return '';
  return createHash('sha256').update(canonical(covered)).digest('hex');
}
