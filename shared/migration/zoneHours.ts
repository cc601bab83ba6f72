import { Temporal } from '@js-temporal/polyfill';

/** Epoch milliseconds of the start of a wall-clock hour in one zone. */
export type HourStart = (year: number, month: number, day: number, hour: number) => number;

/**
 * The start of a wall-clock hour as Temporal reads it: on the night clocks go back, the
 * earlier one; in the hour skipped when they go forward, the time after (`compatible`).
 * About 0.05 ms an hour, more while the polyfill is cold.
 */
export function hourStartByTemporal(timeZone: string): HourStart {
  return (year, month, day, hour) =>
    Temporal.PlainDateTime.from({ year, month, day, hour }).toZonedDateTime(timeZone, {
      disambiguation: 'compatible',
    }).epochMilliseconds;
}

/** More than any two zones' offsets differ (26 hours). */
const MARGIN = 48 * 3_600_000;

/**
 * Learning a stretch costs ~1 ms (two searches for a change): a file whose times wander over
 * decades learns this many, then goes by Temporal hour by hour as if there were none.
 */
const MAX_STRETCHES = 64;

/** Instants between two of the zone's changes of offset (the ends unbounded if none). */
interface Stretch {
  from: number;
  to: number;
  /** Milliseconds east of UTC. */
  offset: number;
}

function stretchAround(timeZone: string, instant: number): Stretch {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone);
  const next = zoned.getTimeZoneTransition('next');
  const previous = Temporal.Instant.fromEpochMilliseconds(instant + 1)
    .toZonedDateTimeISO(timeZone)
    .getTimeZoneTransition('previous');
  return {
    from: previous?.epochMilliseconds ?? -Infinity,
    to: next?.epochMilliseconds ?? Infinity,
    offset: zoned.offsetNanoseconds / 1e6,
  };
}

/**
 * `hourStartByTemporal`, for the many hours of one file. A wall time whose reading with a
 * known offset falls well inside a stretch where the zone keeps that offset (MARGIN from
 * its ends) can have no other reading, so it is UTC less the offset, Temporal's answer.
 * Hours nearer a change go through Temporal, once each. A file spread over weeks then asks
 * Temporal a few times per change of offset instead of once per hour (each hour ~0.05 ms).
 */
export function hourStarts(timeZone: string): HourStart {
  const byTemporal = hourStartByTemporal(timeZone);
  const stretches: Stretch[] = [];
  const nearChange = new Map<number, number>();
  return (year, month, day, hour) => {
    const wall = Date.UTC(year, month - 1, day, hour);
    for (const { from, to, offset } of stretches) {
      const start = wall - offset;
      if (start >= from + MARGIN && start < to - MARGIN) return start;
    }
    let start = nearChange.get(wall);
    if (start === undefined) {
      start = byTemporal(year, month, day, hour);
      nearChange.set(wall, start);
      const instant = start;
      const known = stretches.some(({ from, to }) => instant >= from && instant < to);
      if (!known && stretches.length < MAX_STRETCHES) {
        stretches.push(stretchAround(timeZone, instant));
      }
    }
    return start;
  };
}
