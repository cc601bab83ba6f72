import type { Person } from '../domain/person';

/** A mention entity of a Teams message, as the transport hands it over. */
export interface MentionEntity {
  /** `<at>Name</at>` as it appears in the message text (entities as Teams sent them). */
  text: string;
  id: string;
  aadObjectId?: string;
  name?: string;
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};

/** Text as people read it: Teams' HTML entities decoded, spaces collapsed. */
export function decodeText(text: string): string {
  return text
    .replace(
      /&(nbsp|amp|lt|gt|quot|apos|#39);/gi,
      (_, n: string) => ENTITIES[n.toLowerCase()] ?? '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The mention's name: the text between `<at>` and `</at>`, decoded. */
const mentionName = (text: string) => decodeText(text.replace(/^<at>|<\/at>$/gi, ''));

/**
 * The people a message mentions, in the order of the text, each once, as identities taken
 * from the message's mention entities (never from the typed name alone: two people can
 * share a name). `isBot` filters out the bot's own mentions. Linear in the text.
 */
export function mentionedPeople(
  text: string,
  entities: readonly MentionEntity[],
  isBot: (entity: MentionEntity) => boolean,
): Person[] {
  const unused = entities.filter((e) => !isBot(e));
  const people: Person[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(/<at>([^<]*)<\/at>/gi)) {
    const name = decodeText(match[1] ?? '');
    const at = unused.findIndex((e) => mentionName(e.text) === name);
    if (at < 0) continue; // a mention of the bot, or a typed <at> without an entity
    const [entity] = unused.splice(at, 1);
    if (!entity || seen.has(entity.id)) continue;
    seen.add(entity.id);
    people.push({
      id: entity.id,
      ...(entity.aadObjectId ? { aadObjectId: entity.aadObjectId } : {}),
      name: name || decodeText(entity.name ?? ''),
    });
  }
  return people;
}
