import { z } from 'zod';
import { PERMISSIONS } from '../domain/roles';
import { ROLES } from '../domain/warRoom';

/**
 * `GET /api/v1/war-rooms/{id}/access`: the caller's role and what it allows, so the tab
 * offers only what the server would accept (the server checks every change regardless),
 * and the team members who can be named owner.
 */
export const warRoomAccessSchema = z.object({
  role: z.enum(ROLES),
  permissions: z.array(z.enum(PERMISSIONS)),
  members: z.array(z.object({ aadObjectId: z.string(), name: z.string() })),
});
export type WarRoomAccessDto = z.infer<typeof warRoomAccessSchema>;

/** What a refused upload answers (422): every rejected row with its line and reason. */
export const uploadRefusalSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  rejectedCount: z.number().int().min(0),
  rejected: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
});
export type UploadRefusalDto = z.infer<typeof uploadRefusalSchema>;

export const uploadSummarySchema = z.object({
  importId: z.string(),
  format: z.string(),
  rowsRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type UploadSummaryDto = z.infer<typeof uploadSummarySchema>;
