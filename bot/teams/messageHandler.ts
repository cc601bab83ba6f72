import { CardFactory, type TurnContext } from 'botbuilder';
import { parseCommand, stripMentions, type Command } from '../../shared/commands/parse';
import { languageOf, t, type MessageKey } from '../../shared/i18n';
import { helpCard } from '../cards/helpCard';
import type { Delivery } from '../services/effects';
import {
  actorOf,
  bindingOf,
  botMentionNames,
  isChannelConversation,
  localeOf,
  peopleMentioned,
  tenantOf,
} from './activity';
import { answer, type Handler } from './commands/types';
import { onAction, onActions } from './commands/action';
import { onDecide, onWithdraw } from './commands/decide';
import { onIncident, onNote } from './commands/incident';
import { onFreeze, onStatus, onUnfreeze } from './commands/migration';
import { onFile, onImport, sentFile } from './commands/fileImport';
import { onTag } from './commands/tag';
import { onHandover, onReport } from './commands/report';
import { onClose, onLanguage, onRetention } from './commands/lifecycle';
import type { TeamsDeps } from './deps';
import { plainText, replyTo } from './replies';

/**
 * A channel message: parse the command, call one service with the delivery (claimed in
 * the same transaction) and the replies it owes (sent after the commit by the outbox).
 */
export async function onMessage(
  context: TurnContext,
  deps: TeamsDeps,
  delivery: Delivery,
): Promise<void> {
  const { activity } = context;
  const tenantId = tenantOf(activity) as string; // the router checked it
  const actor = actorOf(activity, tenantId);
  const locale = localeOf(activity);
  // A file (sent with or without words) is what the person came for.
  const file = sentFile(activity.attachments);
  if (file) return onFile({ context, deps, actor, locale, delivery }, file);
  const command = parseCommand(stripMentions(activity.text ?? '', botMentionNames(activity)));
  await COMMANDS[command.kind]({ context, deps, actor, locale, delivery }, command as never);
}

/** An unknown word is echoed back, but not an essay. */
const MAX_ECHO = 60;

/** A command that works on a channel's war room: a chat has none, and is told where they live. */
const inChannel =
  <K extends Command['kind']>(handler: Handler<K>): Handler<K> =>
  (turn, command) =>
    isChannelConversation(turn.context.activity)
      ? handler(turn, command)
      : answer(turn, t(turn.locale, 'command.chatHasNoWarRoom'));

const COMMANDS: { [K in Command['kind']]: Handler<K> } = {
  help: ({ context, deps, locale, delivery }) => {
    const where = isChannelConversation(context.activity) ? 'channel' : 'chat';
    return deps.replies.reply(delivery, [
      replyTo(
        context.activity,
        {
          summary: t(locale, 'help.title'),
          attachments: [CardFactory.adaptiveCard(helpCard({ where, locale }))],
        },
        // If Teams refuses the card, the same help arrives as a sentence.
        { failureNotice: { type: 'message', ...plainText(t(locale, 'help.text')) } },
      ),
    ]);
  },

  unknown: (turn, command) => {
    const word =
      command.word.length > MAX_ECHO ? `${command.word.slice(0, MAX_ECHO)}…` : command.word;
    return answer(turn, t(turn.locale, 'command.unknown', { command: word }));
  },

  start: async (turn, command) => {
    const { context, deps, actor, locale, delivery } = turn;
    if (!isChannelConversation(context.activity)) {
      await answer(turn, t(locale, 'command.onlyInChannel'));
      return;
    }
    await deps.warRooms.start(
      actor,
      bindingOf(context.activity, actor.tenantId),
      command.title,
      languageOf(locale),
      {
        delivery,
        messages: (warRoom) => [
          replyTo(
            context.activity,
            plainText(t(locale, 'warroom.started', { title: warRoom.title })),
          ),
        ],
      },
    );
  },

  incident: inChannel(onIncident),
  note: inChannel(onNote),
  decide: inChannel(onDecide),
  withdraw: inChannel(onWithdraw),
  status: inChannel(onStatus),
  freeze: inChannel(onFreeze),
  unfreeze: inChannel(onUnfreeze),
  import: onImport,
  tag: inChannel(onTag),
  action: inChannel(onAction),
  actions: inChannel(onActions),
  report: inChannel(onReport),
  handover: inChannel(onHandover),
  close: inChannel(onClose),
  retention: inChannel(onRetention),
  language: inChannel(onLanguage),

  role: inChannel(async ({ context, deps, actor, locale, delivery }, command) => {
    const { channelId } = bindingOf(context.activity, actor.tenantId);
    const [person] = peopleMentioned(context.activity);
    await deps.roles.assign(actor, { channelId }, person, command.role, {
      delivery,
      messages: ({ assignment }) => [
        replyTo(
          context.activity,
          plainText(
            t(locale, 'role.assigned', {
              name: assignment.name,
              role: t(locale, `role.name.${assignment.role}` as MessageKey),
            }),
          ),
        ),
      ],
    });
  }),
};
