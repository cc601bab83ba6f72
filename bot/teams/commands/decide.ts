import { parseDecide } from '../../../shared/commands/decide';
import { decisionRef } from '../../../shared/domain/decision';
import { t } from '../../../shared/i18n';
import { formatInstant } from '../../../shared/time/format';
import { parseWhen } from '../../../shared/time/parse';
import { cardMessage } from '../../cards/message';
import { decisionCard } from '../../cards/decisionCard';
import { mention } from '../../cards/mention';
import { decisionSubject } from '../../services/decisions';
import { bindingOf, peopleMentioned } from '../activity';
import { plainText, replyTo } from '../replies';
import { answer, type Handler, type Turn } from './types';

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

/** The deadline as an instant, or the question to ask about it. */
async function readDeadline(
  { deps, actor, locale }: Turn,
  channelId: string,
  whenText: string,
): Promise<string | { problem: string }> {
  const warRoom = await deps.warRooms.findByChannel(actor.tenantId, channelId);
  const timeZone = warRoom?.timeZone ?? 'UTC';
  const when = parseWhen(whenText, { now: deps.clock.now(), timeZone, locale });
  const show = (iso: string) => formatInstant(iso, { timeZone, locale });
  switch (when.kind) {
    case 'ok':
      return when.instant;
    case 'past':
      return { problem: t(locale, 'time.past', { when: whenText }) };
    case 'ambiguous':
      return {
        problem: t(locale, 'time.ambiguous', {
          when: whenText,
          earlier: withOffset(when.earlier, timeZone),
          later: withOffset(when.later, timeZone),
        }),
      };
    case 'nonexistent':
      return {
        problem: t(locale, 'time.nonexistent', {
          when: whenText,
          before: show(when.before),
          after: show(when.after),
        }),
      };
    default:
      return { problem: t(locale, 'time.invalid', { when: whenText.slice(0, 60) }) };
  }
}

/** `2026-10-25T02:30+02:00`: the local time with its offset, which parseWhen reads back. */
function withOffset(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const offset = String(parts.timeZoneName ?? '').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${offset}`;
}
