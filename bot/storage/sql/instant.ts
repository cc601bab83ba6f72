/**
 * Instants are written and read back as ISO-8601 UTC (`Date#toISOString`) in both dialects,
 * so hashes, comparisons and text ordering all see one spelling of a moment.
 */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Canonical form of an instant. Strings must carry a zone: without one, JavaScript reads
 * local time and PostgreSQL the session zone, and the two stores would disagree.
 */
export function toIso(value: string | Date): string {
  if (typeof value === 'string' && !WITH_OFFSET.test(value)) {
    throw new RangeError(`not an ISO-8601 instant with a zone: ${value}`);
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(value)}`);
  return date.toISOString();
}

export function toIsoOrNull(value: string | Date | null): string | null {
  return value === null ? null : toIso(value);
}
