import {
  decisionAnswerData,
  decisionCreateData,
  decisionRecordData,
  decisionRefreshData,
  decisionWithdrawData,
  VERBS,
} from '../../../shared/cards/actions';
import { decisionRef, isApprover } from '../../../shared/domain/decision';
import { isDomainError } from '../../../shared/domain/errors';
import { messageFor, t } from '../../../shared/i18n';
import { decisionCard } from '../../cards/decisionCard';
import { decisionFormCard } from '../../cards/decisionFormCard';
import { sentenceCard } from '../../cards/sentenceCard';
import type { WithRoom } from '../../services/decisions';
import type { Outbound } from '../../services/effects';
import { localeOf } from '../activity';
import { readDeadline } from '../commands/deadline';
import { requestPost } from '../commands/decide';
import { cardResponse } from '../invokeResponse';
import { cardAction, changeThenRender, type CardActionContext, type Notice } from './types';

/**
 * The decision card's buttons, the refresh that gives approvers their own view, and the
 * `decide` form's submit.
 */
export const DECISION_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.decisionRefresh,
    schema: decisionRefreshData,
    handle: (context, { decisionId }) => render(context, decisionId),
  }),
  cardAction({
    verb: VERBS.decisionAnswer,
    schema: decisionAnswerData,
    handle: (context, { decisionId, verdict, comment }) =>
      changeThenRender(
        context,
        (delivery) =>
          context.deps.decisions.answer(
            context.actor,
            context.origin,
            { decisionId, verdict, comment: comment ?? '' },
            { delivery },
          ),
        (notice, changed) => render(context, decisionId, notice, changed),
      ),
  }),
  cardAction({
    verb: VERBS.decisionWithdraw,
    schema: decisionWithdrawData,
    handle: (context, { decisionId }) =>
      changeThenRender(
        context,
        (delivery) =>
          context.deps.decisions.withdraw(
            context.actor,
            context.origin,
            { decisionId },
            { delivery },
          ),
        (notice, changed) => render(context, decisionId, notice, changed),
      ),
  }),
  cardAction({
    verb: VERBS.decisionRecord,
    schema: decisionRecordData,
    async handle(context, { decisionId, approver, verdict, how, comment }) {
      const { deps, actor, origin } = context;
      // The choice names an approver by place; the request says who is there.
      const { decision } = await deps.decisions.get(actor, origin, decisionId);
      const onBehalfOf = decision.approvers[Number(approver)]?.id ?? '';
      return changeThenRender(
        context,
        (delivery) =>
          deps.decisions.answer(
            actor,
            origin,
            { decisionId, verdict, comment: comment ?? '', recorded: { onBehalfOf, how } },
            { delivery },
          ),
        (notice, changed) => render(context, decisionId, notice, changed),
      );
    },
  }),
  cardAction({
    verb: VERBS.decisionCreate,
    schema: decisionCreateData,
    async handle(context, values) {
      const { deps, actor, origin, delivery, activity } = context;
      const locale = localeOf(activity);
      // Handled before (Teams retried the click): the request is already in the channel.
      if (!delivery) return cardResponse(sentenceCard(t(locale, 'decision.form.sentAgain')));
      const again = (problem: string) => cardResponse(decisionFormCard(locale, values, problem));
      let deadline: string | null = null;
      if (values.deadline?.trim()) {
        const read = await readDeadline(
          { deps, actor, locale },
          origin.channelId,
          values.deadline.trim(),
        );
        if (typeof read !== 'string') return again(read.problem);
        deadline = read;
      }
      const ids = (text: string | undefined) =>
        (text ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
          .map((aadObjectId) => ({ aadObjectId }));
      const [backup = null] = ids(values.backupId);
      // Posted beside the form, in its conversation (an invoke is not a message to reply to).
      const beside = (
        a: Record<string, unknown>,
        extra: Pick<Outbound, 'subject' | 'failureNotice'>,
      ) => ({
        target: { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id },
        activity: a,
        ...extra,
      });
      try {
        const asked = await deps.decisions.request(
          actor,
          origin,
          {
            kind: values.kind ?? 'approval',
            question: values.question,
            approvers: ids(values.approverIds),
            rule: values.rule ?? 'any',
            deadline,
            backup,
          },
          { delivery, messages: (r) => [requestPost(r, beside)] },
        );
        return cardResponse(
          sentenceCard(
            t(locale, 'decision.form.sent', { ref: decisionRef(asked.decision.number) }),
          ),
        );
      } catch (e) {
        if (isDomainError(e) && e.kind === 'invalid') return again(messageFor(locale, e));
        throw e;
      }
    },
  }),
];

async function render(
  { deps, actor, origin }: CardActionContext,
  decisionId: string,
  notice?: Notice,
  /** The record as the change left it; read afresh when absent. */
  known?: WithRoom,
) {
  const { decision, warRoom, upns } =
    known ?? (await deps.decisions.get(actor, origin, decisionId));
  const language = warRoom.language;
  // A named approver's own view has the buttons; everyone else's is read-only.
  const view = decision.approvers.some((a) => isApprover(a, actor)) ? 'approver' : 'everyone';
  return cardResponse(
    decisionCard({
      decision,
      upns,
      timeZone: warRoom.timeZone,
      locale: language,
      view,
      notice: notice?.(language, warRoom.timeZone),
    }),
  );
}
