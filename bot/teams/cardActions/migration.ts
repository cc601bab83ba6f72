import { migrationCardData, VERBS } from '../../../shared/cards/actions';
import { forbidden, isDomainError } from '../../../shared/domain/errors';
import { incidentRef } from '../../../shared/domain/incident';
import { messageFor } from '../../../shared/i18n';
import { incidentCard } from '../../cards/incidentCard';
import { cardMessage } from '../../cards/message';
import { statusCard } from '../../cards/statusCard';
import { incidentSubject } from '../../services/subjects';
import { cardResponse } from '../invokeResponse';
import { cardAction, type CardActionContext } from './types';

/** The status card's buttons: refresh, and an incident for the failures. */
export const MIGRATION_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.migrationRefresh,
    schema: migrationCardData,
    handle: (context, { warRoomId }) => render(context, warRoomId),
  }),
  cardAction({
    verb: VERBS.migrationFailuresIncident,
    schema: migrationCardData,
    async handle(context, { warRoomId }) {
      const { deps, actor, origin, delivery, activity } = context;
      if (!delivery) return render(context, warRoomId);
      try {
        await deps.status.incidentForFailures(actor, origin, {
          delivery,
          // The incident's card, posted beside the status card; it is edited in place later.
          messages: (shown) => [
            {
              target: { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id },
              activity: cardMessage(
                incidentCard({
                  ...shown,
                  timeZone: shown.warRoom.timeZone,
                  locale: shown.warRoom.language,
                }),
                `${incidentRef(shown.incident.number)}: ${shown.incident.title}`,
              ),
              subject: incidentSubject(shown.incident.id),
            },
          ],
        });
        return render(context, warRoomId);
      } catch (e) {
        if (isDomainError(e) && e.kind === 'invalid') {
          return render(context, warRoomId, (language) => messageFor(language, e));
        }
        throw e;
      }
    },
  }),
];

async function render(
  { deps, actor, origin }: CardActionContext,
  warRoomId: string,
  notice?: (language: string) => string,
) {
  const { view, warRoom } = await deps.status.get(actor, origin);
  // The card acts on its own channel's war room only.
  if (warRoom.id !== warRoomId) throw forbidden('incident.otherWarRoom');
  return cardResponse(
    statusCard(view, {
      timeZone: warRoom.timeZone,
      locale: warRoom.language,
      notice: notice?.(warRoom.language),
    }),
  );
}
