import { Temporal } from '@js-temporal/polyfill';

/**
 * A filter bound as a person enters it: an instant (`…Z`, `…+02:00`), or a wall-clock time
 * without offset (`2026-10-25T02:30`, what a `datetime-local` input gives) read in the war
 * room's zone. In the hour clocks go back the earlier of the two passes is meant; a time
 * skipped when clocks go forward is read as the instant just after the gap (`compatible`).
 */
export function instantInZone(text: string, timeZone: string): string {
  if (/(Z|[+-]\d{2}:\d{2})$/i.test(text)) return new Date(text).toISOString();
  return Temporal.PlainDateTime.from(text)
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .toInstant()
    .toString({ smallestUnit: 'millisecond' });
}
