/** Formatting for the overview: numbers and instants in the user's locale, the war room's zone. */

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatCount(locale: string, n: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

/** `Sat 14:05` in the war room's zone. */
export function formatWhen(locale: string, timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** `14:05` in the war room's zone. */
export function formatClock(locale: string, timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    at,
  );
}

/** A duration as `2 h 5 min` / `40 min`, in the locale's unit words. */
export function formatDuration(locale: string, ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return unit(minutes, 'minute');
  const rest = minutes % 60;
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}
