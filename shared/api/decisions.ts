import { z } from 'zod';
import { DECISION_KINDS, DECISION_RULES, DECISION_STATUSES, VERDICTS } from '../domain/decision';
import { historyEntrySchema } from './timeline';

/** `GET /api/v1/war-rooms/{id}/decisions?show=pending|decided|all` */
export const decisionListQuerySchema = z.object({
  show: z.enum(['pending', 'decided', 'all']).default('pending'),
});

export const decisionRecordSchema = z.object({
  id: z.string(),
  ref: z.string(),
  kind: z.enum(DECISION_KINDS),
  question: z.string(),
  rule: z.enum(DECISION_RULES),
  status: z.enum(DECISION_STATUSES),
  approvers: z.array(z.object({ name: z.string() })),
  deadline: z.string().nullable(),
  requesterName: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  responses: z.array(
    z.object({
      approverName: z.string(),
      verdict: z.enum(VERDICTS),
      comment: z.string(),
      at: z.string(),
    }),
  ),
  version: z.number().int().positive(),
  /** True when the caller is a named approver who can still answer: the tab's only hint. */
  mayAnswer: z.boolean(),
});
export type DecisionRecordDto = z.infer<typeof decisionRecordSchema>;

export const decisionListSchema = z.object({ decisions: z.array(decisionRecordSchema) });
export type DecisionListDto = z.infer<typeof decisionListSchema>;

export const decisionHistorySchema = z.object({
  decision: decisionRecordSchema,
  history: z.array(historyEntrySchema),
});
export type DecisionHistoryDto = z.infer<typeof decisionHistorySchema>;

/** `POST /api/v1/war-rooms/{id}/decisions/{decisionId}/answer` */
export const answerDecisionSchema = z.object({
  verdict: z.enum(VERDICTS),
  comment: z.string().max(1000).default(''),
});

/** `POST /api/v1/war-rooms/{id}/decisions`: ask team members (by Entra object id) to decide. */
export const createDecisionSchema = z.object({
  question: z.string().min(1).max(500),
  kind: z.enum(DECISION_KINDS).default('approval'),
  rule: z.enum(DECISION_RULES).default('any'),
  approverAadObjectIds: z.array(z.string().min(1).max(100)).min(1).max(60),
  deadline: z.iso.datetime({ offset: true }).nullable().default(null),
});
