import { z } from 'zod';
import { SEVERITIES } from '../domain/incident';
import { DEFAULT_HANDOVER_HOURS, MAX_HANDOVER_HOURS } from '../report/handover';
import { TABLE_NAMES } from '../report/tables';

/** `GET …/report?format=md|html[&locale=da-DK]`: the page; HTML unless asked otherwise. */
export const reportQuerySchema = z.object({
  format: z.enum(['md', 'html']).default('html'),
  /** The reader's locale when a link carries it (else Accept-Language). */
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)
    .optional(),
});

/** `GET …/report/<table>.csv`. */
export const reportCsvFileSchema = z
  .string()
  .regex(/^[a-z]+\.csv$/)
  .transform((file) => file.slice(0, -'.csv'.length))
  .pipe(z.enum(TABLE_NAMES));

/** `PUT …/report/lessons`: the lead's lessons learned, replacing the last ones. */
export const LESSONS_MAX = 4000;
export const lessonsBodySchema = z.object({ text: z.string().max(LESSONS_MAX) });

/** `POST …/handover` `{hours}`: a shift handover for the tab (the `handover` command's view). */
export const handoverBodySchema = z.object({
  hours: z.number().int().min(1).max(MAX_HANDOVER_HOURS).default(DEFAULT_HANDOVER_HOURS),
});

export const handoverViewSchema = z.object({
  warRoomTitle: z.string(),
  from: z.string(),
  to: z.string(),
  hours: z.number(),
  changes: z.array(z.object({ action: z.string(), count: z.number() })),
  openIncidents: z.array(
    z.object({
      severity: z.enum(SEVERITIES),
      refs: z.array(z.object({ ref: z.string(), title: z.string() })),
    }),
  ),
  pendingDecisions: z.array(
    z.object({ ref: z.string(), question: z.string(), deadline: z.string().nullable() }),
  ),
  overdueActions: z.array(
    z.object({ ref: z.string(), title: z.string(), ownerName: z.string(), due: z.string() }),
  ),
  migration: z.object({
    items: z.number(),
    completed: z.number(),
    failed: z.number(),
    since: z.object({ at: z.string(), completed: z.number(), failed: z.number() }).nullable(),
  }),
});
