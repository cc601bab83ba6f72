import { invalid } from './errors';
import { TITLE_MAX } from './warRoom';

/**
 * Control characters (C0 with NUL, DEL, C1) and lone surrogate halves. PostgreSQL refuses a
 * NUL that SQLite keeps, and both store a lone surrogate as U+FFFD: cleaned out before
 * storage, a text reads back as it was checked, on either engine.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/gu;

/**
 * Text a person typed or chose (a title, a display name) as one line: each control
 * character becomes a space (it most often stood between words: a tab, a pasted line or
 * field separator), runs of whitespace become one space, the ends are trimmed.
 */
export function singleLine(raw: string): string {
  return raw.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Trims and checks a title a person typed (of a war room or an incident): one line without
 * control characters; refuses an empty or over-long one. `kind` picks the message catalog
 * entries.
 */
export function validTitle(
  raw: string,
  kind: 'warroom' | 'incident' | 'decision' | 'action',
): string {
  const title = singleLine(raw);
  if (!title) throw invalid(`${kind}.titleRequired`);
  if (title.length > TITLE_MAX) throw invalid(`${kind}.titleTooLong`, { max: TITLE_MAX });
  return title;
}
