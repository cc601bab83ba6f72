import { Temporal } from '@js-temporal/polyfill';
import {
  DEADLINE_WORDS,
  OPENERS,
  normalise,
  plain,
  readWhen,
  withoutDeadlineWord,
  withoutTrailing,
  type Clock,
  type When,
} from './words';

/**
 * What a typed time means, as instants in UTC (`Date#toISOString` form, so they compare as
 * strings with the rest of the store). A daylight-saving night is never settled silently:
 * - `ambiguous`: the local time happens twice (clocks go back); `earlier` is the first
 *   pass (summer time), `later` the second, one hour on.
 * - `nonexistent`: the local time is skipped (clocks go forward). `before` reads it with
 *   the offset in force before the jump, `after` with the offset after it: for 02:30 on a
 *   02:00 → 03:00 night, 01:30 and 03:30 on the clock, one hour apart.
 * - `past`: a time on a named date (today, an ISO date, an instant) that has gone by.
 */
export type WhenResult =
  | { kind: 'ok'; instant: string }
  | { kind: 'past'; instant: string }
  | { kind: 'ambiguous'; earlier: string; later: string }
  | { kind: 'nonexistent'; before: string; after: string }
  | { kind: 'invalid' };

export interface ParseWhenOptions {
  /** The moment the text was written: an ISO instant with `Z` or an offset, or a Date. */
  now: string | Date;
  /** IANA zone of the war room. An unknown zone reads as UTC, as `formatInstant` shows it. */
  timeZone: string;
  /** The writer's locale. Every language is read whatever it says: people type their own. */
  locale?: string;
}

/** A day without a time ("by sunday") means by the end of it. */
const END_OF_DAY: Clock = { hour: 23, minute: 59, second: 0 };
const INVALID: WhenResult = { kind: 'invalid' };

/**
 * Reads a time someone typed, in the war room's zone:
 * - a clock time (`14:00`, `14.00`, `2pm`, `2 pm`, `14h`, `2h30`, `14u30`, `14 uur`,
 *   `kl. 14`) is its next occurrence after `now`: `by 14:00` at 15:00 is tomorrow 14:00.
 *   Clock times are on the 24-hour clock unless they say am/pm; a bare `14` is no time.
 * - a weekday (`sunday 02:30`, `søndag`, `zondag 2:30`, `dimanche 2h30`, `dim.`) is the
 *   next such day, today if that time is still ahead; without a time, the end of the day.
 * - `today`/`tomorrow` in any language, or an ISO date (`2026-03-29 02:30`): that date;
 *   `past` when it has gone by.
 * - `in 2h`, `in 90 min`, `in 1h30`, `om 2 timer`, `over 2 uur`, `dans 2 h`: elapsed time
 *   from now (days keep the clock time: `in 2 days` is the same time two days on).
 * - ISO 8601 with `Z` or an offset: that instant.
 * Never throws on any text: what it cannot read is `invalid`.
 */
export function parseWhen(text: string, options: ParseWhenOptions): WhenResult {
  const normal = normalise(text);
  const when = normal === undefined ? undefined : readWhen(withoutDeadlineWord(normal));
  const now = instantOf(options.now);
  if (when === undefined || now === undefined) return INVALID;
  try {
    return resolve(when, now, zoneOf(options.timeZone));
  } catch (error) {
    // Temporal's out-of-range errors (a year past 9999, a date Date cannot hold).
    if (error instanceof RangeError) return INVALID;
    throw error;
  }
}

/**
 * Splits a trailing deadline off a command: `Roll back batch 3 by 14:00` →
 * `{ rest: 'Roll back batch 3', whenText: '14:00' }`. A clause opens with a deadline word
 * (by, due, before, inden, senest, frist, voor, uiterlijk, avant, d'ici…), which is left
 * out of `whenText`, or with a word that belongs to the time (in, om, over, dans, at, kl.,
 * à, on, på…), which is kept: `Check sync in 2h` → `in 2h`. Only the last few words are
 * looked at, and the earliest opener whose remainder reads as a time wins, so
 * `by tomorrow at 8:00` is one clause. Text whose end is no time (`Migrate by hand`) comes
 * back as it is, without `whenText`. Linear: it scans back from the end a bounded number
 * of words.
 */
export function extractWhen(text: string): { rest: string; whenText?: string } {
  for (const start of lastWordStarts(text, 9)) {
    let end = start;
    while (end < text.length && !isSpace(text[end]!)) end++;
    const word = withoutTrailing(plain(text.slice(start, end)), '.:');
    let whenStart: number;
    if (DEADLINE_WORDS.has(word)) whenStart = end;
    else if (OPENERS.has(word)) whenStart = start;
    else continue;
    const whenText = text.slice(whenStart).trim();
    const normal = normalise(whenText);
    if (normal !== undefined && readWhen(normal) !== undefined) {
      return { rest: withoutTrailingSeparators(text.slice(0, start)), whenText };
    }
  }
  return { rest: text };
}

function instantOf(now: string | Date): Temporal.Instant | undefined {
  try {
    if (now instanceof Date) return Temporal.Instant.fromEpochMilliseconds(now.getTime());
    return typeof now === 'string' ? Temporal.Instant.from(now) : undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The zone to read in: one that `formatInstant` also shows (Intl knows it), else UTC as
 * there, so a time is read in the zone it will be shown in.
 */
function zoneOf(timeZone: string): string {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = isKnownZone(timeZone) ? timeZone : 'UTC';
    if (zones.size >= MAX_ZONES) zones.clear();
    zones.set(timeZone, zone);
  }
  return zone;
}

/** Checking a zone builds an Intl formatter, which is slow; war rooms use few zones. */
const zones = new Map<string, string>();
const MAX_ZONES = 64;

function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) return false;
    throw error;
  }
}

function resolve(when: When, now: Temporal.Instant, timeZone: string): WhenResult {
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  switch (when.kind) {
    case 'instant':
      return Temporal.Instant.compare(when.instant, now) > 0
        ? { kind: 'ok', instant: iso(when.instant) }
        : { kind: 'past', instant: iso(when.instant) };
    case 'duration': {
      if (when.days === 0) return { kind: 'ok', instant: iso(now.add({ minutes: when.minutes })) };
      // Whole days keep the clock time, so they can land on a daylight-saving night too.
      const local = now.toZonedDateTimeISO(timeZone).toPlainDateTime().add({ days: when.days });
      return shaped(readLocal(local, timeZone), when.minutes);
    }
    case 'clock':
      return nextOccurrence(today, 1, when.clock, now, timeZone);
    case 'day': {
      const clock = when.clock ?? END_OF_DAY;
      const day = when.day;
      if (day.kind === 'weekday') {
        const first = today.add({ days: (day.weekday - today.dayOfWeek + 7) % 7 });
        return nextOccurrence(first, 7, clock, now, timeZone);
      }
      const date = day.kind === 'date' ? day.date : today.add({ days: day.days });
      const reading = readLocal(date.toPlainDateTime(clock), timeZone);
      if (!isAfter(reading.later, now)) return { kind: 'past', instant: iso(reading.later) };
      return shaped(reading);
    }
  }
}

interface Reading {
  earlier: Temporal.Instant;
  later: Temporal.Instant;
  shape: 'once' | 'twice' | 'never';
}

/** The instants a local date-time names in a zone: one, two (clocks go back) or none. */
function readLocal(local: Temporal.PlainDateTime, timeZone: string): Reading {
  const earlier = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(timeZone, { disambiguation: 'later' });
  const shape = earlier.equals(later)
    ? 'once'
    : earlier.toPlainDateTime().equals(local)
      ? 'twice'
      : 'never';
  return { earlier: earlier.toInstant(), later: later.toInstant(), shape };
}

/** The first of `first`, `first + step`, … whose local time is still ahead of `now`. */
function nextOccurrence(
  first: Temporal.PlainDate,
  step: number,
  clock: Clock,
  now: Temporal.Instant,
  timeZone: string,
): WhenResult {
  // Two tries suffice; the third covers a zone that skipped a whole day (Samoa, 2011).
  for (let i = 0; i < 3; i++) {
    const reading = readLocal(first.add({ days: i * step }).toPlainDateTime(clock), timeZone);
    if (!isAfter(reading.later, now)) continue;
    // Between the two passes of a repeated time only the second is still ahead.
    if (reading.shape === 'twice' && !isAfter(reading.earlier, now)) {
      return { kind: 'ok', instant: iso(reading.later) };
    }
    return shaped(reading);
  }
  return INVALID;
}

function shaped({ earlier, later, shape }: Reading, plusMinutes = 0): WhenResult {
  const a = iso(earlier.add({ minutes: plusMinutes }));
  const b = iso(later.add({ minutes: plusMinutes }));
  if (shape === 'once') return { kind: 'ok', instant: a };
  if (shape === 'twice') return { kind: 'ambiguous', earlier: a, later: b };
  return { kind: 'nonexistent', before: a, after: b };
}

function isAfter(a: Temporal.Instant, b: Temporal.Instant): boolean {
  return Temporal.Instant.compare(a, b) > 0;
}

/** The store's instant form: `Date#toISOString`, milliseconds and `Z`. */
function iso(instant: Temporal.Instant): string {
  return new Date(instant.epochMilliseconds).toISOString();
}

/** Starts of the last `count` words of `text`, first to last; scans only that far back. */
function lastWordStarts(text: string, count: number): number[] {
  const starts: number[] = [];
  let i = text.length;
  while (starts.length < count) {
    while (i > 0 && isSpace(text[i - 1]!)) i--;
    if (i === 0) break;
    while (i > 0 && !isSpace(text[i - 1]!)) i--;
    starts.push(i);
  }
  return starts.reverse();
}

function isSpace(char: string): boolean {
  return /\s/.test(char);
}

function withoutTrailingSeparators(text: string): string {
  let end = text.length;
  while (end > 0 && (isSpace(text[end - 1]!) || ',;:-–—'.includes(text[end - 1]!))) end--;
  return text.slice(0, end);
}
