import { z } from 'zod';

/**
 * The live event stream of a war room (`GET /api/v1/war-rooms/:id/events`, server-sent
 * events). Each event's `id` is the war room's audit seq, its name the audit action
 * (shared/domain/audit.ts), and its data this headline: enough to know what to reload.
 */
export const liveEventSchema = z.object({
  seq: z.number().int().positive(),
  action: z.string(),
  /** `kind:id` of the record that changed (`incident:<id>`). */
  subject: z.string(),
  at: z.string(),
});
export type LiveEventDto = z.infer<typeof liveEventSchema>;

/** `POST /api/v1/war-rooms/:id/events/ticket`: lets EventSource open that war room's stream for a minute. */
export const streamTicketSchema = z.object({
  ticket: z.string(),
  expiresAt: z.string(),
});
export type StreamTicketDto = z.infer<typeof streamTicketSchema>;

/** The `lastEventId` query parameter (a new EventSource cannot send Last-Event-ID). */
export const lastEventIdSchema = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
