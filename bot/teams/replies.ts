import type { Activity } from 'botbuilder';
import type { Outbound } from '../services/effects';

/**
 * A reply whose text may contain what a person typed (a title, an unknown word): sent as
 * plain text, because Teams renders message text as Markdown and a typed
 * "[Reset password](https://…)" must not become a link the bot seems to offer.
 */
export const plainText = (text: string): Partial<Activity> => ({ text, textFormat: 'plain' });

/** A message owed in answer to `inbound`: in its conversation (thread), replying to it. */
export function replyTo(
  inbound: Activity,
  activity: Partial<Activity>,
  extra: Pick<Outbound, 'subject' | 'failureNotice'> = {},
): Outbound {
  return {
    target: {
      serviceUrl: inbound.serviceUrl,
      conversationId: inbound.conversation.id,
      ...(inbound.id ? { replyToId: inbound.id } : {}),
    },
    activity: { type: 'message', ...activity } as Record<string, unknown>,
    ...extra,
  };
}
