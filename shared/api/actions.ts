import { z } from 'zod';
import { ACTION_STATUSES } from '../domain/action';

/** `GET /api/v1/war-rooms/{id}/actions?show=open|overdue|done|all` */
export const actionListQuerySchema = z.object({
  show: z.enum(['open', 'overdue', 'done', 'all']).default('open'),
});

export const actionRecordSchema = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  ownerName: z.string(),
  ownerAadObjectId: z.string().nullable(),
  due: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  createdByName: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  /** `INC-4` or `DEC-2` when it follows one up. */
  followUpRef: z.string().nullable(),
  version: z.number().int().positive(),
});
export type ActionRecordDto = z.infer<typeof actionRecordSchema>;

export const actionListSchema = z.object({ actions: z.array(actionRecordSchema) });
export type ActionListDto = z.infer<typeof actionListSchema>;

const version = z.number().int().positive();

export const createActionSchema = z.object({
  title: z.string().min(1).max(500),
  ownerAadObjectId: z.string().min(1).max(100),
  /** An instant, or a wall-clock time without offset read in the war room's zone. */
  due: z.iso.datetime({ offset: true, local: true }).nullable().default(null),
});
export const actionStatusSchema = z.object({
  status: z.enum(ACTION_STATUSES),
  expectedVersion: version,
});
export const actionOwnerSchema = z.object({
  ownerAadObjectId: z.string().min(1).max(100),
  expectedVersion: version,
});
