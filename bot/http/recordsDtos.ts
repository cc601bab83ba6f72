import type { ActionRecordDto } from '../../shared/api/actions';
import type { DecisionRecordDto } from '../../shared/api/decisions';
import type { IncidentRecordDto } from '../../shared/api/incidents';
import type { HistoryEntryDto } from '../../shared/api/timeline';
import { actionRef, isOverdue, type Action } from '../../shared/domain/action';
import type { Actor } from '../../shared/domain/actor';
import type { AuditEntry } from '../../shared/domain/audit';
import { decisionRef, isApprover, type Decision } from '../../shared/domain/decision';
import { incidentRef, type Incident } from '../../shared/domain/incident';

/** What the records panels of the tab read: refs and words, never hashes or whole entries. */

export const incidentRecordDto = (i: Incident): IncidentRecordDto => ({
  id: i.id,
  ref: incidentRef(i.number),
  number: i.number,
  title: i.title,
  severity: i.severity,
  status: i.status,
  reporterName: i.reporterName,
  ownerName: i.owner?.name ?? null,
  ownerAadObjectId: i.owner?.aadObjectId ?? null,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
  acknowledgedAt: i.acknowledgedAt,
  mitigatedAt: i.mitigatedAt,
  resolvedAt: i.resolvedAt,
  version: i.version,
});

export const decisionRecordDto = (d: Decision, viewer: Actor): DecisionRecordDto => ({
  id: d.id,
  ref: decisionRef(d.number),
  kind: d.kind,
  question: d.question,
  rule: d.rule,
  status: d.status,
  approvers: d.approvers.map((a) => ({ name: a.name })),
  deadline: d.deadline,
  requesterName: d.requesterName,
  createdAt: d.createdAt,
  decidedAt: d.decidedAt,
  responses: d.responses.map((r) => ({
    approverName: r.approver.name,
    verdict: r.verdict,
    comment: r.comment,
    at: r.at,
  })),
  version: d.version,
  mayAnswer:
    d.status === 'pending' &&
    d.approvers.some((a) => isApprover(a, viewer)) &&
    !d.responses.some((r) => isApprover(r.approver, viewer)),
});

export const actionRecordDto = (a: Action, now: string): ActionRecordDto => ({
  id: a.id,
  ref: actionRef(a.number),
  title: a.title,
  ownerName: a.owner.name,
  ownerAadObjectId: a.owner.aadObjectId ?? null,
  due: a.due,
  status: a.status,
  overdue: isOverdue(a, now),
  createdByName: a.createdByName,
  createdAt: a.createdAt,
  doneAt: a.doneAt,
  followUpRef: a.followUpOf?.ref ?? null,
  version: a.version,
});

const REFS: Record<string, (n: number) => string> = {
  incident: incidentRef,
  decision: decisionRef,
  action: actionRef,
};

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** An audit entry as a line of a history: the facts a person reads, from its `after`. */
export function historyEntryDto(e: AuditEntry): HistoryEntryDto {
  const after = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>;
  const refOf = REFS[e.subject.split(':')[0] ?? ''];
  const number = typeof after.number === 'number' ? after.number : null;
  const responses = Array.isArray(after.responses) ? after.responses : [];
  const answer = (e.action === 'decision.answered' ? responses.at(-1) : undefined) as
    Record<string, unknown> | undefined;
  const note = after.note as Record<string, unknown> | undefined;
  return {
    seq: e.seq,
    at: e.at,
    actorName: e.actorName,
    action: e.action,
    ref: refOf && number !== null ? refOf(number) : null,
    title: text(after.title) ?? text(after.question),
    status: text(after.status),
    severity: text(after.severity),
    verdict: text(answer?.verdict),
    text: text(note?.text) ?? text(answer?.comment),
  };
}
