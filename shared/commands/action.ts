import type { Person } from '../domain/person';
import { extractWhen } from '../time/parse';

/** What `action <title> @owner [due <when>]` asks, read with the message's mentions. */
export function parseAction(
  text: string,
  people: readonly Person[],
): { title: string; owner: Person | undefined; whenText: string | undefined } {
  const { rest, whenText } = extractWhen(text.trim());
  const owner = people[0];
  // The title ends where the owner's name begins.
  const at = owner ? rest.indexOf(owner.name) : -1;
  const title = (at >= 0 ? rest.slice(0, at) + rest.slice(at + owner!.name.length) : rest)
    .replace(/\s+/g, ' ')
    .trim();
  return { title, owner, whenText };
}
