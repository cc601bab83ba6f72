import { CardFactory, type TurnContext } from 'botbuilder';
import { parseCommand, stripMentions, type Command } from '../../shared/commands/parse';
import type { Actor } from '../../shared/domain/actor';
import { incidentRef } from '../../shared/domain/incident';
import { languageOf, t } from '../../shared/i18n';
import { incidentCard } from '../cards/incidentCard';
import { actorOf, bindingOf, botMentionNames, isChannelConversation, tenantOf } from './activity';
import type { TeamsDeps } from './deps';
import { plainText } from './replies';

/** A channel message: parse the command, call one service, reply. */
export async function onMessage(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const { activity } = context;
  const tenantId = tenantOf(activity) as string; // the router checked it
  const actor = actorOf(activity, tenantId);
  const locale = activity.locale ?? 'en';
  const command = parseCommand(stripMentions(activity.text ?? '', botMentionNames(activity)));
  await COMMANDS[command.kind](context, deps, actor, locale, command as never);
}

type Handler<K extends Command['kind']> = (
  context: TurnContext,
  deps: TeamsDeps,
  actor: Actor,
  locale: string,
  command: Extract<Command, { kind: K }>,
) => Promise<void>;

const COMMANDS: { [K in Command['kind']]: Handler<K> } = {
  help: async (context, _deps, _actor, locale) => {
    await context.sendActivity({ text: t(locale, 'help.text'), textFormat: 'markdown' });
  },

  unknown: async (context, _deps, _actor, locale, command) => {
    await context.sendActivity(plainText(t(locale, 'command.unknown', { command: command.word })));
  },

  start: async (context, deps, actor, locale, command) => {
    if (!isChannelConversation(context.activity)) {
      await context.sendActivity(plainText(t(locale, 'command.onlyInChannel')));
      return;
    }
    const warRoom = await deps.warRooms.start(
      actor,
      bindingOf(context.activity, actor.tenantId),
      command.title,
      languageOf(locale),
    );
    await context.sendActivity(plainText(t(locale, 'warroom.started', { title: warRoom.title })));
  },

  incident: async (context, deps, actor, locale, command) => {
    const { channelId } = bindingOf(context.activity, actor.tenantId);
    const { incident, warRoom } = await deps.incidents.log(
      actor,
      { channelId },
      { title: command.title, severity: command.severity ?? 'sev3' },
    );
    const ref = incidentRef(incident.number);
    // Everyone in the channel sees the card: the war room's language, not the poster's.
    const cardLocale = warRoom.language;
    let sentId: string | undefined;
    try {
      const sent = await context.sendActivity({
        summary: t(cardLocale, 'incident.logged', { ref, title: incident.title }),
        attachments: [
          CardFactory.adaptiveCard(
            incidentCard({ incident, timeZone: warRoom.timeZone, locale: cardLocale }),
          ),
        ],
      });
      sentId = sent?.id;
    } catch (error) {
      // The incident is logged: say so plainly rather than "try again", which would log it twice.
      deps.logger.error('incident card could not be posted', { error, incidentId: incident.id });
      await context.sendActivity(
        plainText(t(locale, 'incident.cardNotPosted', { ref, title: incident.title })),
      );
      return;
    }
    if (sentId) {
      // Bookkeeping only: the card is out; losing its id must not look like a failed post.
      await deps.incidents.attachCard(actor, incident.id, sentId).catch((error: unknown) => {
        deps.logger.error('could not record the card message id', {
          error,
          incidentId: incident.id,
        });
      });
    }
  },
};
