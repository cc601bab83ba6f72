import { actionRef, type Action } from '../../shared/domain/action';
import { decisionRef, type Decision } from '../../shared/domain/decision';
import { freezeRef, type FreezeWindow } from '../../shared/domain/freeze';
import { incidentRef, type Incident } from '../../shared/domain/incident';
import type { MigrationItem } from '../../shared/domain/migration';
import { elapsedMs } from '../../shared/report/durations';
import type {
  ActionRow,
  DecisionRow,
  FailureRow,
  FreezeRow,
  IncidentRow,
  ViolationRow,
} from '../../shared/report/model';
import type { FreezeViolation } from '../storage/types';

/**
 * The report's rows of a war room's records: pure mappings, durations from the stored
 * transition times (docs/decisions/021).
 */

export function decisionRow(d: Decision): DecisionRow {
  const answered = d.status === 'approved' || d.status === 'rejected';
  return {
    ref: decisionRef(d.number),
    kind: d.kind,
    question: d.question,
    approvers: d.approvers.map((a) => a.name),
    requesterName: d.requesterName,
    status: d.status,
    askedAt: d.createdAt,
    deadline: d.deadline,
    decidedAt: d.decidedAt,
    // Time to answer: asked → the answer that decided it. Withdrawn or expired requests
    // were not answered; their end is in `decidedAt`, not a time to answer.
    timeToAnswerMs: answered ? elapsedMs(d.createdAt, d.decidedAt) : null,
    answers: d.responses.map((r) => ({
      approverName: r.approver.name,
      verdict: r.verdict,
      comment: r.comment,
      at: r.at,
      recordedBy: r.recordedBy ? `${r.recordedBy.name} (${r.recordedBy.how})` : null,
    })),
  };
}

export function incidentRow(i: Incident): IncidentRow {
  return {
    ref: incidentRef(i.number),
    title: i.title,
    severity: i.severity,
    status: i.status,
    reporterName: i.reporterName,
    ownerName: i.owner?.name ?? null,
    openedAt: i.createdAt,
    acknowledgedAt: i.acknowledgedAt,
    mitigatedAt: i.mitigatedAt,
    resolvedAt: i.resolvedAt,
    // Each from the opening: the stored times are the first entry into each status, so a
    // reopened incident keeps its first resolution time (decision 021).
    timeToAcknowledgeMs: elapsedMs(i.createdAt, i.acknowledgedAt),
    timeToMitigateMs: elapsedMs(i.createdAt, i.mitigatedAt),
    timeToResolveMs: elapsedMs(i.createdAt, i.resolvedAt),
  };
}

export function actionRow(a: Action): ActionRow {
  return {
    ref: actionRef(a.number),
    title: a.title,
    ownerName: a.owner.name,
    due: a.due,
    status: a.status,
    doneAt: a.doneAt,
    followUpOf: a.followUpOf?.ref ?? null,
    late: a.status === 'done' && a.due !== null && a.doneAt !== null ? a.doneAt > a.due : null,
  };
}

export function freezeRow(w: FreezeWindow, violations: readonly FreezeViolation[]): FreezeRow {
  return {
    ref: freezeRef(w.number),
    target: w.target,
    from: w.from,
    to: w.to,
    reason: w.reason,
    status: w.status,
    releasedAt: w.releasedAt,
    createdByName: w.createdByName,
    violations: new Set(violations.filter((v) => v.freezeId === w.id).map((v) => v.identity)).size,
  };
}

export function violationRow(
  v: FreezeViolation,
  windows: ReadonlyMap<string, FreezeWindow>,
  incidentRefOf: (id: string | null) => string | null,
): ViolationRow {
  const w = windows.get(v.freezeId);
  return {
    freezeRef: w ? freezeRef(w.number) : '',
    identity: v.identity,
    at: v.at,
    incidentRef: incidentRefOf(v.incidentId),
  };
}

/**
 * A mailbox that failed, and what became of it: still failed, completed later, or moved on
 * to another status; with the incident that names it (a failures incident's note, or the
 * freeze violation's), if any.
 */
export function failureRow(item: MigrationItem, incidentRef: string | null): FailureRow {
  return {
    identity: item.identity,
    batch: item.batch,
    status: item.status,
    outcome:
      item.status === 'failed'
        ? 'stillFailed'
        : item.status === 'completed'
          ? 'completed'
          : 'other',
    error: item.error,
    incidentRef,
    since: item.statusChangedAt,
  };
}
