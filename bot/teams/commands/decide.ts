import { parseDecide } from '../../../shared/commands/decide';
import { decisionRef } from '../../../shared/domain/decision';
import { t } from '../../../shared/i18n';
import { decisionCard } from '../../cards/decisionCard';
import { decisionFormCard } from '../../cards/decisionFormCard';
import { mention } from '../../cards/mention';
import { cardMessage } from '../../cards/message';
import type { WithRoom } from '../../services/decisions';
import type { Outbound } from '../../services/effects';
import { decisionSubject } from '../../services/subjects';
import { bindingOf, peopleMentioned } from '../activity';
import { plainText, replyTo } from '../replies';
import { readDeadline } from './deadline';
import { answer, type Handler } from './types';

/**
 * `decide <question> @approver … [by <when>] [any|all] [backup @person]` and `go-no-go …`:
 * a decision request posted as a card that mentions the approvers. A deadline the clocks
 * skip or repeat is asked about, never guessed. `decide` alone answers with a form.
 */
export const onDecide: Handler<'decide'> = async (turn, command) => {
  const { context, deps, actor, locale, delivery } = turn;
  if (!command.text.trim()) {
    const form = decisionFormCard(locale, { kind: command.decisionKind });
    return deps.replies.reply(delivery, [
      replyTo(context.activity, cardMessage(form, t(locale, 'decision.form.title'))),
    ]);
  }
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
      messages: (asked) => [
        requestPost(asked, (activity, extra) => replyTo(context.activity, activity, extra)),
      ],
    },
  );
};

/** `withdraw DEC-3`: the requester (or the lead) takes a pending request back. */
export const onWithdraw: Handler<'withdraw'> = async (turn, command) => {
  const { context, deps, actor, locale, delivery } = turn;
  if (command.number === undefined) return answer(turn, t(locale, 'decision.withdrawWhich'));
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.decisions.withdraw(
    actor,
    { channelId },
    { number: command.number },
    {
      delivery,
      messages: ({ decision }) => [
        replyTo(
          context.activity,
          plainText(t(locale, 'decision.withdrawn', { ref: decisionRef(decision.number) })),
        ),
      ],
    },
  );
};

/**
 * The post of a new request: its card for everyone, in the war room's language, with a
 * line that mentions the approvers (Teams notifies them). `to` places it in the channel.
 */
export function requestPost(
  { decision, warRoom, upns }: WithRoom,
  to: (
    activity: Record<string, unknown>,
    extra: Pick<Outbound, 'subject' | 'failureNotice'>,
  ) => Outbound,
): Outbound {
  const language = warRoom.language;
  const mentions = decision.approvers.map(mention);
  const ref = decisionRef(decision.number);
  const card = decisionCard({ decision, upns, timeZone: warRoom.timeZone, locale: language });
  return to(
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
      failureNotice: { type: 'message', ...plainText(`${ref}: ${decision.question}`) },
    },
  );
}
