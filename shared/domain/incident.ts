import { invalid } from './errors';
import type { Person } from './person';

/** Severities, most urgent first. */
export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'investigating', 'mitigated', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * The incident lifecycle as data: from each status, the statuses it may move to.
 * Skipping ahead is allowed (a quick fix goes straight to resolved); going back is
 * only the explicit reopen from resolved or mitigated.
 */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['investigating', 'mitigated', 'resolved'],
  investigating: ['mitigated', 'resolved'],
  mitigated: ['investigating', 'resolved'],
  resolved: ['investigating'],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}

/** Throws an `invalid` domain error when the lifecycle does not allow the move. */
export function assertTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (!canTransition(from, to)) {
    // `<x>Key` parameters name a message: the reader sees the status in their own words.
    throw invalid('incident.transitionNotAllowed', {
      fromKey: `status.${from}`,
      toKey: `status.${to}`,
    });
  }
}

/** Which timestamp a transition into `to` sets (first time only). */
export function timestampFieldFor(
  to: IncidentStatus,
): 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt' | undefined {
  switch (to) {
    case 'investigating':
      return 'acknowledgedAt';
    case 'mitigated':
      return 'mitigatedAt';
    case 'resolved':
      return 'resolvedAt';
    default:
      return undefined;
  }
}

export interface Incident {
  id: string;
  tenantId: string;
  warRoomId: string;
  /** Per-war-room sequence number: the `n` of `INC-n`. */
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  reporterId: string;
  reporterName: string;
  /** Who drives it to resolution; null until someone is named. */
  owner: Person | null;
  createdAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** Optimistic concurrency: bumped on every change. */
  version: number;
  /** Teams activity id of the card that shows this incident, so it can be edited in place. */
  cardActivityId: string | null;
}

/** An incident as a list shows it: no ids of its tenant, war room, reporter or card, no owner. */
export type IncidentListing = Pick<
  Incident,
  | 'id'
  | 'number'
  | 'title'
  | 'severity'
  | 'status'
  | 'reporterName'
  | 'createdAt'
  | 'updatedAt'
  | 'acknowledgedAt'
  | 'mitigatedAt'
  | 'resolvedAt'
  | 'version'
>;

export const incidentRef = (n: number) => `INC-${n}`;

/** What someone wrote down about an incident while it ran (`note INC-4 <text>`). */
export interface IncidentNote {
  id: string;
  tenantId: string;
  warRoomId: string;
  incidentId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: string;
}

/** A note is a few lines, not a document: what the card and the report can show. */
export const NOTE_MAX = 2000;

/** Parses `INC-12`, `inc 12`, `#12` or `12` into 12. */
export function parseIncidentRef(text: string): number | undefined {
  const m = /^\s*(?:inc[-\s]?|#)?(\d{1,9})\s*$/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Pulls a severity out of free text: `sev2`, `sev 2`, `sev-2`, `s2`, `p2` (priority, as many
 * teams say), also in brackets, anywhere as a word. Returns the text without it, trimmed,
 * and without the separator it leaves behind (`sev1: mail down` → `mail down`).
 */
export function extractSeverity(text: string): { severity?: Severity; rest: string } {
  // After the token: punctuation then a space or the end ("sev2." but not "s3.1"), or "sev1:x".
  const re = /(^|\s)[([]?(?:sev(?:erity)?[\s-]?|s|p)([1-4])[)\]]?(?:[.,;:!]*(?=\s|$)|:)/i;
  const m = re.exec(text);
  if (!m) return { rest: text.trim() };
  const severity = `sev${m[2]}` as Severity;
  const rest = (text.slice(0, m.index) + m[1] + text.slice(m.index + m[0].length)).replace(
    /\s{2,}/g,
    ' ',
  );
  return { severity, rest: trimSeparators(rest) };
}

const SEPARATOR = /[\s:;,\-–—]/;

/**
 * `rest` without separators at either end. A loop, not `/[…]+$/`: that regex retries from
 * every character of a long run of separators inside the text, which is quadratic.
 */
function trimSeparators(rest: string): string {
  let start = 0;
  let end = rest.length;
  while (start < end && SEPARATOR.test(rest[start]!)) start++;
  while (end > start && SEPARATOR.test(rest[end - 1]!)) end--;
  return rest.slice(start, end);
}
