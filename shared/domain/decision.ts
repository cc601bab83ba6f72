import { conflict, forbidden, invalid } from './errors';
import type { Person } from './person';

/** An approval, or a go/no-go checkpoint (same rules; the verdict words differ). */
export const DECISION_KINDS = ['approval', 'goNoGo'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** `any`: the first answer decides. `all`: every approver must approve; one reject rejects. */
export const DECISION_RULES = ['any', 'all'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export const DECISION_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'withdrawn',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const VERDICTS = ['approve', 'reject'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Teams shows at most 60 user-specific views of a card (`refresh.userIds`). */
export const MAX_APPROVERS = 60;

/** Who answered a decision request, and, when the lead wrote it down for them, who did. */
export interface DecisionResponse {
  approver: Person;
  verdict: Verdict;
  comment: string;
  at: string;
  /** Set when the lead recorded the verdict on the approver's behalf (e.g. given by phone). */
  recordedBy?: { id: string; name: string; how: string };
}

export interface Decision {
  id: string;
  tenantId: string;
  warRoomId: string;
  /** The `n` of `DEC-n`, per war room. */
  number: number;
  kind: DecisionKind;
  question: string;
  rule: DecisionRule;
  approvers: Person[];
  /** Who is asked when the deadline passes undecided (else the lead). */
  backup: Person | null;
  deadline: string | null;
  status: DecisionStatus;
  responses: DecisionResponse[];
  requesterId: string;
  requesterName: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  version: number;
}

export const decisionRef = (n: number) => `DEC-${n}`;

/** Parses `DEC-3`, `dec 3`, `#3` or `3` into 3. */
export function parseDecisionRef(text: string): number | undefined {
  const m = /^\s*(?:dec[-\s]?|#)?(\d{1,9})\s*$/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Someone acting, as a decision sees them: their Entra object id and Teams user id. */
export interface Responder {
  userId: string;
  teamsUserId?: string;
  name: string;
}

/** True when `who` is the named `approver` (matched on either id, never on a name). */
export function isApprover(approver: Person, who: Responder): boolean {
  return (
    (who.teamsUserId !== undefined && approver.id === who.teamsUserId) ||
    (approver.aadObjectId !== undefined && approver.aadObjectId === who.userId)
  );
}

/** Checks a new request: a question, named approvers (each once, at most 60). */
export function validateRequest(question: string, approvers: readonly Person[]): Person[] {
  if (!question.trim()) throw invalid('decision.questionRequired');
  const unique = approvers.filter((p, i) => approvers.findIndex((q) => q.id === p.id) === i);
  if (unique.length === 0) throw invalid('decision.approversRequired');
  if (unique.length > MAX_APPROVERS)
    throw invalid('decision.tooManyApprovers', { max: MAX_APPROVERS });
  return unique;
}

/** The status a set of responses leads to under a rule (pending until it is decided). */
export function outcome(
  rule: DecisionRule,
  approvers: readonly Person[],
  responses: readonly DecisionResponse[],
): DecisionStatus {
  if (responses.length === 0) return 'pending';
  if (rule === 'any') return responses[0]!.verdict === 'approve' ? 'approved' : 'rejected';
  if (responses.some((r) => r.verdict === 'reject')) return 'rejected';
  const approved = new Set(responses.map((r) => r.approver.id));
  return approvers.every((a) => approved.has(a.id)) ? 'approved' : 'pending';
}

/**
 * An approver's answer. Refused when the decision is no longer pending ("already decided
 * by X at T" — final once made), when `who` is not a named approver, or when they already
 * answered. Returns the decision as it now stands.
 */
export function respond(
  decision: Decision,
  who: Responder,
  answer: {
    verdict: Verdict;
    comment: string;
    at: string;
    recordedBy?: DecisionResponse['recordedBy'];
  },
): Decision {
  if (decision.status !== 'pending') throw alreadyOver(decision);
  const approver = decision.approvers.find((a) => isApprover(a, who));
  if (!approver) throw forbidden('decision.notApprover', { ref: decisionRef(decision.number) });
  if (decision.responses.some((r) => r.approver.id === approver.id)) {
    throw conflict('decision.alreadyAnswered', { ref: decisionRef(decision.number) });
  }
  const responses = [
    ...decision.responses,
    {
      approver,
      verdict: answer.verdict,
      comment: answer.comment.trim(),
      at: answer.at,
      ...(answer.recordedBy ? { recordedBy: answer.recordedBy } : {}),
    },
  ];
  const status = outcome(decision.rule, decision.approvers, responses);
  return {
    ...decision,
    responses,
    status,
    updatedAt: answer.at,
    decidedAt: status === 'pending' ? null : answer.at,
    version: decision.version + 1,
  };
}

/** A pending request ends without a verdict: the requester withdrew it, or time ran out. */
export function close(decision: Decision, status: 'withdrawn' | 'expired', at: string): Decision {
  if (decision.status !== 'pending') throw alreadyOver(decision);
  return { ...decision, status, updatedAt: at, decidedAt: at, version: decision.version + 1 };
}

/**
 * Why a decision that is over takes no more answers: decided by someone at a time, or
 * withdrawn or expired at a time. Final once made.
 */
function alreadyOver(decision: Decision) {
  const ref = decisionRef(decision.number);
  const statusKey = `decision.status.${decision.status}`;
  const at = decision.decidedAt ?? decision.updatedAt;
  const last = decision.responses.at(-1);
  return (decision.status === 'approved' || decision.status === 'rejected') && last
    ? conflict('decision.alreadyDecided', { ref, statusKey, by: last.approver.name, at })
    : conflict('decision.alreadyClosed', { ref, statusKey, at });
}
