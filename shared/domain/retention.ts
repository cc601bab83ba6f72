import { LANGUAGES, type Language } from '../i18n';

/** Days a closed war room is kept before the scheduler purges it (PRIVACY.md). */
export const DEFAULT_RETENTION_DAYS = 90;
/** The lead may choose within these bounds: a week to keep an evaluation, ten years at most. */
export const RETENTION_MIN_DAYS = 7;
export const RETENTION_MAX_DAYS = 3650;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a war room closed at `closedAt` and kept `days` is purged. */
export function purgeDue(closedAt: string, days: number): Date {
  return new Date(new Date(closedAt).getTime() + days * DAY_MS);
}

/** `90`, `90d`, `90 days`, `90 dage`, `90 dagen`, `90 jours`: the number of days, if in bounds. */
export function parseRetentionDays(text: string): number | undefined {
  const m = /^(\d{1,5})\s*(?:d|days?|dage|dagen|jours?)?\.?$/i.exec(text.trim());
  const days = m ? Number(m[1]) : NaN;
  return days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS ? days : undefined;
}

/** Language words people type after `language` (codes, and the languages' own names). */
const LANGUAGE_WORDS: Record<Language, readonly string[]> = {
  en: ['en', 'english', 'engelsk', 'engels', 'anglais'],
  da: ['da', 'dansk', 'danish', 'deens', 'danois'],
  nl: ['nl', 'nederlands', 'dutch', 'hollandsk', 'néerlandais', 'neerlandais', 'vlaams'],
  fr: ['fr', 'français', 'francais', 'french', 'fransk', 'frans'],
};

export function parseLanguage(text: string): Language | undefined {
  const word = text.trim().toLowerCase();
  return LANGUAGES.find((l) => LANGUAGE_WORDS[l].includes(word));
}
