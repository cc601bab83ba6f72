import { z } from 'zod';
import { LESSONS_MAX } from '../api/report';
import { ACTION_STATUSES, FOLLOW_UP_KINDS } from '../domain/action';
import { DECISION_KINDS, DECISION_RULES, VERDICTS } from '../domain/decision';
import { INCIDENT_STATUSES, NOTE_MAX } from '../domain/incident';

/**
 * Verbs of `Action.Execute` buttons. A card carries only a verb and ids; the handler
 * reloads the state and validates the data against the schema of that verb.
 */
export const VERBS = {
  incidentSetStatus: 'incident.setStatus',
  incidentRefresh: 'incident.refresh',
  incidentSetOwner: 'incident.setOwner',
  incidentAddNote: 'incident.addNote',
  decisionRefresh: 'decision.refresh',
  decisionAnswer: 'decision.answer',
  decisionWithdraw: 'decision.withdraw',
  decisionRecord: 'decision.record',
  decisionCreate: 'decision.create',
  migrationRefresh: 'migration.refresh',
  migrationFailuresIncident: 'migration.failuresIncident',
  migrationImportFile: 'migration.importFile',
  actionSetStatus: 'action.setStatus',
  actionReassign: 'action.reassign',
  actionCreate: 'action.create',
  reportSaveLessons: 'report.saveLessons',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const incidentSetStatusData = z.object({
  incidentId: z.uuid(),
  status: z.enum(INCIDENT_STATUSES),
  /** The version the card showed: a click on an outdated card is a conflict. */
  version: z.number().int().positive(),
});
export type IncidentSetStatusData = z.infer<typeof incidentSetStatusData>;

export const incidentRefreshData = z.object({ incidentId: z.uuid() });

/** `ownerId` is what the card's people picker submits: an Entra object id. */
export const incidentSetOwnerData = z.object({ incidentId: z.uuid(), ownerId: z.guid() });

/** `note` is the card's note box, merged into the data by Teams. */
export const incidentAddNoteData = z.object({
  incidentId: z.uuid(),
  note: z.string().max(NOTE_MAX),
});

export const decisionRefreshData = z.object({ decisionId: z.uuid() });

/** Approve or reject; `comment` is the card's comment box, merged into the data by Teams. */
export const decisionAnswerData = z.object({
  decisionId: z.uuid(),
  verdict: z.enum(VERDICTS),
  comment: z.string().max(1000).optional(),
});

export const decisionWithdrawData = z.object({ decisionId: z.uuid() });

/**
 * The lead's record of a verdict given elsewhere: whose (the approver's place in the
 * request's list, as the card's choice submits it), which, how.
 */
export const decisionRecordData = z.object({
  decisionId: z.uuid(),
  approver: z.string().regex(/^\d{1,2}$/),
  verdict: z.enum(VERDICTS),
  how: z.string().max(200),
  comment: z.string().max(1000).optional(),
});

/**
 * The `decide` form: what its inputs submit. The people pickers give Entra object ids,
 * comma-separated for several.
 */
export const decisionCreateData = z.object({
  question: z.string().max(1000),
  approverIds: z.string().max(60 * 40),
  deadline: z.string().max(100).optional(),
  rule: z.enum(DECISION_RULES).optional(),
  kind: z.enum(DECISION_KINDS).optional(),
  backupId: z.string().max(40).optional(),
});

/** The status card's buttons name only the war room; the server reads the rest. */
export const migrationCardData = z.object({ warRoomId: z.uuid() });

export const actionSetStatusData = z.object({
  actionId: z.uuid(),
  status: z.enum(ACTION_STATUSES),
  version: z.number().int().positive(),
});

/** An Entra object id, as a card's people picker submits the person picked. */
export const entraObjectId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** Input ids of the action cards' forms (namespaced: the form also sits on other cards). */
export const ACTION_INPUTS = {
  newOwner: 'actionNewOwner',
  title: 'actionTitle',
  owner: 'actionOwner',
  due: 'actionDue',
} as const;

/** Reassign from the card: `actionNewOwner` is the people picker's answer. */
export const actionReassignData = z.object({
  actionId: z.uuid(),
  version: z.number().int().positive(),
  [ACTION_INPUTS.newOwner]: entraObjectId,
});

/**
 * The action form (`action` alone, or "Follow-up action" on an incident or decision card).
 * The inputs may come empty: the handler answers with what is missing, in words.
 */
export const actionCreateData = z.object({
  [ACTION_INPUTS.title]: z.string().max(1000).optional(),
  [ACTION_INPUTS.owner]: z.union([z.literal(''), entraObjectId]).optional(),
  [ACTION_INPUTS.due]: z.string().max(200).optional(),
  /** Set by the follow-up form: what the action follows up (the server finds its ref). */
  followUp: z.object({ kind: z.enum(FOLLOW_UP_KINDS), id: z.uuid() }).optional(),
});
export type ActionCreateData = z.infer<typeof actionCreateData>;

/**
 * The "import into which war room?" card: the waiting upload's id (never its URL: the
 * server keeps that) and the war room picked, which the server checks is the clicker's.
 */
export const fileImportData = z.object({
  uploadId: z.uuid(),
  warRoomId: z.string().min(1).max(64),
});

/** The report card's lessons form: the war room it was posted for, and the text box. */
export const LESSONS_INPUT = 'lessons';
export const reportSaveLessonsData = z.object({
  warRoomId: z.uuid(),
  [LESSONS_INPUT]: z.string().max(LESSONS_MAX).optional(),
});

/** The data schema of each verb (the bot registers a handler per verb beside its feature). */
export const CARD_ACTION_SCHEMAS = {
  [VERBS.incidentSetStatus]: incidentSetStatusData,
  [VERBS.incidentRefresh]: incidentRefreshData,
  [VERBS.incidentSetOwner]: incidentSetOwnerData,
  [VERBS.incidentAddNote]: incidentAddNoteData,
  [VERBS.decisionRefresh]: decisionRefreshData,
  [VERBS.decisionAnswer]: decisionAnswerData,
  [VERBS.decisionWithdraw]: decisionWithdrawData,
  [VERBS.decisionRecord]: decisionRecordData,
  [VERBS.decisionCreate]: decisionCreateData,
  [VERBS.migrationRefresh]: migrationCardData,
  [VERBS.migrationFailuresIncident]: migrationCardData,
  [VERBS.migrationImportFile]: fileImportData,
  [VERBS.actionSetStatus]: actionSetStatusData,
  [VERBS.actionReassign]: actionReassignData,
  [VERBS.actionCreate]: actionCreateData,
  [VERBS.reportSaveLessons]: reportSaveLessonsData,
} as const satisfies Record<Verb, z.ZodType>;

export function isVerb(v: unknown): v is Verb {
  return typeof v === 'string' && Object.hasOwn(CARD_ACTION_SCHEMAS, v);
}
