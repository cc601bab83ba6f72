import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { CARD_ACTION_SCHEMAS, VERBS, isVerb } from '../../shared/cards/actions';
import type { Actor } from '../../shared/domain/actor';
import type { Delivery } from '../services/effects';
import type { Origin } from '../services/incidents';
import { isDomainError } from '../../shared/domain/errors';
import { messageFor, t } from '../../shared/i18n';
import { incidentCard } from '../cards/incidentCard';
import { actorOf, bindingOf, localeOf, tenantOf } from './activity';
import type { TeamsDeps } from './deps';
import { cardResponse, errorResponse } from './invokeResponse';

const invokeValueSchema = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string(), data: z.unknown() }),
});

/**
 * An `Action.Execute` click. The card sent only a verb and ids: validate them for that
 * verb, reload the state, act (claiming the delivery in the same transaction), and answer
 * with the refreshed card.
 */
export function onCardAction(
  context: TurnContext,
  deps: TeamsDeps,
  delivery: Delivery,
): Promise<InvokeResponse> {
  return handle(context, deps, delivery);
}

/** A redelivered click that was handled before: answer with the current card, change nothing. */
export function replayCardAction(context: TurnContext, deps: TeamsDeps): Promise<InvokeResponse> {
  return handle(context, deps, undefined);
}

async function handle(
  context: TurnContext,
  deps: TeamsDeps,
  delivery: Delivery | undefined,
): Promise<InvokeResponse> {
  const replay = delivery === undefined;
  const { activity } = context;
  const locale = localeOf(activity);
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
        await deps.incidents.changeStatus(
          actor,
          origin,
          { incidentId, status, expectedVersion: version },
          { delivery },
        );
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
