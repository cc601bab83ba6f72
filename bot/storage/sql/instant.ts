/**
 * Instants are written and read back as ISO-8601 UTC (`Date#toISOString`) in both dialects,
 * so hashes, comparisons and text ordering all see one spelling of a moment.
 */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** `toISOString` form for years 0000–9999: what SQLite holds and most callers pass. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits of `s` at `at` as a number (the caller has checked they are digits). */
const two = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;

/**
 * True when `s` is already what `toIso` would make of it: canonical form and a real date and
 * time of day (`Date` would quietly move 30 February or 24:00 to another day).
 */
function isCanonical(s: string): boolean {
  if (s.length !== 24 || !CANONICAL.test(s)) return false;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= days && two(s, 11) <= 23 && two(s, 14) <= 59 && two(s, 17) <= 59;
}

/**
 * Canonical form of an instant. Strings must carry a zone: without one, JavaScript reads
 * local time and PostgreSQL the session zone, and the two stores would disagree. A string
 * already in canonical form is returned as it is (lists read hundreds of instants a page).
 */
export function toIso(value: string | Date): string {
  if (typeof value === 'string') {
    if (isCanonical(value)) return value;
    if (!WITH_OFFSET.test(value)) {
      throw new RangeError(`not an ISO-8601 instant with a zone: ${value}`);
    }
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(value)}`);
  return date.toISOString();
}

export function toIsoOrNull(value: string | Date | null): string | null {
  return value === null ? null : toIso(value);
}
