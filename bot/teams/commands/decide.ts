import { parseDecide } from '../../../shared/commands/decide';
import { decisionRef } from '../../../shared/domain/decision';
import { t } from '../../../shared/i18n';
import { cardMessage } from '../../cards/message';
import { decisionCard } from '../../cards/decisionCard';
import { mention } from '../../cards/mention';
import { decisionSubject } from '../../services/decisions';
import { bindingOf, peopleMentioned } from '../activity';
import { plainText, replyTo } from '../replies';
import { readDeadline } from './deadline';
import { answer, type Handler } from './types';

/**
 * `decide <question> @approver … [by <when>] [any|all] [backup @person]` and `go-no-go …`:
 * a decision request posted as a card that mentions the approvers. A deadline the clocks
 * skip or repeat is asked about, never guessed.
 */
export const onDecide: Handler<'decide'> = async (turn, command) => {
  const { context, deps, actor, delivery } = turn;
  const request = parseDecide(command.text, peopleMentioned(context.activity));
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  let deadline: string | null = null;
  if (request.whenText) {
    const read = await readDeadline(turn, channelId, request.whenText);
    if (typeof read !== 'string') return answer(turn, read.problem);
    deadline = read;
  }
  await deps.decisions.request(
    actor,
    { channelId },
    {
      kind: command.decisionKind,
      question: request.question,
      approvers: request.approvers,
      rule: request.rule,
      deadline,
      backup: request.backup,
    },
    {
      delivery,
      messages: ({ decision, warRoom }) => {
        // Everyone sees the card in the war room's language; the approvers are mentioned.
        const language = warRoom.language;
        const mentions = decision.approvers.map(mention);
        const ref = decisionRef(decision.number);
        const card = decisionCard({ decision, timeZone: warRoom.timeZone, locale: language });
        return [
          replyTo(
            context.activity,
            {
              ...cardMessage(card, `${ref}: ${decision.question}`),
              text: t(language, 'decision.requested', {
                ref,
                who: mentions.map((m) => m.text).join(', '),
              }),
              entities: mentions.map((m) => m.entity),
            },
            {
              subject: decisionSubject(decision.id),
              failureNotice: {
                type: 'message',
                ...plainText(`${ref}: ${decision.question}`),
              },
            },
          ),
        ];
      },
    },
  );
};
