import type { Activity, TurnContext } from 'botbuilder';
import { singleLine } from '../../shared/domain/title';
import type { Member } from '../services/roster';
import { isStorageUnavailable } from '../storage/errors';
import { at, bindingOf, str, tenantOf } from './activity';
import type { TeamsDeps } from './deps';

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
 * A `conversationUpdate` in a team: people joined or left it, or the bot itself did. The
 * roster follows (services/roster.ts): members are added or removed at once; the bot's
 * arrival fetches the whole roster, its departure forgets it. Anything else (a channel
 * renamed, a chat) changes nothing. Applying an event twice changes nothing more, so a
 * redelivery needs no claim.
 */
export async function onConversationUpdate(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const { activity } = context;
  const teamId = str(at(activity, 'channelData', 'team', 'id'));
  if (!teamId) return; // a chat or a personal scope: no team, no roster
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
