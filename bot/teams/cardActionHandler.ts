import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { t } from '../../shared/i18n';
import type { Delivery } from '../services/effects';
import { actorOf, bindingOf, localeOf, tenantOf } from './activity';
import { CARD_ACTIONS } from './cardActions';
import type { TeamsDeps } from './deps';
import { errorResponse } from './invokeResponse';

const invokeValueSchema = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string(), data: z.unknown() }),
});

/**
 * An `Action.Execute` click. The card sent only a verb and ids: find the verb's feature,
 * validate the data against its schema (400 otherwise), and let it act (claiming the
 * delivery in the same transaction) and answer with the refreshed card.
 */
export function onCardAction(
  context: TurnContext,
  deps: TeamsDeps,
  delivery: Delivery,
): Promise<InvokeResponse> {
  return dispatch(context, deps, delivery);
}

/** A redelivered click that was handled before: answer with the current card, change nothing. */
export function replayCardAction(context: TurnContext, deps: TeamsDeps): Promise<InvokeResponse> {
  return dispatch(context, deps, undefined);
}

async function dispatch(
  context: TurnContext,
  deps: TeamsDeps,
  delivery: Delivery | undefined,
): Promise<InvokeResponse> {
  const { activity } = context;
  const invalidAction = () =>
    errorResponse(400, 'BadRequest', t(localeOf(activity), 'error.invalidAction'));
  const value = invokeValueSchema.safeParse(activity.value);
  const action = value.success ? CARD_ACTIONS.get(value.data.action.verb) : undefined;
  if (!value.success || !action) return invalidAction();
  const data = action.schema.safeParse(value.data.action.data);
  if (!data.success) return invalidAction();
  const actor = actorOf(activity, tenantOf(activity) as string);
  const origin = { channelId: bindingOf(activity, actor.tenantId).channelId };
  return action.handle({ deps, actor, origin, delivery, activity }, data.data);
}
