import { DEFAULT_HANDOVER_HOURS, MAX_HANDOVER_HOURS } from '../../../shared/report/handover';
import { t } from '../../../shared/i18n';
import { cardMessage } from '../../cards/message';
import { handoverCard } from '../../cards/handoverCard';
import { reportCard } from '../../cards/reportCard';
import { bindingOf } from '../activity';
import { replyTo } from '../replies';
import { answer, type Handler } from './types';

/**
 * `report`: the evaluation report's card in the war room's language, with links to the
 * report (when the server knows its public address) and the lessons learned form.
 */
export const onReport: Handler<'report'> = async (turn) => {
  const { context, deps, actor, locale, delivery } = turn;
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  const { warRoom, lessons } = await deps.lessons.view(actor, { channelId });
  const card = reportCard({
    warRoomId: warRoom.id,
    title: warRoom.title,
    links: reportLinks(deps.config.publicUrl, warRoom.id, locale),
    lessons,
    timeZone: warRoom.timeZone,
    locale: warRoom.language,
  });
  await deps.replies.reply(delivery, [
    replyTo(context.activity, cardMessage(card, t(warRoom.language, 'report.card.title'))),
  ]);
};

/** The report's addresses on this server, in the asker's language. */
export function reportLinks(publicUrl: string | undefined, warRoomId: string, locale: string) {
  if (!publicUrl) return null;
  const base = `${publicUrl}/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/report`;
  const lang = encodeURIComponent(locale);
  return {
    html: `${base}?format=html&locale=${lang}`,
    markdown: `${base}?format=md&locale=${lang}`,
  };
}

/**
 * `handover [6h]`: a summary of the last hours for the next shift, posted in the channel in
 * the war room's language. It informs; it decides nothing.
 */
export const onHandover: Handler<'handover'> = async (turn, command) => {
  const { context, deps, actor, locale, delivery } = turn;
  const hours = command.hours === undefined ? DEFAULT_HANDOVER_HOURS : command.hours;
  if (hours === null || hours < 1 || hours > MAX_HANDOVER_HOURS) {
    await answer(
      turn,
      t(locale, 'handover.usage', { hours: DEFAULT_HANDOVER_HOURS, max: MAX_HANDOVER_HOURS }),
    );
    return;
  }
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.handovers.post(actor, { channelId }, hours, {
    delivery,
    messages: ({ view, warRoom }) => [
      replyTo(
        context.activity,
        cardMessage(
          handoverCard(view, { timeZone: warRoom.timeZone, locale: warRoom.language }),
          t(warRoom.language, 'handover.title', { count: hours }),
        ),
      ),
    ],
  });
};
