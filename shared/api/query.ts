import { z } from 'zod';

/** Comma-separated values of a query parameter (`?status=open,investigating`). */
export const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));
