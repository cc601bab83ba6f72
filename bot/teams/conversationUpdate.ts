import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { singleLine } from '../../shared/domain/title';
import { t } from '../../shared/i18n';
import { welcomeCard, type WelcomeScope } from '../cards/welcomeCard';
import { isAlreadyHandled, type Delivery } from '../services/effects';
import type { Member } from '../services/roster';
import { isStorageUnavailable } from '../storage/errors';
import { at, bindingOf, localeOf, str, tenantOf } from './activity';
import type { TeamsDeps } from './deps';
import { plainText } from './replies';

/** Longest display name kept (as for actors). */
const NAME_MAX = 256;

/** The people a membership event names (`membersAdded`, `membersRemoved`), read field by field. */
function accounts(a: Activity, field: 'membersAdded' | 'membersRemoved'): Member[] {
  const list = at(a, field);
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const id = str(at(entry, 'id'));
    if (!id) return [];
    const name = str(at(entry, 'name')) ?? '';
    return [
      {
        teamsUserId: id,
        aadObjectId: str(at(entry, 'aadObjectId')) ?? null,
        name: [...singleLine(name)].slice(0, NAME_MAX).join(''),
        userPrincipalName: null,
        email: null,
      },
    ];
  });
}

/**
 * A `conversationUpdate`: people joined or left a team, or the bot itself was added or
 * removed. The roster follows (`updateRoster`); the bot's arrival in a team or a personal
 * chat is also answered with a welcome card (`welcome`).
 */
export async function onConversationUpdate(
  context: TurnContext,
  deps: TeamsDeps,
  delivery: Delivery,
): Promise<void> {
  const { activity } = context;
  const teamId = str(at(activity, 'channelData', 'team', 'id'));
  if (teamId) await updateRoster(activity, deps, teamId);
  const botId = str(at(activity, 'recipient', 'id'));
  const botAdded = accounts(activity, 'membersAdded').some((m) => m.teamsUserId === botId);
  const where: WelcomeScope | undefined = teamId
    ? 'team'
    : at(activity, 'conversation', 'conversationType') === 'personal'
      ? 'personal'
      : undefined; // a group chat: nothing is said unasked
  if (botAdded && where) await welcome(activity, deps, delivery, where);
}

/**
 * The roster of a team follows its membership events (services/roster.ts): members are
 * added or removed at once; the bot's arrival fetches the whole roster, its departure
 * forgets it. Anything else (a channel renamed) changes nothing. Applying an event twice
 * changes nothing more, so a redelivery needs no claim.
 */
async function updateRoster(activity: Activity, deps: TeamsDeps, teamId: string): Promise<void> {
  const tenantId = tenantOf(activity) as string; // the router checked it
  const team = { tenantId, teamId, serviceUrl: bindingOf(activity, tenantId).serviceUrl };
  const botId = str(at(activity, 'recipient', 'id'));
  const added = accounts(activity, 'membersAdded');
  const removed = accounts(activity, 'membersRemoved');
  const isBot = (m: Member) => m.teamsUserId === botId;
  try {
    if (removed.some(isBot)) {
      await deps.roster.botRemoved(team);
      return;
    }
    if (added.some(isBot)) await deps.roster.botAdded(team);
    const joined = added.filter((m) => !isBot(m));
    if (joined.length > 0) await deps.roster.membersAdded(team, joined);
    const left = removed.map((m) => m.teamsUserId);
    if (left.length > 0) await deps.roster.membersRemoved(team, left);
  } catch (error) {
    // Nobody asked for this turn, so nobody is told: the router would post an error into
    // the channel. The roster catches up at its next full fetch.
    const fields = { teamId, activityId: activity.id, error };
    if (isStorageUnavailable(error))
      deps.logger.warn('roster: membership event not applied', fields);
    else deps.logger.error('roster: membership event failed', fields);
  }
}

/**
 * The welcome card, posted once per install: the activity is claimed with the owed card
 * (a redelivery throws AlreadyHandled, which the router logs, and posts nothing). A new
 * post in the conversation the event came from (a team's General channel, or the personal
 * chat), not a reply to the event.
 */
async function welcome(
  activity: Activity,
  deps: TeamsDeps,
  delivery: Delivery,
  where: WelcomeScope,
): Promise<void> {
  const locale = localeOf(activity);
  const card = welcomeCard({ where, locale });
  try {
    await deps.replies.reply(delivery, [
      {
        target: { serviceUrl: delivery.serviceUrl, conversationId: activity.conversation.id },
        activity: {
          type: 'message',
          summary: t(locale, 'welcome.title'),
          attachments: [CardFactory.adaptiveCard(card)],
        },
        // If Teams refuses the card, the sentence that says what the bot does still arrives.
        failureNotice: { type: 'message', ...plainText(t(locale, 'help.text')) },
      },
    ]);
  } catch (error) {
    if (isAlreadyHandled(error)) throw error;
    // As for the roster: nobody asked, so no error is posted into a channel on install.
    const fields = { where, activityId: activity.id, error };
    if (isStorageUnavailable(error)) deps.logger.warn('welcome: not posted', fields);
    else deps.logger.error('welcome: failed', fields);
  }
}
