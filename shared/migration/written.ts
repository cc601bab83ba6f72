/**
 * The text of a last-sync time, read into its numbers. PowerShell writes a date in the
 * exporting machine's culture, without a zone: `11/29/2026 10:15:00 PM` (en-US),
 * `29-11-2026 22:15:00` (da, nl), `29.11.2026 22:15` (de), `29/11/2026 22:15:00` (fr,
 * en-GB), `2026-11-29 22:15:00` (sv, ISO). Danish .NET has also written `22.15.00`.
 * Seconds and fractions are optional, as is the time.
 */

/** A date as written; `a` and `b` are day and month in an order still to be settled. */
export interface Written {
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

const CULTURE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?(?:\s*([ap])\.?m\.?)?)?$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;

const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));

/** Milliseconds of a written fraction of a second (`1234567` → 123). */
const msOf = (frac: string) => Math.floor(Number(`0.${frac}`) * 1000);

/** The 24-hour hour, or -1 for an hour that does not go with am/pm (`13 PM`, `0 AM`). */
function hour24(hour: number, ampm: string | undefined): number {
  if (ampm === undefined) return hour;
  if (hour < 1 || hour > 12) return -1;
  return (hour % 12) + (ampm === 'p' || ampm === 'P' ? 12 : 0);
}

/**
 * The general reading, by the patterns above: every form an export may hold. `text` is
 * trimmed. Undefined when it is no date we know.
 */
export function writtenByPattern(text: string): Written | undefined {
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    let offset: number | undefined;
    if (zone !== undefined) {
      const z = OFFSET.exec(zone);
      offset = z ? (z[1] === '-' ? -1 : 1) * (num(z[2]) * 60 + num(z[3])) : 0;
    }
    const ms = frac === undefined ? 0 : msOf(frac);
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
    hour: hour24(num(h), ampm),
    minute: num(mi),
    second: num(s),
    ms: 0,
    offset: undefined,
  };
}

const DIGIT_0 = 48;
const SLASH = 47;
const DOT = 46;
const DASH = 45;
const COLON = 58;
const SPACE = 32;

/** The value of the digit at `i`, or -1. */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - DIGIT_0;
  return d >= 0 && d <= 9 ? d : -1;
}

/** `count` digits from `i` as a number, or -1 when one of them is not a digit. */
function digits(text: string, i: number, count: number): number {
  let n = 0;
  for (let k = 0; k < count; k++) {
    const d = digit(text, i + k);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Where a run of one or two digits starting at `i` ends (i itself when there is none). */
const endOfOneOrTwo = (text: string, i: number) =>
  digit(text, i) < 0 ? i : digit(text, i + 1) < 0 ? i + 1 : i + 2;

/** A date without a time yet: the scanners fill the time in as they read it. */
const midnight = (slash: boolean, a: number, b: number, year: number): Written => ({
  slash,
  a,
  b,
  year,
  hour: 0,
  minute: 0,
  second: 0,
  ms: 0,
  offset: undefined,
});

/** `a/b/yyyy[ h:mm[:ss][ AM]]` and its `-` `.` kin, the usual shapes, or undefined. */
function scanCulture(text: string): Written | undefined {
  const aEnd = endOfOneOrTwo(text, 0);
  const sep = text.charCodeAt(aEnd);
  if (aEnd === 0 || (sep !== SLASH && sep !== DASH && sep !== DOT)) return undefined;
  const bEnd = endOfOneOrTwo(text, aEnd + 1);
  if (bEnd === aEnd + 1 || text.charCodeAt(bEnd) !== sep) return undefined;
  const year = digits(text, bEnd + 1, 4);
  if (year < 0) return undefined;
  const w = midnight(
    sep === SLASH,
    digits(text, 0, aEnd),
    digits(text, aEnd + 1, bEnd - aEnd - 1),
    year,
  );
  let i = bEnd + 5;
  if (i === text.length) return w;
  if (text.charCodeAt(i) !== SPACE) return undefined;
  const hEnd = endOfOneOrTwo(text, i + 1);
  const hourSep = text.charCodeAt(hEnd);
  if (hEnd === i + 1 || (hourSep !== COLON && hourSep !== DOT)) return undefined;
  const hour = digits(text, i + 1, hEnd - i - 1);
  w.minute = digits(text, hEnd + 1, 2);
  if (w.minute < 0) return undefined;
  i = hEnd + 3;
  const secondSep = text.charCodeAt(i);
  if (secondSep === COLON || secondSep === DOT) {
    w.second = digits(text, i + 1, 2);
    if (w.second < 0) return undefined;
    i += 3;
  }
  if (i === text.length) {
    w.hour = hour;
    return w;
  }
  // ` AM`, `PM`, `pm`: anything else (dots, a fraction, other spaces) goes by the pattern.
  if (text.charCodeAt(i) === SPACE) i++;
  const ampm = text[i];
  const m = text[i + 1];
  if (i + 2 !== text.length || (m !== 'm' && m !== 'M')) return undefined;
  if (ampm !== 'a' && ampm !== 'A' && ampm !== 'p' && ampm !== 'P') return undefined;
  w.hour = hour24(hour, ampm);
  return w;
}

/** `yyyy-mm-dd[( |T)hh:mm:ss[.fff][Z]]`, the usual ISO shapes, or undefined. */
function scanIso(text: string): Written | undefined {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return undefined;
  const w = midnight(false, day, month, year);
  if (text.length === 10) return w;
  const t = text[10];
  if (t !== ' ' && t !== 'T') return undefined;
  w.hour = digits(text, 11, 2);
  w.minute = digits(text, 14, 2);
  w.second = digits(text, 17, 2);
  if (w.hour < 0 || w.minute < 0 || w.second < 0) return undefined;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  let i = 19;
  if (text.charCodeAt(i) === DOT) {
    let end = i + 1;
    while (digit(text, end) >= 0) end++;
    if (end === i + 1 || end > i + 10) return undefined;
    w.ms = msOf(text.slice(i + 1, end));
    i = end;
  }
  if (text[i] === 'Z') {
    w.offset = 0;
    i++;
  }
  return i === text.length ? w : undefined;
}

/**
 * The fast reading: the shapes exports are written in, by their characters, without the
 * patterns' captures. Undefined when the text is not one of them (which says nothing of
 * whether it is a date: the general reading decides). Where it reads, it reads what
 * `writtenByPattern` reads (a property test holds it to that).
 */
export function writtenFast(text: string): Written | undefined {
  return scanIso(text) ?? scanCulture(text);
}

/** A date as written (`text` trimmed), or undefined when it is no date we know. */
export function written(text: string): Written | undefined {
  return writtenFast(text) ?? writtenByPattern(text);
}
