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
}

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** Hash of the chain's start: the prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);
