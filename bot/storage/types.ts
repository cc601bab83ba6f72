import type { AuditEntry } from '../../shared/domain/audit';
import type { Incident } from '../../shared/domain/incident';
import type { WarRoom } from '../../shared/domain/warRoom';

/**
 * The storage port. Services see only this; SQL stays in the implementations beside it
 * (sqlite/, postgres/), which pass the same contract tests (tests/storage).
 *
 * Every read and write is scoped by tenant id: no method can reach another tenant's rows.
 */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction: everything it writes commits together, or nothing does
   * if it throws. Transactions never interleave on the same rows (SQLite serialises them;
   * PostgreSQL locks the war-room row for counters and the audit chain).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Rejects unless the database answers a trivial query (for health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Tx {
  readonly warRooms: WarRoomRepo;
  readonly incidents: IncidentRepo;
  readonly audit: AuditRepo;
  readonly inbox: InboxRepo;
}

export interface WarRoomRepo {
  /** Throws `StorageConflictError` if the channel already has a war room. */
  insert(warRoom: WarRoom): Promise<void>;
  findById(tenantId: string, id: string): Promise<WarRoom | undefined>;
  findByChannel(tenantId: string, channelId: string): Promise<WarRoom | undefined>;
  /** Newest first. */
  listByTenant(tenantId: string): Promise<WarRoom[]>;
  /**
   * Keeps the channel's service URL current (Teams may move a tenant to another one, and
   * proactive messages must use the latest). Returns true when it changed.
   */
  refreshServiceUrl(tenantId: string, channelId: string, serviceUrl: string): Promise<boolean>;
  /** Atomically takes the next number of a per-war-room sequence (1, 2, 3…). */
  nextNumber(tenantId: string, warRoomId: string, sequence: 'incident'): Promise<number>;
}

export interface IncidentRepo {
  insert(incident: Incident): Promise<void>;
  findById(tenantId: string, id: string): Promise<Incident | undefined>;
  findByNumber(tenantId: string, warRoomId: string, number: number): Promise<Incident | undefined>;
  /**
   * Writes `incident` if the stored version is still `expectedVersion`
   * (`incident.version` is the new one). Returns false when it was not: a stale update.
   * The card activity id is not written here (see setCardActivityId).
   */
  update(incident: Incident, expectedVersion: number): Promise<boolean>;
  /**
   * Records the Teams message that shows the incident's card. Touches only that column (and
   * not the version), so it can never overwrite or be overwritten by a status change.
   */
  setCardActivityId(tenantId: string, id: string, activityId: string): Promise<boolean>;
  /** Oldest first. */
  listByWarRoom(tenantId: string, warRoomId: string): Promise<Incident[]>;
}

export interface AuditRepo {
  /**
   * The newest entry of a war room's chain. Within a transaction this also takes the
   * chain's lock, so the append that follows cannot race another writer.
   */
  head(tenantId: string, warRoomId: string): Promise<{ seq: number; hash: string } | undefined>;
  append(entry: AuditEntry): Promise<void>;
  /** In chain order. */
  list(tenantId: string, warRoomId: string): Promise<AuditEntry[]>;
}

/** Remembers which inbound Bot Framework activities were handled (redelivery guard). */
export interface InboxRepo {
  /** Records the activity; returns false if it was recorded before. */
  claim(conversationId: string, activityId: string, at: string): Promise<boolean>;
  /**
   * Forgets claims received before `before` (Bot Framework redelivers within minutes, so
   * old claims only take space). Returns how many were removed.
   */
  prune(before: string): Promise<number>;
}

/** A uniqueness rule of the store was broken (e.g. a second war room in a channel). */
export class StorageConflictError extends Error {
  constructor(readonly constraint: string) {
    super(`storage conflict on ${constraint}`);
    this.name = 'StorageConflictError';
  }
}
