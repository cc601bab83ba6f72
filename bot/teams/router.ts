import { ActivityTypes, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { isDomainError } from '../../shared/domain/errors';
import { messageFor, t } from '../../shared/i18n';
import { STATUS_OF } from '../errorStatus';
import { bindingOf, tenantOf } from './activity';
import { onCardAction } from './cardActionHandler';
import type { TeamsDeps } from './deps';
import { errorResponse } from './invokeResponse';
import { onMessage } from './messageHandler';
import { plainText } from './replies';

/** A route: which activities it takes, and what it does. Invoke routes return their answer. */
interface Route {
  name: string;
  select(activity: Activity): boolean;
  handle(context: TurnContext, deps: TeamsDeps, replay: boolean): Promise<InvokeResponse | void>;
}

/** Routing as data: wire names on the left, friendly names in logs. */
const ROUTES: Route[] = [
  {
    name: 'message',
    select: (a) => a.type === ActivityTypes.Message,
    handle: (context, deps, replay) => (replay ? Promise.resolve() : onMessage(context, deps)),
  },
  {
    name: 'card.action',
    select: (a) => a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action',
    handle: onCardAction,
  },
];

/**
 * The bot's turn logic: tenant check, redelivery guard, route, and one try/catch that
 * turns any failure into a clean answer in the user's language (details go to the log).
 */
export function createTurnHandler(deps: TeamsDeps) {
  return async (context: TurnContext): Promise<void> => {
    const { activity } = context;
    const route = ROUTES.find((r) => r.select(activity));
    if (!route) {
      if (activity.type === ActivityTypes.Invoke) await answer(context, { status: 501 });
      return;
    }
    const locale = activity.locale ?? 'en';
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
    try {
      const fresh = await claim(deps, activity, tenantId);
      if (!fresh) {
        deps.logger.info('redelivered activity', { activityId: activity.id, route: route.name });
      }
      const result = await route.handle(context, deps, !fresh);
      if (result) await answer(context, result);
    } catch (error) {
      await fail(context, deps, route.name, locale, error);
    }
  };
}

/**
 * Claims the activity against redelivery and, for a first delivery, records the service URL
 * it came with (Teams may move a tenant; proactive messages need the latest), in one
 * transaction. False for a redelivery.
 */
async function claim(deps: TeamsDeps, activity: Activity, tenantId: string): Promise<boolean> {
  const binding = bindingOf(activity, tenantId);
  return deps.storage.transaction(async (tx) => {
    const fresh = activity.id
      ? await tx.inbox.claim(activity.conversation.id, activity.id, deps.clock.now().toISOString())
      : true;
    if (fresh) await tx.warRooms.refreshServiceUrl(tenantId, binding.channelId, binding.serviceUrl);
    return fresh;
  });
}

function tenantAllowed(deps: TeamsDeps, tenantId: string): boolean {
  const allowed = deps.config.allowedTenants;
  return allowed === '*' || allowed.includes(tenantId);
}

async function answer(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}

async function fail(
  context: TurnContext,
  deps: TeamsDeps,
  route: string,
  locale: string,
  error: unknown,
) {
  const known = isDomainError(error);
  if (!known)
    deps.logger.error('bot turn failed', { route, error, activityId: context.activity.id });
  const text = known ? messageFor(locale, error) : t(locale, 'error.internal');
  try {
    if (context.activity.type === ActivityTypes.Invoke) {
      const status = known ? STATUS_OF[error.kind] : 500;
      await answer(context, errorResponse(status, known ? error.kind : 'InternalError', text));
    } else {
      await context.sendActivity(plainText(text));
    }
  } catch (sendError) {
    deps.logger.error('could not tell the user about a failure', { route, error: sendError });
  }
}
