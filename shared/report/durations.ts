/**
 * Elapsed time between two instants, in milliseconds; null when either is missing or the
 * end comes before the start. Elapsed, not wall-clock: an incident opened at 01:50 CEST and
 * resolved at 02:10 CET on the October night took 1 h 20 min, whatever the clocks showed
 * (docs/decisions/021).
 */
export function elapsedMs(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** Whole minutes of a duration, rounded down (what a spreadsheet column holds). */
export const minutesOf = (ms: number | null): number | null =>
  ms === null ? null : Math.floor(ms / 60_000);

/**
 * A duration for people, with the reader's unit words from Intl (`2 hr 5 min`,
 * `2 t. 5 min.`, `2 uur 5 min`, `2 h 5 min`); under a minute reads as `0 min`. Hours are
 * not turned into days: a cutover weekend is counted in hours.
 */
export function formatDuration(ms: number | null, locale: string): string {
  if (ms === null) return '';
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const unit = (u: 'hour' | 'minute', n: number) =>
    new Intl.NumberFormat(safeLocale(locale), {
      style: 'unit',
      unit: u,
      unitDisplay: 'short',
    }).format(n);
  const rest = unit('minute', minutes % 60);
  return hours > 0 ? `${unit('hour', hours)} ${rest}` : rest;
}

/** Formatters per zone: a report formats thousands of times in one or two zones. */
const sheetFormatters = new Map<string, Intl.DateTimeFormat>();

function sheetFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = sheetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    if (sheetFormatters.size >= 64) sheetFormatters.clear();
    sheetFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * An instant as a spreadsheet reads it: the war room's wall-clock time with its offset,
 * sortable as text (`2026-10-25 02:30 +01:00`). '' for null; the ISO text itself for an
 * unknown zone or a string that is no instant.
 */
export function sheetInstant(iso: string | null, timeZone: string): string {
  if (iso === null) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const parts = Object.fromEntries(
      sheetFormatter(timeZone)
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    );
    const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${offset}`;
  } catch {
    return iso;
  }
}

function safeLocale(locale: string): string[] {
  try {
    return [...Intl.getCanonicalLocales(locale), 'en'];
  } catch {
    return ['en'];
  }
}
