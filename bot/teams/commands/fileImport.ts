import { z } from 'zod';
import { t } from '../../../shared/i18n';
import { chooseWarRoomCard } from '../../cards/fileImportCard';
import { cardMessage } from '../../cards/message';
import { ImportRejected } from '../../services/migration';
import { at, bindingOf, isChannelConversation } from '../activity';
import type { TeamsDeps } from '../deps';
import { downloadFile, DownloadRefused } from '../fileDownload';
import { importedText, rejectedText } from '../fileReplies';
import { plainText, replyTo } from '../replies';
import { answer, type Handler, type Turn } from './types';

/** How Teams hands a bot a file sent in a personal chat (`supportsFiles` in the manifest). */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const fileAttachment = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().min(1).max(512),
  content: z.looseObject({
    downloadUrl: z.string().min(1).max(8192),
    fileType: z.string().max(32).nullish(),
  }),
});

export type SentFile = { name: string; downloadUrl: string; fileType: string };

/** The file a message carries: a valid one, one Teams described in a shape we cannot read, or none. */
export function sentFile(attachments: unknown): SentFile | 'unreadable' | undefined {
  if (!Array.isArray(attachments)) return undefined;
  const files = attachments.filter(
    (a: unknown) =>
      typeof a === 'object' &&
      a !== null &&
      'contentType' in a &&
      a.contentType === FILE_DOWNLOAD_INFO,
  );
  if (files.length === 0) return undefined;
  const parsed = fileAttachment.safeParse(files[0]);
  if (!parsed.success) return 'unreadable';
  const { name, content } = parsed.data;
  const fileType = (content.fileType ?? name.split('.').at(-1) ?? '').toLowerCase();
  return { name, downloadUrl: content.downloadUrl, fileType };
}

/** Downloads a sent file; a refusal's detail (host, size, never the link's token) is logged. */
export async function fetchFile(deps: TeamsDeps, url: string): Promise<Uint8Array> {
  try {
    return await downloadFile(url, deps.config.fileDownload);
  } catch (e) {
    if (e instanceof DownloadRefused) {
      deps.logger.warn('a sent file was not downloaded', { problem: e.problem, detail: e.message });
    }
    throw e;
  }
}

/** Status exports are CSV (Export-Csv writes `.csv`; some save them as `.txt`). */
const IMPORTABLE = new Set(['csv', 'txt']);

/** `import`, and a file dropped in a channel: where and how a status export goes in. */
export const onImport: Handler<'import'> = async (turn) => {
  const { context, deps, actor, locale } = turn;
  const inChannel = isChannelConversation(context.activity);
  const warRoom = inChannel
    ? await deps.warRooms.findByChannel(
        actor.tenantId,
        bindingOf(context.activity, actor.tenantId).channelId,
      )
    : undefined;
  await answer(turn, t(locale, 'import.howTo', { warRoomId: warRoom?.id ?? '<war-room-id>' }));
};

/**
 * A file sent to the bot. In a personal chat: imported into the sender's war room, or, when
 * they have several, held until they pick one on a card. In a channel: how to do it.
 */
export async function onFile(turn: Turn, file: SentFile | 'unreadable'): Promise<void> {
  const { context, deps, actor, locale, delivery } = turn;
  // Teams hands bots files in personal chats only; elsewhere, say how it is done.
  const personal = at(context.activity, 'conversation', 'conversationType') === 'personal';
  if (!personal || isChannelConversation(context.activity)) {
    return onImport(turn, { kind: 'import' });
  }
  if (file === 'unreadable') return answer(turn, t(locale, 'file.download.failed'));
  if (!IMPORTABLE.has(file.fileType)) {
    return answer(turn, t(locale, 'file.notCsv', { name: file.name }));
  }
  const targets = await deps.fileImports.targets(actor);
  const [only] = targets;
  if (!only) return answer(turn, t(locale, 'file.noWarRoom'));
  if (targets.length > 1) {
    const uploadId = deps.fileImports.hold(actor, file);
    const card = chooseWarRoomCard({ uploadId, fileName: file.name, warRooms: targets, locale });
    await deps.replies.reply(delivery, [
      replyTo(context.activity, cardMessage(card, t(locale, 'file.choose.title', file))),
    ]);
    return;
  }
  try {
    await deps.fileImports.importInto(actor, only.id, () => fetchFile(deps, file.downloadUrl), {
      delivery,
      messages: (summary) => [
        replyTo(context.activity, plainText(importedText(locale, file.name, only.title, summary))),
      ],
    });
  } catch (e) {
    if (!(e instanceof ImportRejected)) throw e;
    await answer(turn, rejectedText(locale, e));
  }
}
