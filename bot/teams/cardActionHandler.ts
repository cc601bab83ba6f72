import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { CARD_ACTION_SCHEMAS, VERBS, isVerb } from '../../shared/cards/actions';
import type { Actor } from '../../shared/domain/actor';
import type { Origin } from '../services/incidents';
import { isDomainError } from '../../shared/domain/errors';
import { messageFor, t } from '../../shared/i18n';
import { incidentCard } from '../cards/incidentCard';
import { actorOf, bindingOf, tenantOf } from './activity';
import type { TeamsDeps } from './deps';
import { cardResponse, errorResponse } from './invokeResponse';

const invokeValueSchema = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string(), data: z.unknown() }),
});

/**
 * An `Action.Execute` click. The card sent only a verb and ids: validate them for that
 * verb, reload the state, act, and answer with the refreshed card.
 * `replay` is true for a redelivered invoke: answer with the current card, change nothing.
 */
export async function onCardAction(
  context: TurnContext,
  deps: TeamsDeps,
  replay: boolean,
): Promise<InvokeResponse> {
  const { activity } = context;
  const locale = activity.locale ?? 'en';
  const invalidAction = () => errorResponse(400, 'BadRequest', t(locale, 'error.invalidAction'));
  const value = invokeValueSchema.safeParse(activity.value);
  if (!value.success || !isVerb(value.data.action.verb)) return invalidAction();
  const { verb, data } = value.data.action;
  const actor = actorOf(activity, tenantOf(activity) as string);
  // The card acts only on the war room of the conversation it was clicked in.
  const origin: Origin = { channelId: bindingOf(activity, actor.tenantId).channelId };

  switch (verb) {
    case VERBS.incidentSetStatus: {
      const parsed = CARD_ACTION_SCHEMAS[verb].safeParse(data);
      if (!parsed.success) return invalidAction();
      const { incidentId, status, version } = parsed.data;
      if (replay) return renderIncident(deps, actor, origin, incidentId);
      try {
        await deps.incidents.changeStatus(actor, origin, {
          incidentId,
          status,
          expectedVersion: version,
        });
        return renderIncident(deps, actor, origin, incidentId);
      } catch (e) {
        // A stale card or a move the lifecycle forbids: show how things stand, and why.
        if (isDomainError(e) && (e.kind === 'conflict' || e.kind === 'invalid')) {
          return renderIncident(deps, actor, origin, incidentId, (lang) => messageFor(lang, e));
        }
        throw e;
      }
    }
    case VERBS.incidentRefresh: {
      const parsed = CARD_ACTION_SCHEMAS[verb].safeParse(data);
      if (!parsed.success) return invalidAction();
      return renderIncident(deps, actor, origin, parsed.data.incidentId);
    }
  }
}

async function renderIncident(
  deps: TeamsDeps,
  actor: Actor,
  origin: Origin,
  incidentId: string,
  /** Why the click did not apply, in the card's language. */
  notice?: (language: string) => string,
) {
  const { incident, warRoom } = await deps.incidents.get(actor, origin, incidentId);
  // The refreshed card replaces the one everyone sees: the war room's language, as posted.
  const language = warRoom.language;
  return cardResponse(
    incidentCard({
      incident,
      timeZone: warRoom.timeZone,
      locale: language,
      notice: notice?.(language),
    }),
  );
}
