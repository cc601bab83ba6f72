/**
 * A key a script uses to push migration status into one war room. Only its SHA-256 is
 * stored (docs/decisions/016-migration-imports.md); the key itself is shown once.
 */
export interface ApiKey {
  id: string;
  tenantId: string;
  warRoomId: string;
  /** What the lead called it (`cutover-script on jump host`): shown as the actor of imports. */
  name: string;
  /** SHA-256 (hex) of the whole key. */
  keyHash: string;
  createdById: string;
  createdByName: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const API_KEY_NAME_MAX = 100;
