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

/** A date read from its text; `a/b` are day and month in an order still to be settled. */
interface Written {
  slash: boolean;
  dayFirst: boolean;
  a: number;
  b: number;
  year: number;
  clock: [number, number, number, number];
  /** Minutes east of UTC when the text said (ISO with `Z` or an offset). */
  offset?: number;
}

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));

function clockOf(
  h: string | undefined,
  m: string | undefined,
  s: string | undefined,
  ampm?: string,
) {
  let hour = num(h);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  return [hour, num(m), num(s)] as const;
}

function written(raw: string): Written | undefined {
  const text = raw.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const clock = clockOf(h, mi, s);
    if (!clock) return undefined;
    const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
    let offset: number | undefined;
    if (zone !== undefined) {
      const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
      offset = z ? (z[1] === '-' ? -1 : 1) * (num(z[2]) * 60 + num(z[3])) : 0;
    }
    return {
      slash: false,
      dayFirst: true,
      a: num(d),
      b: num(mo),
      year: num(y),
      clock: [...clock, ms],
      offset,
    };
  }
  const culture = CULTURE.exec(text);
  if (!culture) return undefined;
  const [, a, sep, b, y, h, mi, s, ampm] = culture;
  const clock = clockOf(h, mi, s, ampm);
  if (!clock) return undefined;
  // Only en-US-like cultures put the month first, and they write `/`.
  const slash = sep === '/';
  return { slash, dayFirst: !slash, a: num(a), b: num(b), year: num(y), clock: [...clock, 0] };
}

/** Epoch milliseconds of a wall time, or undefined when it names no real date and time. */
type HourStart = (year: number, month: number, day: number, hour: number) => number;

function utcOf(w: Written, dayFirst: boolean, hourStart: HourStart) {
  const [day, month] = dayFirst ? [w.a, w.b] : [w.b, w.a];
  const [hour, minute, second, ms] = w.clock;
  if (w.year < 1970 || w.year > 9999 || hour > 23 || minute > 59 || second > 59) return undefined;
  const asUtc = Date.UTC(w.year, month - 1, day, hour, minute, second, ms);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  if (w.offset !== undefined) return asUtc - w.offset * 60_000;
  return hourStart(w.year, month, day, hour) + (minute * 60 + second) * 1000 + ms;
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
  const hourStarts = new Map<string, number>();
  const hourStart: HourStart = (year, month, day, hour) => {
    const key = `${year}-${month}-${day}-${hour}`;
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
    const ms =
      w === undefined || (w.slash && conflicting)
        ? undefined
        : utcOf(w, w.slash ? slashDayFirst : w.dayFirst, hourStart);
    if (ms === undefined) {
      unread++;
      return null;
    }
    return new Date(ms).toISOString();
  });
  return { values, unread };
}
