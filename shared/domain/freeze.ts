import type { MigrationStatus } from '../migration/status';

/** Which mailboxes a freeze window holds still: a tag, a batch, or named identities. */
export type FreezeTarget =
  | { kind: 'tag'; value: string }
  | { kind: 'batch'; value: string }
  | { kind: 'identities'; values: string[] };

export const FREEZE_STATUSES = ['active', 'released'] as const;
export type FreezeStatus = (typeof FREEZE_STATUSES)[number];

/**
 * A time during which some mailboxes must not move (the lab-results mailboxes until the
 * Sunday 06:00 feed switch-over). Times are instants (UTC); they are read and shown in the
 * war room's zone, so a window across a daylight-saving change is exactly as long as the
 * clocks on the wall say.
 */
export interface FreezeWindow {
  id: string;
  tenantId: string;
  warRoomId: string;
  /** Per war room: the `n` of `FRZ-n`. */
  number: number;
  target: FreezeTarget;
  from: string;
  to: string;
  reason: string;
  status: FreezeStatus;
  createdById: string;
  createdByName: string;
  createdAt: string;
  releasedAt: string | null;
  /** The go/no-go that may release it early (Go releases it, No-go keeps it). */
  releaseDecisionId: string | null;
  version: number;
}

export const freezeRef = (n: number) => `FRZ-${n}`;

/** Parses `FRZ-2`, `frz 2`, `#2` or `2` into 2. */
export function parseFreezeRef(text: string): number | undefined {
  const m = /^\s*(?:frz[-\s]?|#)?(\d{1,9})\s*$/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** What a freeze needs to know of a mailbox. */
export interface FrozenCandidate {
  identity: string;
  batch: string | null;
  tags: readonly string[];
}

export function holds(target: FreezeTarget, item: FrozenCandidate): boolean {
  switch (target.kind) {
    case 'tag':
      return item.tags.some((t) => t.toLowerCase() === target.value);
    case 'batch':
      return item.batch !== null && item.batch.toLowerCase() === target.value.toLowerCase();
    case 'identities':
      return target.values.includes(item.identity.toLowerCase());
  }
}

/** In force at `at`: not released, and `from ≤ at < to`. */
export function inForce(window: FreezeWindow, at: string): boolean {
  const t = Date.parse(at);
  return window.status === 'active' && Date.parse(window.from) <= t && t < Date.parse(window.to);
}

/** Statuses in which a mailbox is being moved (or has been). */
const MOVING: ReadonlySet<MigrationStatus> = new Set(['inProgress', 'synced', 'completed']);

/** A mailbox as two imports saw it. */
export interface ItemChange {
  before: { status: MigrationStatus; itemsSynced: number | null } | undefined;
  after: { status: MigrationStatus; itemsSynced: number | null };
}

/**
 * True when an import seen at a time inside a window in force shows a held mailbox started
 * or progressing: it entered a moving status, or synced more items while moving. A mailbox
 * already moving that did not move further is not a new violation.
 */
export function movedWhileFrozen({ before, after }: ItemChange): boolean {
  if (!MOVING.has(after.status)) return false;
  if (!before || before.status !== after.status) return true;
  return (after.itemsSynced ?? 0) > (before.itemsSynced ?? 0);
}
