import type { Activity } from 'botbuilder';

/**
 * A reply whose text may contain what a person typed (a title, an unknown word): sent as
 * plain text, because Teams renders message text as Markdown and a typed
 * "[Reset password](https://…)" must not become a link the bot seems to offer.
 */
export const plainText = (text: string): Partial<Activity> => ({ text, textFormat: 'plain' });
