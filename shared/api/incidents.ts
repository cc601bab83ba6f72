import { z } from 'zod';
import { INCIDENT_STATUSES, NOTE_MAX, SEVERITIES } from '../domain/incident';
import { csvOf } from './query';
import { incidentSchema } from './schemas';
import { historyEntrySchema } from './timeline';

/** `GET /api/v1/war-rooms/{id}/incidents/page?status=&severity=&offset=&limit=` */
export const incidentPageQuerySchema = z.object({
  status: csvOf(INCIDENT_STATUSES).optional(),
  severity: csvOf(SEVERITIES).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** An incident as the tab's records panel shows it: with its owner. */
export const incidentRecordSchema = incidentSchema.extend({
  ownerName: z.string().nullable(),
  ownerAadObjectId: z.string().nullable(),
});
export type IncidentRecordDto = z.infer<typeof incidentRecordSchema>;

export const incidentPageSchema = z.object({
  incidents: z.array(incidentRecordSchema),
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
});
export type IncidentPageDto = z.infer<typeof incidentPageSchema>;

export const incidentNoteSchema = z.object({
  id: z.string(),
  authorName: z.string(),
  text: z.string(),
  at: z.string(),
});

/** `GET /api/v1/war-rooms/{id}/incidents/{incidentId}`: the incident and what happened to it. */
export const incidentHistorySchema = z.object({
  incident: incidentRecordSchema,
  notes: z.array(incidentNoteSchema),
  history: z.array(historyEntrySchema),
});
export type IncidentHistoryDto = z.infer<typeof incidentHistorySchema>;

const version = z.number().int().positive();

/** Bodies of the incident routes; each change names the version the user saw. */
export const createIncidentSchema = z.object({
  title: z.string().min(1).max(500),
  severity: z.enum(SEVERITIES),
});
export const incidentStatusSchema = z.object({
  status: z.enum(INCIDENT_STATUSES),
  expectedVersion: version,
});
export const incidentSeveritySchema = z.object({
  severity: z.enum(SEVERITIES),
  expectedVersion: version,
});
export const incidentOwnerSchema = z.object({
  ownerAadObjectId: z.string().min(1).max(100),
  expectedVersion: version,
});
export const incidentNoteBodySchema = z.object({
  text: z
    .string()
    .min(1)
    .max(NOTE_MAX * 2),
  expectedVersion: version,
});
