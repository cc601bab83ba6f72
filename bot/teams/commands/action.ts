import { parseAction } from '../../../shared/commands/action';
import { actionRef } from '../../../shared/domain/action';
import { t } from '../../../shared/i18n';
import { actionCard, actionListCard } from '../../cards/actionCard';
import { actionFormCard } from '../../cards/actionForm';
import { mention } from '../../cards/mention';
import { cardMessage } from '../../cards/message';
import type { ActionWithRoom } from '../../services/actions';
import type { Outbound } from '../../services/effects';
import { actionSubject } from '../../services/subjects';
import type { OutboxTarget } from '../../storage/types';
import { bindingOf, peopleMentioned } from '../activity';
import { plainText, replyTo } from '../replies';
import { readDeadline } from './deadline';
import { answer, type Handler } from './types';

/**
 * `action <title> @owner [due <when>]`: ACT-n as a card that mentions its owner.
 * `action` alone: a form for the same (title, owner from a people picker, due).
 */
export const onAction: Handler<'action'> = async (turn, command) => {
  const { context, deps, actor, delivery } = turn;
  const request = parseAction(command.text, peopleMentioned(context.activity));
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  if (!request.title && !request.owner && !request.whenText) {
    const warRoom = await deps.warRooms.findByChannel(actor.tenantId, channelId);
    if (!warRoom) return answer(turn, t(turn.locale, 'warroom.notStarted'));
    // The channel sees the form: the war room's language, as its cards.
    const card = actionFormCard({ locale: warRoom.language });
    return deps.replies.reply(delivery, [
      replyTo(context.activity, cardMessage(card, t(warRoom.language, 'action.form.title'))),
    ]);
  }
  let due: string | null = null;
  if (request.whenText) {
    const read = await readDeadline(turn, channelId, request.whenText);
    if (typeof read !== 'string') return answer(turn, read.problem);
    due = read;
  }
  const { serviceUrl, conversation, id } = context.activity;
  await deps.actions.create(
    actor,
    { channelId },
    { title: request.title, owner: request.owner, due, origin: { kind: 'meeting' } },
    {
      delivery,
      messages: (created) => [
        actionPost(
          { serviceUrl, conversationId: conversation.id, ...(id ? { replyToId: id } : {}) },
          created,
        ),
      ],
    },
  );
};

/**
 * A new action's card, posted to `target` (the command's thread, or the thread of the card
 * whose form created it) and mentioning its owner, who is notified. The card is the one
 * later changes edit in place.
 */
export function actionPost(target: OutboxTarget, { action, warRoom }: ActionWithRoom): Outbound {
  const language = warRoom.language;
  const owner = mention(action.owner);
  const ref = actionRef(action.number);
  const card = actionCard({ action, timeZone: warRoom.timeZone, locale: language });
  return {
    target,
    activity: {
      ...cardMessage(card, `${ref}: ${action.title}`),
      text: t(language, 'action.created', { ref, who: owner.text }),
      entities: [owner.entity],
    },
    subject: actionSubject(action.id),
    failureNotice: { type: 'message', ...plainText(`${ref}: ${action.title}`) },
  };
}

/** `actions`: the open actions of the war room, the caller's first, with Done buttons. */
export const onActions: Handler<'actions'> = async (turn) => {
  const { context, deps, actor, locale, delivery } = turn;
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  const { actions, warRoom } = await deps.actions.listOpen(actor, channelId);
  await deps.replies.reply(delivery, [
    replyTo(
      context.activity,
      cardMessage(
        actionListCard(actions, warRoom.timeZone, locale),
        t(locale, 'action.listTitle', { count: actions.length }),
      ),
    ),
  ]);
};
