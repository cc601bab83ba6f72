import { Temporal } from '@js-temporal/polyfill';

/** How to read `a/b/yyyy` when nothing in the file tells: month first (en-US) or day first. */
export type SlashOrder = 'mdy' | 'dmy';

export interface ReadDatesOptions {
  /** IANA zone the export was written in (the war room's); an unknown zone reads as UTC. */
  timeZone: string;
  /** Default `mdy`, the order of PowerShell in en-US, the usual culture of admin machines. */
  slashOrder?: SlashOrder;
}

/**
 * PowerShell writes a date in the exporting machine's culture, without a zone:
 * `11/29/2026 10:15:00 PM` (en-US), `29-11-2026 22:15:00` (da, nl), `29.11.2026 22:15`
 * (de), `29/11/2026 22:15:00` (fr, en-GB), `2026-11-29 22:15:00` (sv, ISO). Danish .NET
 * has also written `22.15.00`. Seconds and fractions are optional, as is the time.
 */
const CULTURE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?(?:\s*([ap])\.?m\.?)?)?$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;

/** A date as written; `a` and `b` are day and month in an order still to be settled. */
interface Written {
  slash: boolean;
  a: number;
  b: number;
  year: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC when the text said (ISO with `Z` or an offset). */
  offset: number | undefined;
}

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));

/** The 24-hour hour, or -1 for an hour that does not go with am/pm (`13 PM`, `0 AM`). */
function hour24(h: string | undefined, ampm: string | undefined): number {
  const hour = num(h);
  if (ampm === undefined) return hour;
  if (hour < 1 || hour > 12) return -1;
  return (hour % 12) + (ampm === 'p' || ampm === 'P' ? 12 : 0);
}

function written(raw: string): Written | undefined {
  const text = raw.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    let offset: number | undefined;
    if (zone !== undefined) {
      const z = OFFSET.exec(zone);
      offset = z ? (z[1] === '-' ? -1 : 1) * (num(z[2]) * 60 + num(z[3])) : 0;
    }
    const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
    const [a, b, year, hour, minute, second] = [num(d), num(mo), num(y), num(h), num(mi), num(s)];
    return { slash: false, a, b, year, hour, minute, second, ms, offset };
  }
  const culture = CULTURE.exec(text);
  if (!culture) return undefined;
  const [, a, sep, b, y, h, mi, s, ampm] = culture;
  return {
    // Only the month-first cultures (en-US and kin) write `/`; `-` and `.` are day first.
    slash: sep === '/',
    a: num(a),
    b: num(b),
    year: num(y),
    hour: hour24(h, ampm),
    minute: num(mi),
    second: num(s),
    ms: 0,
    offset: undefined,
  };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
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
  const parsed = raws.map((raw) => (raw === null || raw.trim() === '' ? null : written(raw)));
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
