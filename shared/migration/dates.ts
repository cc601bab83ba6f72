import { Temporal } from '@js-temporal/polyfill';
import { written, type Written } from './written';

/** How to read `a/b/yyyy` when nothing in the file tells: month first (en-US) or day first. */
export type SlashOrder = 'mdy' | 'dmy';

export interface ReadDatesOptions {
  /** IANA zone the export was written in (the war room's); an unknown zone reads as UTC. */
  timeZone: string;
  /** Default `mdy`, the order of PowerShell in en-US, the usual culture of admin machines. */
  slashOrder?: SlashOrder;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

type HourStart = (year: number, month: number, day: number, hour: number) => number;

/** Epoch milliseconds of a written time, or undefined when it names no real date and time. */
function epochOf(w: Written, dayFirst: boolean, hourStart: HourStart): number | undefined {
  const day = dayFirst ? w.a : w.b;
  const month = dayFirst ? w.b : w.a;
  const { year, hour, minute, second } = w;
  if (year < 1970 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysIn(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (w.offset !== undefined) {
    return Date.UTC(year, month - 1, day, hour, minute, second, w.ms) - w.offset * 60_000;
  }
  return hourStart(year, month, day, hour) + (minute * 60 + second) * 1000 + w.ms;
}

function knownZone(timeZone: string): string {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return timeZone;
  } catch (e) {
    if (e instanceof RangeError) return 'UTC';
    throw e;
  }
}

/**
 * Reads the last-sync times of one file, as UTC instants. The order of `a/b/yyyy` is
 * settled for the whole file: a first number over 12 proves day first, a second over 12
 * month first; if the file proves both, no slash date is trusted; if neither,
 * `slashOrder` decides. Wall times are in `timeZone`; on the night clocks go back the
 * earlier reading is taken, as the export does not say (Temporal's `compatible`).
 * A time that cannot be read is null and counted in `unread`, never a reason to refuse
 * the row: it is the least important field, and a wrong date would be worse than none.
 */
export function readDates(
  raws: readonly (string | null)[],
  options: ReadDatesOptions,
): { values: (string | null)[]; unread: number } {
  const timeZone = knownZone(options.timeZone);
  const parsed = raws.map((raw) => {
    const text = raw === null ? '' : raw.trim();
    return text === '' ? null : written(text);
  });
  let dayFirstSeen = false;
  let monthFirstSeen = false;
  for (const w of parsed) {
    if (!w?.slash) continue;
    if (w.a > 12) dayFirstSeen = true;
    if (w.b > 12) monthFirstSeen = true;
  }
  const conflicting = dayFirstSeen && monthFirstSeen;
  const slashDayFirst = dayFirstSeen || (!monthFirstSeen && options.slashOrder === 'dmy');

  // Converting a wall time through Temporal takes ~0.1 ms; a file has few distinct hours.
  const hourStarts = new Map<number, number>();
  const hourStart: HourStart = (year, month, day, hour) => {
    const key = ((year * 13 + month) * 32 + day) * 24 + hour;
    let start = hourStarts.get(key);
    if (start === undefined) {
      start = Temporal.PlainDateTime.from({ year, month, day, hour }).toZonedDateTime(timeZone, {
        disambiguation: 'compatible',
      }).epochMilliseconds;
      hourStarts.set(key, start);
    }
    return start;
  };

  let unread = 0;
  const values = parsed.map((w) => {
    if (w === null) return null;
    const epoch =
      w === undefined || (w.slash && conflicting)
        ? undefined
        : epochOf(w, w.slash ? slashDayFirst : true, hourStart);
    if (epoch === undefined) {
      unread++;
      return null;
    }
    return new Date(epoch).toISOString();
  });
  return { values, unread };
}
