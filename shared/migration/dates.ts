import { Temporal } from '@js-temporal/polyfill';
import { written, type Written } from './written';
import { hourStarts, type HourStart } from './zoneHours';

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

/** A last-sync time as written: null when absent, undefined when no date we know. */
function readingOf(raw: string | null): Written | null | undefined {
  const text = raw === null ? '' : raw.trim();
  return text === '' ? null : written(text);
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
  // Read twice rather than keep 100,000 readings between the passes: reading is cheaper
  // than what keeping them costs the collector.
  let dayFirstSeen = false;
  let monthFirstSeen = false;
  for (const raw of raws) {
    const w = readingOf(raw);
    if (!w?.slash) continue;
    if (w.a > 12) dayFirstSeen = true;
    if (w.b > 12) monthFirstSeen = true;
  }
  const conflicting = dayFirstSeen && monthFirstSeen;
  const slashDayFirst = dayFirstSeen || (!monthFirstSeen && options.slashOrder === 'dmy');

  const hourStart = hourStarts(timeZone);

  let unread = 0;
  const values = raws.map((raw) => {
    const w = readingOf(raw);
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
