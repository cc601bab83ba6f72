import { z } from 'zod';
import { API_KEY_NAME_MAX } from '../domain/apiKey';
import { columnMappingSchema } from '../migration/columns';
import { statusValuesSchema } from '../migration/status';

/**
 * Requests of the migration API (bot/http/migrationApi.ts). Responses are described by
 * the services' types (ImportSummary, MigrationTotals, ApiKeyView).
 */

/** `POST /api/v1/war-rooms/{id}/api-keys` */
export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(API_KEY_NAME_MAX),
});

/** `PUT /api/v1/war-rooms/{id}/migration/mapping`; `mapping: null` forgets the mapping. */
export const migrationMappingSchema = z.strictObject({
  mapping: columnMappingSchema.nullable(),
  statusValues: statusValuesSchema.default({}),
});

/** One refused row in a 422 answer: where, why (a catalog key), and why in words. */
export interface RejectedRowDto {
  line: number;
  code: string;
  message: string;
}
