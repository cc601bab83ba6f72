import { z } from 'zod';
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
