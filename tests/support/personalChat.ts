import { randomUUID } from 'node:crypto';
import { ALICE, BOT, TENANT, type Person } from './activities';

/** How Teams describes a file sent to the bot in a personal chat. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A person's personal chat with the bot, as the activities Teams posts from it look. */
export function personalChat(opts: {
  serviceUrl: string;
  from?: Person;
  tenantId?: string;
  locale?: string;
}) {
  const tenantId = opts.tenantId ?? TENANT;
  const from = opts.from ?? ALICE;
  const conversation = {
    id: `a:1${randomUUID().replace(/-/g, '')}`,
    conversationType: 'personal',
    tenantId,
  };
  const base = () => ({
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: opts.locale ?? 'en-US',
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: tenantId } },
  });
  return {
    conversationId: conversation.id,
    /** A file sent to the bot: Teams uploaded it to OneDrive and gives a download link. */
    file(name: string, downloadUrl: string, fileType = name.split('.').at(-1) ?? '') {
      return {
        ...base(),
        type: 'message',
        text: '',
        attachments: [
          {
            contentType: FILE_DOWNLOAD_INFO,
            contentUrl: `https://contoso-my.sharepoint.com/personal/alice/Documents/${name}`,
            name,
            content: { downloadUrl, uniqueId: randomUUID(), fileType, etag: randomUUID() },
          },
        ],
      };
    },
    /** An `Action.Execute` click on a card in this chat. */
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
