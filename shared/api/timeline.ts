import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit';
import { csvOf } from './query';

/**
 * One audit entry as the tab shows it: who did what when, to which record, and the few
 * facts a person reads (never the whole before/after, which the export carries).
 */
export const historyEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  /** `INC-4`, `DEC-2`, `ACT-1` when the entry is about such a record. */
  ref: z.string().nullable(),
  title: z.string().nullable(),
  /** The record's status (or severity, verdict) after the change, as a word to translate. */
  status: z.string().nullable(),
  severity: z.string().nullable(),
  verdict: z.string().nullable(),
  /** A note's or a verdict's text. */
  text: z.string().nullable(),
});
export type HistoryEntryDto = z.infer<typeof historyEntrySchema>;

/** An instant, or a wall-clock time without offset: read in the war room's zone (instantInZone). */
const instant = z.iso.datetime({ offset: true, local: true });

/** `GET /api/v1/war-rooms/{id}/audit?action=&actor=&from=&to=&before=&limit=` */
export const timelineQuerySchema = z.object({
  action: csvOf(AUDIT_ACTIONS).optional(),
  actor: z.string().min(1).max(100).optional(),
  from: instant.optional(),
  to: instant.optional(),
  /** The seq of the oldest entry already shown: the next page starts below it. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TimelineQuery = z.input<typeof timelineQuerySchema>;

export const timelineSchema = z.object({
  entries: z.array(historyEntrySchema.extend({ actorId: z.string() })),
  hasMore: z.boolean(),
});
export type TimelineDto = z.infer<typeof timelineSchema>;
