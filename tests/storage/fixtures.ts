import { createHash, randomUUID } from 'node:crypto';
import { GENESIS_HASH, type AuditEntry } from '../../shared/domain/audit';
import type { Incident, IncidentNote } from '../../shared/domain/incident';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { Storage } from '../../bot/storage/types';

/** A fixed Saturday of a cutover weekend, plus `minutes`. */
export const at = (minutes = 0): string =>
  new Date(Date.UTC(2025, 5, 14, 8, 0) + minutes * 60_000).toISOString();

/** Unique per call, so cases share one database without seeing each other's rows. */
export const newTenant = (): string => `tenant-${randomUUID()}`;

export function warRoom(tenantId: string, overrides: Partial<WarRoom> = {}): WarRoom {
  const id = randomUUID();
  return {
    id,
    tenantId,
    teamId: `team-${id}`,
    channelId: `19:${id}@thread.tacv2`,
    conversationId: `19:${id}@thread.tacv2`,
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    title: 'Mailbox cutover weekend',
    timeZone: 'Europe/Copenhagen',
    language: 'en',
    phase: 'cutover',
    createdById: 'user-lead',
    createdByName: 'Mette Lead',
    createdAt: at(),
    updatedAt: at(),
    version: 1,
    ...overrides,
  };
}

export function incident(
  room: WarRoom,
  number: number,
  overrides: Partial<Incident> = {},
): Incident {
  return {
    id: randomUUID(),
    tenantId: room.tenantId,
    warRoomId: room.id,
    number,
    title: `Licences not assigned (${number})`,
    severity: 'sev2',
    status: 'open',
    reporterId: 'user-engineer',
    reporterName: 'Jonas Engineer',
    owner: null,
    createdAt: at(number),
    updatedAt: at(number),
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    version: 1,
    cardActivityId: null,
    ...overrides,
  };
}

/** A note on `on`, written by the engineer who reported it. */
export function note(on: Incident, text: string): IncidentNote {
  return {
    id: randomUUID(),
    tenantId: on.tenantId,
    warRoomId: on.warRoomId,
    incidentId: on.id,
    authorId: 'user-engineer',
    authorName: 'Jonas Engineer',
    text,
    at: at(30),
  };
}

/** The entry that follows `head` in a war room's chain (hash: enough to link, not the real one). */
export function nextAudit(
  room: WarRoom,
  head: { seq: number; hash: string } | undefined,
  overrides: Partial<AuditEntry> = {},
): AuditEntry {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  return {
    tenantId: room.tenantId,
    warRoomId: room.id,
    seq,
    at: at(seq),
    actorId: 'user-lead',
    actorName: 'Mette Lead',
    action: 'incident.logged',
    subject: `warroom:${room.id}`,
    before: null,
    after: { seq },
    prevHash,
    hash: createHash('sha256').update(`${prevHash}:${seq}`).digest('hex'),
    ...overrides,
  };
}

class ClaimedBefore extends Error {}

/** Claims an activity in a transaction of its own: true, or false if it was claimed before. */
export function claimActivity(
  storage: Storage,
  conversationId: string,
  activityId: string,
  at: string,
): Promise<boolean> {
  return storage
    .transaction((tx) => tx.inbox.claim(conversationId, activityId, at, () => new ClaimedBefore()))
    .then(
      () => true,
      (e: unknown) => (e instanceof ClaimedBefore ? false : Promise.reject(e)),
    );
}
