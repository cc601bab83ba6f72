import { invalid } from './errors';
import { TITLE_MAX } from './warRoom';

/**
 * Trims and checks a title a person typed (of a war room or an incident): collapses
 * whitespace, refuses an empty or over-long one. `kind` picks the message catalog entries.
 */
export function validTitle(raw: string, kind: 'warroom' | 'incident'): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title) throw invalid(`${kind}.titleRequired`);
  if (title.length > TITLE_MAX) throw invalid(`${kind}.titleTooLong`, { max: TITLE_MAX });
  return title;
}
