export interface FormatInstantOptions {
  /** IANA zone of the war room, e.g. `Europe/Copenhagen`. Unknown zones fall back to UTC. */
  timeZone: string;
  /** BCP 47 locale of the reader, e.g. `da-DK`. Malformed tags fall back to English. */
  locale: string;
}

const FALLBACK_LOCALE = 'en';
const FALLBACK_TIME_ZONE = 'UTC';

const OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  // Always shown: it tells "02:30 CEST" from "02:30 CET" on the fall-back night, and shows
  // "UTC" when the war room's zone was unknown, so nobody mistakes UTC for local time.
  timeZoneName: 'short',
};

/**
 * A card re-rendered on every click shows the same few instants again (logged, updated,
 * its notes): formatting one with its zone's name costs more than the rest of the line.
 */
const formatted = new Map<string, string>();
const MAX_FORMATTED = 4096;

/** Formatters are costly to build and few combinations occur: keep the ones made. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 64;

/**
 * The locales to ask Intl for: the reader's, then English. A well-formed but unsupported
 * tag (`xx-YY`) thus gives English rather than the runtime's default; a malformed one
 * (`''`, `en_GB`) would make Intl throw, so it is dropped.
 */
function localesFor(locale: string): string[] {
  try {
    return [...Intl.getCanonicalLocales(locale), FALLBACK_LOCALE];
  } catch {
    return [FALLBACK_LOCALE];
  }
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(FALLBACK_LOCALE, { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(localesFor(locale), {
      ...OPTIONS,
      timeZone: isKnownTimeZone(timeZone) ? timeZone : FALLBACK_TIME_ZONE,
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an instant for people: in the war room's time zone and the reader's language,
 * with the weekday (cutovers run over weekends) and the zone's short name (so "02:30" is
 * never ambiguous on a daylight-saving night). Used by the bot's cards and the tab alike.
 *
 * Never throws: a malformed locale gives English, an unknown zone gives UTC (labelled as
 * such), and a string that is not an instant is returned as it is.
 */
export function formatInstant(iso: string, { timeZone, locale }: FormatInstantOptions): string {
  const key = `${locale}\u0000${timeZone}\u0000${iso}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let text: string;
  try {
    text = formatterFor(String(locale ?? ''), String(timeZone ?? '')).format(date);
  } catch {
    // Not expected after the fallbacks above; a time that cannot be shown must not break a card.
    return iso;
  }
  if (formatted.size >= MAX_FORMATTED) formatted.clear();
  formatted.set(key, text);
  return text;
}
