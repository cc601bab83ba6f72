import { randomUUID } from 'node:crypto';

/** The development identity's tenant (the Agents Playground's own tenant id). */
export const TENANT = '00000000-0000-0000-0000-0000000000001';
export const OTHER_TENANT = '99999999-0000-0000-0000-000000000009';
export const BOT = { id: '28:war-room-bot', name: 'War Room' };

export interface Person {
  aadObjectId: string;
  name: string;
}
export const ALICE: Person = {
  aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000a11c',
  name: 'Alice Lead',
};

export interface ChannelOptions {
  serviceUrl: string;
  tenantId?: string;
  channelId?: string;
  teamId?: string;
  from?: Person;
  locale?: string;
}

/** A Teams channel, as the activities Teams posts from it look. */
export function channel(opts: ChannelOptions) {
  const tenantId = opts.tenantId ?? TENANT;
  const channelId = opts.channelId ?? `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const teamId = opts.teamId ?? '19:team-general@thread.tacv2';
  const from = opts.from ?? ALICE;
  const base = () => ({
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: opts.locale ?? 'en-US',
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: {
      id: `${channelId};messageid=1700000000000`,
      conversationType: 'channel',
      isGroup: true,
      tenantId,
    },
    channelData: {
      tenant: { id: tenantId },
      team: { id: teamId, name: 'Cutover' },
      channel: { id: channelId, name: 'War room' },
    },
  });
  return {
    channelId,
    tenantId,
    /** `@War Room <text>` as Teams sends it: the mention in the text and as an entity. */
    message(text: string) {
      return {
        ...base(),
        type: 'message',
        text: `<at>War Room</at> ${text}`,
        textFormat: 'plain',
        entities: [{ type: 'mention', text: '<at>War Room</at>', mentioned: BOT }],
      };
    },
    /** An `Action.Execute` click on a card. */
    cardAction(verb: string, data: unknown) {
      return {
        ...base(),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      };
    },
  };
}
