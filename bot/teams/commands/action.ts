import { parseAction } from '../../../shared/commands/action';
import { actionRef } from '../../../shared/domain/action';
import { t } from '../../../shared/i18n';
import { actionCard, actionListCard } from '../../cards/actionCard';
import { mention } from '../../cards/mention';
import { cardMessage } from '../../cards/message';
import { actionSubject } from '../../services/subjects';
import { bindingOf, peopleMentioned } from '../activity';
import { plainText, replyTo } from '../replies';
import { readDeadline } from './deadline';
import { answer, type Handler } from './types';

/** `action <title> @owner [due <when>]`: ACT-n as a card that mentions its owner. */
export const onAction: Handler<'action'> = async (turn, command) => {
  const { context, deps, actor, delivery } = turn;
  const request = parseAction(command.text, peopleMentioned(context.activity));
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  let due: string | null = null;
  if (request.whenText) {
    const read = await readDeadline(turn, channelId, request.whenText);
    if (typeof read !== 'string') return answer(turn, read.problem);
    due = read;
  }
  await deps.actions.create(
    actor,
    { channelId },
    { title: request.title, owner: request.owner, due, origin: { kind: 'meeting' } },
    {
      delivery,
      messages: ({ action, warRoom }) => {
        const language = warRoom.language;
        const owner = mention(action.owner);
        const ref = actionRef(action.number);
        const card = actionCard({ action, timeZone: warRoom.timeZone, locale: language });
        return [
          replyTo(
            context.activity,
            {
              ...cardMessage(card, `${ref}: ${action.title}`),
              text: t(language, 'action.created', { ref, who: owner.text }),
              entities: [owner.entity],
            },
            {
              subject: actionSubject(action.id),
              failureNotice: { type: 'message', ...plainText(`${ref}: ${action.title}`) },
            },
          ),
        ];
      },
    },
  );
};

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
