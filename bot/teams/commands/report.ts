import { DEFAULT_HANDOVER_HOURS, MAX_HANDOVER_HOURS } from '../../../shared/report/handover';
import { t } from '../../../shared/i18n';
import { cardMessage } from '../../cards/message';
import { handoverCard } from '../../cards/handoverCard';
import { tabPageLink } from '../../cards/deepLinks';
import { reportCard, type ReportLinks } from '../../cards/reportCard';
import type { Config } from '../../config';
import type { WarRoom } from '../../../shared/domain/warRoom';
import { TAB_PAGES } from '../../../shared/cards/tabPages';
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
    links: reportLinks(deps.config, warRoom, locale),
    lessons,
    timeZone: warRoom.timeZone,
    locale: warRoom.language,
  });
  await deps.replies.reply(delivery, [
    replyTo(context.activity, cardMessage(card, t(warRoom.language, 'report.card.title'))),
  ]);
};

/**
 * Where the report card's buttons lead. The report's own addresses answer only a signed-in
 * caller, and a link opened from a card carries no sign-in: they are offered in local
 * development only (no sign-in there). Otherwise the card opens the Report page of the
 * channel's tab, which signs in and fetches the report itself, when the manifest's id is
 * known (`TEAMS_APP_ID`); without it the card says where to find the report.
 */
export function reportLinks(
  config: Pick<Config, 'publicUrl' | 'localDev' | 'teamsAppId'>,
  warRoom: Pick<WarRoom, 'id' | 'channelId' | 'language'>,
  locale: string,
): ReportLinks {
  const tab = config.teamsAppId
    ? tabPageLink(
        config.teamsAppId,
        warRoom.channelId,
        TAB_PAGES.report,
        t(warRoom.language, 'report.card.title'),
      )
    : null;
  if (!config.localDev || !config.publicUrl) return { direct: null, tab };
  const base = `${config.publicUrl}/api/v1/war-rooms/${encodeURIComponent(warRoom.id)}/report`;
  const lang = encodeURIComponent(locale);
  return {
    direct: {
      html: `${base}?format=html&locale=${lang}`,
      markdown: `${base}?format=md&locale=${lang}`,
    },
    tab,
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
