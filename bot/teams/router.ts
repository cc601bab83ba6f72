import { ActivityTypes, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { isDomainError } from '../../shared/domain/errors';
import { messageFor, t } from '../../shared/i18n';
import { STATUS_OF } from '../errorStatus';
import { isAlreadyHandled, type Delivery } from '../services/effects';
import { isStorageUnavailable } from '../storage/errors';
import { bindingOf, localeOf, tenantOf } from './activity';
import { onCardAction, replayCardAction } from './cardActionHandler';
import { onConversationUpdate } from './conversationUpdate';
import type { TeamsDeps } from './deps';
import { errorResponse } from './invokeResponse';
import { onMessage } from './messageHandler';
import { plainText, replyTo } from './replies';

/** A route: which activities it takes, and what it does. Invoke routes return their answer. */
interface Route {
  name: string;
  select(activity: Activity): boolean;
  handle(context: TurnContext, deps: TeamsDeps, delivery: Delivery): Promise<InvokeResponse | void>;
  /** The answer to a redelivery of an activity that was handled before. */
  replay?(context: TurnContext, deps: TeamsDeps): Promise<InvokeResponse | void>;
}

/** Routing as data: wire names on the left, friendly names in logs. */
const ROUTES: Route[] = [
  {
    name: 'message',
    select: (a) => a.type === ActivityTypes.Message,
    handle: onMessage,
  },
  {
    name: 'card.action',
    select: (a) => a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action',
    handle: onCardAction,
    replay: replayCardAction,
  },
  {
    name: 'conversation.update',
    select: (a) => a.type === ActivityTypes.ConversationUpdate,
    handle: onConversationUpdate,
  },
];

/** How long a direct reply may take when the outbox (the database) is not there. */
const DIRECT_REPLY_TIMEOUT_MS = 2000;

/**
 * The bot's turn logic: tenant check, route, and one try/catch that turns any failure
 * into a clean answer in the user's language (details go to the log). Each route claims
 * the activity against redelivery in the same transaction as its work; a redelivery of
 * handled work is answered by `replay`. `retryLater` asks the endpoint for a 503, so that
 * Teams redelivers a message whose work could not be stored.
 */
export function createTurnHandler(deps: TeamsDeps) {
  return async (context: TurnContext, retryLater: () => void): Promise<void> => {
    const { activity } = context;
    const route = ROUTES.find((r) => r.select(activity));
    const locale = localeOf(activity);
    if (!route) {
      // An invoke this bot does not offer: a clear refusal, not a server error.
      if (activity.type === ActivityTypes.Invoke) {
        await answer(context, errorResponse(400, 'NotSupported', t(locale, 'error.invalidAction')));
      }
      return;
    }
    const tenantId = tenantOf(activity);
    if (!tenantId || !tenantAllowed(deps, tenantId)) {
      deps.logger.warn('activity from a tenant that is not allowed', {
        tenantId,
        route: route.name,
      });
      if (activity.type === ActivityTypes.Invoke) {
        await answer(context, errorResponse(403, 'Forbidden', t(locale, 'error.tenantNotAllowed')));
      }
      return;
    }
    const delivery = deliveryOf(activity, tenantId);
    try {
      const result = await route.handle(context, deps, delivery);
      if (result) await answer(context, result);
    } catch (error) {
      if (isAlreadyHandled(error)) {
        deps.logger.info('redelivered activity', { activityId: activity.id, route: route.name });
        const result = await route
          .replay?.(context, deps)
          .catch((e: unknown) => failureAnswer(context, deps, route.name, locale, e));
        if (result && result !== RETRY_LATER) await answer(context, result);
        return;
      }
      const result = await failureAnswer(context, deps, route.name, locale, error, delivery);
      if (result === RETRY_LATER) retryLater();
      else if (result) await answer(context, result);
    }
  };
}

function deliveryOf(activity: Activity, tenantId: string): Delivery {
  const binding = bindingOf(activity, tenantId);
  return {
    tenantId,
    conversationId: activity.conversation.id,
    activityId: activity.id,
    channelId: binding.channelId,
    serviceUrl: binding.serviceUrl,
  };
}

function tenantAllowed(deps: TeamsDeps, tenantId: string): boolean {
  const allowed = deps.config.allowedTenants;
  return allowed === '*' || allowed.includes(tenantId);
}

async function answer(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}

/**
 * What the user is told when a turn fails: an invoke gets an error answer; a message gets
 * a reply through the outbox (claimed, so a redelivery does not repeat it), or, when the
 * database itself is down, directly and bounded in time.
 */
async function failureAnswer(
  context: TurnContext,
  deps: TeamsDeps,
  route: string,
  locale: string,
  error: unknown,
  delivery?: Delivery,
): Promise<InvokeResponse | typeof RETRY_LATER | void> {
  const known = isDomainError(error);
  const unavailable = isStorageUnavailable(error);
  if (unavailable) deps.logger.warn('bot turn: the database is not answering', { route, error });
  else if (!known) {
    deps.logger.error('bot turn failed', { route, error, activityId: context.activity.id });
  }
  const text = known
    ? messageFor(locale, error)
    : t(locale, unavailable ? 'error.unavailable' : 'error.internal');
  if (context.activity.type === ActivityTypes.Invoke) {
    const status = known ? STATUS_OF[error.kind] : unavailable ? 503 : 500;
    const code = known ? error.kind : unavailable ? 'ServiceUnavailable' : 'InternalError';
    return errorResponse(status, code, text);
  }
  const reply = replyTo(context.activity, plainText(text));
  if (delivery && !unavailable) {
    try {
      await deps.replies.reply(delivery, [reply]);
      return;
    } catch (replyError) {
      if (isAlreadyHandled(replyError)) return;
      if (!isStorageUnavailable(replyError)) {
        deps.logger.error('could not tell the user about a failure', { route, error: replyError });
        return;
      }
      // The database went away between the work and the answer: say so directly.
    }
  }
  const sent = await deps.messenger.sendNow(
    reply.target,
    reply.activity,
    AbortSignal.timeout(DIRECT_REPLY_TIMEOUT_MS),
  );
  if (sent.kind !== 'sent') {
    deps.logger.warn('could not tell the user that nothing can be stored', { route, sent });
  }
  // Nothing was stored, nothing claimed: Teams should deliver the message again later.
  return RETRY_LATER;
}

/** failureAnswer's way of saying: answer 503, so that Teams redelivers the message. */
const RETRY_LATER = Symbol('retry later');
