import type { Action, ActionStatus } from '../../../shared/domain/action';
import {
  MAX_APPROVERS,
  type Decision,
  type DecisionKind,
  type DecisionResponse,
  type DecisionStatus,
} from '../../../shared/domain/decision';
import {
  NOTE_MAX,
  type Incident,
  type IncidentNote,
  type IncidentStatus,
  type Severity,
} from '../../../shared/domain/incident';
import type { Person } from '../../../shared/domain/person';
import { TITLE_MAX } from '../../../shared/domain/warRoom';

/**
 * The largest content each card can be given, at the limits the bot enforces: titles and
 * questions of TITLE_MAX (shared/domain/title.ts), names of 256 (what bot/teams keeps of a
 * display name), comments of 1000 (the answer schema), 60 approvers (MAX_APPROVERS). The
 * text mixes in quotes, which JSON escapes: the measured size is that of the JSON.
 */
export const NAME_MAX = 256;
export const COMMENT_MAX = 1000;

/** `n` characters of one line, no leading or trailing space (as singleLine leaves them). */
export function filler(n: number, seed = ''): string {
  const text = (seed + 'Sørensen "Ærø" Øresund façade '.repeat(Math.ceil(n / 30) + 1)).slice(0, n);
  return `${text.slice(0, n - 1)}x`;
}

export const LONG_NAME = filler(NAME_MAX);
const TENANT = '9b1e6c2a-0000-4000-8000-000000000001';
const WAR_ROOM = '7d2f4e61-0000-4000-8000-000000000002';
const uuid = (n: number) => `3f0c9a52-5d8e-4b7a-9c61-${n.toString(16).padStart(12, '0')}`;
const AT = '2026-10-24T20:15:00.000Z';

export function person(i: number): Person {
  const aadObjectId = uuid(1000 + i);
  return { id: `29:1${aadObjectId}`, aadObjectId, name: filler(NAME_MAX, `${i} `) };
}

export function longIncident(severity: Severity, status: IncidentStatus): Incident {
  return {
    id: uuid(1),
    tenantId: TENANT,
    warRoomId: WAR_ROOM,
    number: 999_999,
    title: filler(TITLE_MAX),
    severity,
    status,
    reporterId: uuid(2),
    reporterName: LONG_NAME,
    owner: person(0),
    createdAt: AT,
    updatedAt: '2026-10-25T01:59:00.000Z',
    acknowledgedAt: AT,
    mitigatedAt: status === 'mitigated' || status === 'resolved' ? AT : null,
    resolvedAt: status === 'resolved' ? AT : null,
    version: 999_999,
    cardActivityId: '1:reply-1',
  };
}

export function longAction(n: number, status: ActionStatus): Action {
  return {
    id: uuid(10_000 + n),
    tenantId: TENANT,
    warRoomId: WAR_ROOM,
    number: 999_000 + n,
    title: filler(TITLE_MAX, `${n} `),
    owner: person(n),
    due: '2026-10-25T02:30:00.000Z',
    status,
    origin: { kind: 'decision', id: uuid(3) },
    followUpOf: { kind: 'decision', id: uuid(3), ref: 'DEC-999999' },
    createdById: uuid(4),
    createdByName: LONG_NAME,
    createdAt: AT,
    updatedAt: AT,
    doneAt: status === 'done' ? AT : null,
    remindedAt: AT,
    version: 999_999,
  };
}

export interface Shape {
  kind: DecisionKind;
  status: DecisionStatus;
}

/**
 * A request of 60 approvers under `all` carrying as many answers as its state allows, each
 * with a full comment (the first one recorded by the lead on the approver's behalf):
 * pending, expired and withdrawn hold 59 approvals; approved holds 60; rejected holds 59
 * approvals and a reject.
 */
export function longDecision({ kind, status }: Shape): Decision {
  const approvers = Array.from({ length: MAX_APPROVERS }, (_, i) => person(i + 1));
  const answered = status === 'approved' || status === 'rejected' ? approvers : approvers.slice(1);
  const responses: DecisionResponse[] = answered.map((approver, i) => ({
    approver,
    verdict: status === 'rejected' && i === answered.length - 1 ? 'reject' : 'approve',
    comment: filler(COMMENT_MAX, `${i} `),
    at: AT,
    ...(i === 0 ? { recordedBy: { id: uuid(4), name: LONG_NAME, how: filler(TITLE_MAX) } } : {}),
  }));
  return {
    id: uuid(5),
    tenantId: TENANT,
    warRoomId: WAR_ROOM,
    number: 999_999,
    kind,
    question: filler(TITLE_MAX),
    rule: 'all',
    approvers,
    backup: person(MAX_APPROVERS + 1),
    deadline: '2026-10-25T02:30:00.000Z',
    status,
    responses,
    requesterId: uuid(4),
    requesterName: LONG_NAME,
    createdAt: AT,
    updatedAt: AT,
    decidedAt: status === 'pending' ? null : AT,
    version: 999_999,
  };
}

/** The notes an incident card shows, each as long as a note may be. */
export function longNotes(): IncidentNote[] {
  return Array.from({ length: 50 }, (_, i) => ({
    id: uuid(20_000 + i),
    tenantId: TENANT,
    warRoomId: WAR_ROOM,
    incidentId: uuid(1),
    authorId: uuid(5),
    authorName: LONG_NAME,
    text: filler(NOTE_MAX, `${i} `),
    at: AT,
  }));
}
