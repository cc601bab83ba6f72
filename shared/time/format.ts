/**
 * Formats an instant for people: in the war room's time zone and the reader's language,
 * with the zone's short name so "02:30" is never ambiguous on a daylight-saving night.
 */
export function formatInstant(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale || 'en', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}
