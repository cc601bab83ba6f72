import { z } from 'zod';

/** `GET /api/v1/war-rooms/{id}/audit/verify`: what recomputing the war room's chain found. */
export const auditVerificationSchema = z.object({
  verified: z.boolean(),
  entries: z.number().int().min(0),
  /** Null when the log is empty. */
  firstSeq: z.number().int().positive().nullable(),
  lastSeq: z.number().int().positive().nullable(),
  /** SHA-256 of the newest entry: noted elsewhere, it shows a later cut-off tail. */
  lastHash: z.string().nullable(),
  /** The first entry that breaks the chain, and why. */
  brokenAt: z
    .object({
      seq: z.number().int().positive(),
      reason: z.enum(['seq_gap', 'prev_hash_mismatch', 'hash_mismatch']),
    })
    .optional(),
  /** Erased entries of the first hash scheme: linked in the chain, content unchecked. */
  erasedLegacy: z.number().int().positive().optional(),
});
export type AuditVerificationDto = z.infer<typeof auditVerificationSchema>;

/** Media type of the export: one JSON object per line (JSON Lines). */
export const AUDIT_EXPORT_TYPE = 'application/x-ndjson';
