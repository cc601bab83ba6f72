import { invalid } from './errors';
import type { Person } from './person';

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Where an action came from: a meeting (typed), or a follow-up of an incident or decision. */
export type ActionOrigin = { kind: 'meeting' } | { kind: 'incident' | 'decision'; id: string };

export const FOLLOW_UP_KINDS = ['incident', 'decision'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** The incident or decision an action follows up, with its ref as the card shows it. */
export interface FollowUpOf {
  kind: FollowUpKind;
  id: string;
  /** `INC-4`, `DEC-2`: set by the server from the record, never taken from a card. */
  ref: string;
}

export interface Action {
  id: string;
  tenantId: string;
  warRoomId: string;
  /** The `n` of `ACT-n`, per war room. */
  number: number;
  title: string;
  owner: Person;
  due: string | null;
  status: ActionStatus;
  origin: ActionOrigin;
  createdById: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
  /** When the owner was reminded that it is overdue (once per owner). */
  remindedAt: string | null;
  version: number;
  /** The incident or decision this action follows up, if any. */
  followUpOf: FollowUpOf | null;
}

export const actionRef = (n: number) => `ACT-${n}`;

/** Open → done or cancelled; a closed action can be reopened. */
const MOVES: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ['done', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

export function assertActionMove(from: ActionStatus, to: ActionStatus): void {
  if (!MOVES[from].includes(to)) {
    // `<x>Key` parameters name a message: the reader sees the statuses in their own words.
    throw invalid('action.moveNotAllowed', {
      fromKey: `action.status.${from}`,
      toKey: `action.status.${to}`,
    });
  }
}

/**
 * Overdue: open, with a due time that has come. Its reminder job runs at exactly that
 * instant at the earliest; a strict `<` would let a punctual run find nothing to remind.
 */
export const isOverdue = (a: Action, now: string) =>
  a.status === 'open' && a.due !== null && a.due <= now;

/** The caller's open actions first, then by due time (none last), then by number. */
export function byRelevance(viewer: { userId: string; teamsUserId?: string }) {
  const mine = (a: Action) =>
    a.owner.aadObjectId === viewer.userId ||
    (viewer.teamsUserId !== undefined && a.owner.id === viewer.teamsUserId);
  return (a: Action, b: Action) =>
    Number(mine(b)) - Number(mine(a)) ||
    (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff') ||
    a.number - b.number;
}
