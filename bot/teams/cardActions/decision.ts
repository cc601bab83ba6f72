import { decisionAnswerData, decisionRefreshData } from '../../../shared/cards/actions';
import { VERBS } from '../../../shared/cards/actions';
import { isApprover } from '../../../shared/domain/decision';
import { isDomainError } from '../../../shared/domain/errors';
import { messageFor } from '../../../shared/i18n';
import { decisionCard } from '../../cards/decisionCard';
import { cardResponse } from '../invokeResponse';
import { cardAction, type CardActionContext } from './types';

/** The decision card's buttons, and the refresh that gives approvers their own view. */
export const DECISION_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.decisionRefresh,
    schema: decisionRefreshData,
    handle: (context, { decisionId }) => render(context, decisionId),
  }),
  cardAction({
    verb: VERBS.decisionAnswer,
    schema: decisionAnswerData,
    async handle(context, { decisionId, verdict, comment }) {
      const { deps, actor, origin, delivery } = context;
      if (!delivery) return render(context, decisionId);
      try {
        await deps.decisions.answer(
          actor,
          origin,
          { decisionId, verdict, comment: comment ?? '' },
          { delivery },
        );
        return render(context, decisionId);
      } catch (e) {
        // Decided already, answered already, or changed meanwhile: show how it stands, and why.
        if (isDomainError(e) && e.kind === 'conflict') {
          return render(context, decisionId, (language) => messageFor(language, e));
        }
        throw e;
      }
    },
  }),
];

async function render(
  { deps, actor, origin }: CardActionContext,
  decisionId: string,
  notice?: (language: string) => string,
) {
  const { decision, warRoom } = await deps.decisions.get(actor, origin, decisionId);
  const language = warRoom.language;
  // A named approver's own view has the buttons; everyone else's is read-only.
  const view = decision.approvers.some((a) => isApprover(a, actor)) ? 'approver' : 'everyone';
  return cardResponse(
    decisionCard({
      decision,
      timeZone: warRoom.timeZone,
      locale: language,
      view,
      notice: notice?.(language),
    }),
  );
}
