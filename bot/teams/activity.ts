import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { Actor } from '../../shared/domain/actor';
import type { ChannelBinding } from '../../shared/domain/warRoom';

/**
 * What we require of an inbound activity before botbuilder sees it: botbuilder answers
 * 500 for some malformed bodies (no `type`), and we want a plain 400 with nothing stored.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1).max(512).optional(),
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1) }).optional(),
  text: z.string().max(28_000).optional(),
});

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string };
}

const channelData = (a: Activity) => (a.channelData ?? {}) as TeamsChannelData;

/** The tenant of an activity: conversation first, channel data second (Teams sets both, not always). */
export function tenantOf(a: Activity): string | undefined {
  return a.conversation?.tenantId || channelData(a).tenant?.id || undefined;
}

/** Identity is the Entra object id; `from.id` only where a channel has none (local tools). */
export function actorOf(a: Activity, tenantId: string): Actor {
  return {
    tenantId,
    userId: a.from?.aadObjectId || a.from?.id || 'unknown',
    name: a.from?.name || '',
  };
}

/** The channel a message came from; a thread reply's conversation id carries `;messageid=`. */
export function bindingOf(a: Activity, tenantId: string): ChannelBinding {
  const data = channelData(a);
  const conversationId = a.conversation.id.split(';')[0] ?? a.conversation.id;
  return {
    tenantId,
    teamId: data.team?.id ?? null,
    channelId: data.channel?.id ?? conversationId,
    conversationId,
    serviceUrl: a.serviceUrl,
  };
}

export const isChannelConversation = (a: Activity) =>
  a.conversation?.conversationType === 'channel' || !!channelData(a).channel?.id;

/** The names under which this message mentions the bot (Teams marks them as entities). */
export function botMentionNames(a: Activity): string[] {
  const names = (a.entities ?? [])
    .filter(
      (e) =>
        e.type === 'mention' &&
        (e as { mentioned?: { id?: string } }).mentioned?.id === a.recipient?.id,
    )
    .map((e) => String((e as { text?: string }).text ?? '').replace(/<\/?at>/gi, ''))
    .filter(Boolean);
  return a.recipient?.name ? [...names, a.recipient.name] : names;
}
