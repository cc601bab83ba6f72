import { randomUUID } from 'node:crypto';
import { BOT, GENERAL_CHANNEL_ID, SOFIE, TEAM_ID, TENANT_ID, type DemoPerson } from './playground';

/** How Teams writes a mention in a message's text. */
export const at = (p: { name: string }): string => `<at>${p.name}</at>`;

/**
 * `@War Room <text>` from Sofie in the Playground team's General channel, as the Playground
 * posts it: the bot's mention and each person's mention both in the text and as entities.
 * `text` mentions people with `at(person)`.
 */
export function channelMessage(
  serviceUrl: string,
  text: string,
  mentioned: readonly DemoPerson[] = [],
): Record<string, unknown> {
  return {
    type: 'message',
    id: `demo-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    from: { id: SOFIE.id, name: SOFIE.name, aadObjectId: SOFIE.aadObjectId },
    recipient: BOT,
    conversation: {
      id: GENERAL_CHANNEL_ID,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT_ID,
    },
    channelData: {
      tenant: { id: TENANT_ID },
      team: { id: TEAM_ID, name: 'Mailbox cutover' },
      channel: { id: GENERAL_CHANNEL_ID, name: 'General' },
    },
    text: `${at(BOT)} ${text}`,
    textFormat: 'plain',
    entities: [
      { type: 'mention', text: at(BOT), mentioned: BOT },
      ...mentioned.map((p) => ({
        type: 'mention',
        text: at(p),
        mentioned: { id: p.id, name: p.name },
      })),
    ],
  };
}
