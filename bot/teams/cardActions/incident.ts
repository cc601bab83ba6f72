import { incidentRefreshData, incidentSetStatusData, VERBS } from '../../../shared/cards/actions';
import { isDomainError } from '../../../shared/domain/errors';
import { messageFor } from '../../../shared/i18n';
import { incidentCard } from '../../cards/incidentCard';
import { cardResponse } from '../invokeResponse';
import { cardAction, type CardActionContext } from './types';

/** The incident card's buttons. */
export const INCIDENT_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.incidentSetStatus,
    schema: incidentSetStatusData,
    async handle(context, { incidentId, status, version }) {
      const { deps, actor, origin, delivery } = context;
      if (!delivery) return render(context, incidentId);
      try {
        await deps.incidents.changeStatus(
          actor,
          origin,
          { incidentId, status, expectedVersion: version },
          { delivery },
        );
        return render(context, incidentId);
      } catch (e) {
        // A stale card or a move the lifecycle forbids: show how things stand, and why.
        if (isDomainError(e) && (e.kind === 'conflict' || e.kind === 'invalid')) {
          return render(context, incidentId, (language) => messageFor(language, e));
        }
        throw e;
      }
    },
  }),
  cardAction({
    verb: VERBS.incidentRefresh,
    schema: incidentRefreshData,
    handle: (context, { incidentId }) => render(context, incidentId),
  }),
];

async function render(
  { deps, actor, origin }: CardActionContext,
  incidentId: string,
  /** Why the click did not apply, in the card's language. */
  notice?: (language: string) => string,
) {
  const { incident, warRoom } = await deps.incidents.get(actor, origin, incidentId);
  // The refreshed card replaces the one everyone sees: the war room's language, as posted.
  const language = warRoom.language;
  return cardResponse(
    incidentCard({
      incident,
      timeZone: warRoom.timeZone,
      locale: language,
      notice: notice?.(language),
    }),
  );
}
