import { z } from 'zod';
import { INCIDENT_STATUSES, SEVERITIES } from '../domain/incident';
import { PHASES } from '../domain/warRoom';

/**
 * The JSON API between the server and the tab (and automation scripts), as zod schemas:
 * the server builds responses that satisfy them, the tab parses what it receives with them.
 */

export const meSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  name: z.string(),
  /** True when the server runs in local development mode with its development identity. */
  devIdentity: z.boolean(),
});
export type MeDto = z.infer<typeof meSchema>;

export const warRoomSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  phase: z.enum(PHASES),
  timeZone: z.string(),
  createdAt: z.string(),
  openIncidents: z.number().int().nonnegative(),
});
export type WarRoomSummaryDto = z.infer<typeof warRoomSummarySchema>;

export const warRoomListSchema = z.object({ warRooms: z.array(warRoomSummarySchema) });
export type WarRoomListDto = z.infer<typeof warRoomListSchema>;

export const incidentSchema = z.object({
  id: z.string(),
  ref: z.string(),
  number: z.number().int().positive(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  reporterName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  mitigatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  version: z.number().int().positive(),
});
export type IncidentDto = z.infer<typeof incidentSchema>;

export const incidentListSchema = z.object({
  warRoom: warRoomSummarySchema,
  incidents: z.array(incidentSchema),
  /** More follow: ask again with `?after=` this number (absent from older servers). */
  next: z.number().int().positive().nullable().optional(),
});

/** `GET /api/v1/war-rooms/{id}/incidents?after=&limit=`: oldest first, a page at a time. */
export const incidentListQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type IncidentListDto = z.infer<typeof incidentListSchema>;

/** Every error the API returns has this body; `message` is safe to show a user. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiErrorDto = z.infer<typeof apiErrorSchema>;

/** Path parameters are ids we issued: UUIDs. */
export const idParamSchema = z.uuid();

/** A Teams channel id, as the tab reads it from its Teams context (`19:…@thread.tacv2`). */
export const channelIdQuerySchema = z.string().min(1).max(512);
