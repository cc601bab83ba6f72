import { actionSetStatusData, VERBS } from '../../../shared/cards/actions';
import { isDomainError } from '../../../shared/domain/errors';
import { messageFor } from '../../../shared/i18n';
import { actionCard } from '../../cards/actionCard';
import { cardResponse } from '../invokeResponse';
import { cardAction, type CardActionContext } from './types';

/** The action card's buttons (Done, Cancel, Reopen), also on the `actions` list. */
export const ACTION_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.actionSetStatus,
    schema: actionSetStatusData,
    async handle(context, { actionId, status, version }) {
      const { deps, actor, origin, delivery } = context;
      if (!delivery) return render(context, actionId);
      try {
        await deps.actions.setStatus(
          actor,
          origin,
          { actionId, status, expectedVersion: version },
          { delivery },
        );
        return render(context, actionId);
      } catch (e) {
        if (isDomainError(e) && (e.kind === 'conflict' || e.kind === 'invalid')) {
          return render(context, actionId, (language) => messageFor(language, e));
        }
        throw e;
      }
    },
  }),
];

async function render(
  { deps, actor, origin }: CardActionContext,
  actionId: string,
  notice?: (language: string) => string,
) {
  const { action, warRoom } = await deps.actions.get(actor, origin, actionId);
  const language = warRoom.language;
  return cardResponse(
    actionCard({
      action,
      timeZone: warRoom.timeZone,
      locale: language,
      notice: notice?.(language),
    }),
  );
}
