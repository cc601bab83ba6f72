/** One entry of the append-only, hash-chained audit log of a war room. */
export interface AuditEntry {
  tenantId: string;
  warRoomId: string;
  /** 1, 2, 3… within the war room; the chain order. */
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  /** e.g. `warroom.started`, `incident.logged`, `incident.status_changed`. */
  action: string;
  /** `warroom:<id>` or `incident:<id>`. */
  subject: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
  /**
   * How personal fields are committed (decision 022). Absent on entries of the first hash
   * scheme, which covers every field as it is.
   */
  personal?: AuditPersonal;
}

/** One personal field: its salt while the value is there, its commitment once erased. */
export type SealedField = { salt: string } | { commitment: string };

/**
 * Scheme 2: the personal fields by JSON pointer. `{scheme: 1, erasedAt}` marks an entry
 * of the first scheme whose personal values were replaced: its hash can no longer be
 * recomputed, only its place in the chain checked.
 */
export type AuditPersonal =
  { scheme: 2; fields: Record<string, SealedField> } | { scheme: 1; erasedAt: string };

/**
 * Every action the services write to the audit log. The live event stream names its
 * events after them, and a browser's EventSource hears only the event names it listens
 * for, so the tab listens for each of these: a new action must be added here to compile.
 */
export const AUDIT_ACTIONS = [
  'warroom.started',
  'role.assigned',
  'access.refused',
  'incident.logged',
  'incident.status_changed',
  'incident.owner_set',
  'incident.noted',
  'incident.severity_changed',
  'decision.requested',
  'decision.answered',
  'decision.withdrawn',
  'decision.escalated',
  'decision.expired',
  'action.created',
  'action.reassigned',
  'action.status_changed',
  'migration.imported',
  'migration.settings_saved',
  'apikey.created',
  'apikey.revoked',
  'freeze.created',
  'freeze.release_requested',
  'freeze.released',
  'audit.exported',
  'migration.tagged',
  'migration.untagged',
  'report.lessons_saved',
  'handover.posted',
  // GDPR duties (decision 022)
  'privacy.exported',
  'privacy.erased',
  'warroom.closed',
  'warroom.retention_set',
  'warroom.language_set',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a service appends; entries read back keep `action: string` (older logs may differ). */
export type NewAuditEntry = Omit<
  AuditEntry,
  'seq' | 'prevHash' | 'hash' | 'action' | 'personal'
> & {
  action: AuditAction;
};

/** Hash of the chain's start: the prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);
