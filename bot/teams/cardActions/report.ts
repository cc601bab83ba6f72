import { LESSONS_INPUT, reportSaveLessonsData, VERBS } from '../../../shared/cards/actions';
import { forbidden } from '../../../shared/domain/errors';
import { reportCard } from '../../cards/reportCard';
import { reportLinks } from '../commands/report';
import { cardResponse } from '../invokeResponse';
import { localeOf } from '../activity';
import { cardAction, changeThenRender, type CardActionContext } from './types';

/** The report card's lessons learned form: the lead saves, the card shows what is stored. */
export const REPORT_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.reportSaveLessons,
    schema: reportSaveLessonsData,
    async handle(context, data) {
      const { deps, actor, origin } = context;
      return changeThenRender(
        context,
        async (delivery) => {
          const { warRoom } = await deps.lessons.view(actor, origin);
          if (warRoom.id !== data.warRoomId) throw forbidden('incident.otherWarRoom');
          await deps.lessons.save(actor, origin, data[LESSONS_INPUT] ?? '', { delivery });
        },
        (notice) => render(context, notice),
      );
    },
  }),
];

async function render(
  { deps, actor, origin, activity }: CardActionContext,
  notice?: (language: string, timeZone: string) => string,
) {
  const { warRoom, lessons } = await deps.lessons.view(actor, origin);
  return cardResponse(
    reportCard({
      warRoomId: warRoom.id,
      title: warRoom.title,
      links: reportLinks(deps.config, warRoom, localeOf(activity)),
      lessons,
      timeZone: warRoom.timeZone,
      locale: warRoom.language,
      notice: notice?.(warRoom.language, warRoom.timeZone),
    }),
  );
}
