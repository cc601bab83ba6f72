import type { ActionStatus } from '../domain/action';
import type { DecisionKind, DecisionStatus, Verdict } from '../domain/decision';
import type { FreezeStatus, FreezeTarget } from '../domain/freeze';
import type { IncidentStatus, Severity } from '../domain/incident';
import type { Phase } from '../domain/warRoom';
import type { MigrationStatus } from '../migration/status';

/**
 * The evaluation report of one war room as data: what bot/services/report.ts gathers and
 * the renderers beside this file (Markdown, HTML, CSV) turn into text. Instants are ISO
 * strings (UTC); durations are milliseconds of elapsed time (docs/decisions/021).
 */
export interface ReportModel {
  warRoom: { id: string; title: string; timeZone: string; phase: Phase; createdAt: string };
  generatedAt: string;
  timeline: TimelineRow[];
  decisions: DecisionRow[];
  incidents: IncidentRow[];
  actions: ActionRow[];
  batches: BatchRow[];
  failures: FailureRow[];
  freezes: FreezeRow[];
  violations: ViolationRow[];
  /** Completed and failed mailboxes after each import that changed something. */
  progress: ProgressPoint[];
  lessons: Lessons | null;
  chain: ChainSummary;
}

/** One line of the timeline: an audit entry, or a run of alike ones collapsed (`count` > 1). */
export interface TimelineRow {
  seq: number;
  /** The last seq of a collapsed run (= seq for one entry). */
  toSeq: number;
  at: string;
  actorName: string;
  action: string;
  /** `INC-4`, `DEC-2`, `ACT-1`, `FRZ-1`, or '' for the war room itself. */
  ref: string;
  /** What the entry is about, as people wrote it (a title, a question), or ''. */
  detail: string;
  /** A status move the entry records (status words are translated when rendered). */
  move: StatusMove | null;
  /** Mailboxes an import changed (for `migration.imported`). */
  changed: number | null;
  count: number;
}

export interface StatusMove {
  of: 'incident' | 'decision' | 'action' | 'freeze';
  from: string | null;
  to: string;
}

export interface DecisionRow {
  ref: string;
  kind: DecisionKind;
  question: string;
  approvers: string[];
  requesterName: string;
  status: DecisionStatus;
  askedAt: string;
  deadline: string | null;
  decidedAt: string | null;
  /** From asking to the decision (or its end); null while pending. */
  timeToAnswerMs: number | null;
  answers: {
    approverName: string;
    verdict: Verdict;
    comment: string;
    at: string;
    recordedBy: string | null;
  }[];
}

export interface IncidentRow {
  ref: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  reporterName: string;
  ownerName: string | null;
  openedAt: string;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  timeToAcknowledgeMs: number | null;
  timeToMitigateMs: number | null;
  timeToResolveMs: number | null;
}

export interface ActionRow {
  ref: string;
  title: string;
  ownerName: string;
  due: string | null;
  status: ActionStatus;
  doneAt: string | null;
  /** `INC-4` / `DEC-2` it follows up, or null (a meeting's). */
  followUpOf: string | null;
  /** Done after its due time (null: no due time, or not done). */
  late: boolean | null;
}

export interface BatchRow {
  batch: string | null;
  items: number;
  byStatus: Record<MigrationStatus, number>;
}

/** What became of a mailbox that failed. */
export type FailureOutcome = 'stillFailed' | 'completed' | 'other';

export interface FailureRow {
  identity: string;
  batch: string | null;
  status: MigrationStatus;
  outcome: FailureOutcome;
  error: string | null;
  /** The incident whose notes name this mailbox, if any. */
  incidentRef: string | null;
  since: string;
}

export interface FreezeRow {
  ref: string;
  target: FreezeTarget;
  from: string;
  to: string;
  reason: string;
  status: FreezeStatus;
  releasedAt: string | null;
  createdByName: string;
  violations: number;
}

export interface ViolationRow {
  freezeRef: string;
  identity: string;
  at: string;
  incidentRef: string | null;
}

export interface ProgressPoint {
  at: string;
  completed: number;
  failed: number;
}

export interface Lessons {
  text: string;
  byName: string;
  at: string;
}

/** Whether the audit chain verified, and over which entries. */
export interface ChainSummary {
  verified: boolean;
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  lastHash: string | null;
  brokenAtSeq: number | null;
}
