import type { Person } from '../../shared/domain/person';

/** What Teams needs to mention someone: `<at>Name</at>` in the text and a matching entity. */
export interface Mention {
  text: string;
  entity: { type: 'mention'; text: string; mentioned: { id: string; name: string } };
}

/** HTML-escaped, because Teams reads message text (and mention text) as HTML. */
export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A mention of `person` for a message or a card (`msteams.entities`). The name is escaped,
 * so "Ben & Jerry <IT>" shows as typed and reads back as the same person.
 */
export function mention(person: Person): Mention {
  const text = `<at>${escapeHtml(person.name)}</at>`;
  return {
    text,
    entity: { type: 'mention', text, mentioned: { id: person.id, name: person.name } },
  };
}
