const OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/**
 * An instant as the war room sees it: in its time zone, in the user's language, with the
 * weekday (cutovers run over weekends) and the zone abbreviation (DST changes happen then).
 */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { ...OPTIONS, timeZone }).format(date);
  } catch {
    // An unknown zone or locale must not blank the table: fall back to the browser's own.
    return new Intl.DateTimeFormat(undefined, OPTIONS).format(date);
  }
}
