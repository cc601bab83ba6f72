import { incidentRef } from '../../../shared/domain/incident';
import { t } from '../../../shared/i18n';
import { incidentCard } from '../../cards/incidentCard';
import { mention } from '../../cards/mention';
import { cardMessage } from '../../cards/message';
import { incidentSubject } from '../../services/subjects';
import { bindingOf, peopleMentioned } from '../activity';
import { plainText, replyTo } from '../replies';
import { answer, type Handler } from './types';

/**
 * `incident <title> [sev1–sev4] [@owner]`: INC-n on a card everyone in the channel sees,
 * in the war room's language; a named owner is mentioned, so Teams tells them.
 */
export const onIncident: Handler<'incident'> = async (
  { context, deps, actor, delivery },
  command,
) => {
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  const [owner] = peopleMentioned(context.activity);
  await deps.incidents.log(
    actor,
    { channelId },
    {
      title: owner ? withoutName(command.title, owner.name) : command.title,
      severity: command.severity ?? 'sev3',
      owner: owner ?? null,
    },
    {
      delivery,
      messages: (shown) => {
        const { incident, warRoom } = shown;
        const language = warRoom.language;
        const ref = incidentRef(incident.number);
        const card = incidentCard({ ...shown, timeZone: warRoom.timeZone, locale: language });
        const named = incident.owner && mention(incident.owner);
        return [
          replyTo(
            context.activity,
            {
              ...cardMessage(card, t(language, 'incident.logged', { ref, title: incident.title })),
              ...(named
                ? {
                    text: t(language, 'incident.ownedBy', { ref, who: named.text }),
                    entities: [named.entity],
                  }
                : {}),
            },
            {
              subject: incidentSubject(incident.id),
              // If the card never arrives, the channel still learns the incident exists.
              failureNotice: {
                type: 'message',
                ...plainText(t(language, 'incident.cardNotPosted', { ref, title: incident.title })),
              },
            },
          ),
        ];
      },
    },
  );
};

/** `note INC-4 <text>`: a note on the incident; its card shows it, the sender is told. */
export const onNote: Handler<'note'> = async (turn, command) => {
  const { context, deps, actor, locale, delivery } = turn;
  if (command.number === undefined) return answer(turn, t(locale, 'incident.noteWhich'));
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.incidents.addNote(actor, { channelId }, { number: command.number }, command.text, {
    delivery,
    messages: ({ incident }) => [
      replyTo(
        context.activity,
        plainText(t(locale, 'incident.noted', { ref: incidentRef(incident.number) })),
      ),
    ],
  });
};

/** The title without the owner's name (the mention reads as the name in the text). */
function withoutName(title: string, name: string): string {
  const at = title.lastIndexOf(name);
  if (at < 0) return title;
  return (title.slice(0, at) + title.slice(at + name.length)).replace(/\s+/g, ' ').trim();
}
