import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { BotRuntime } from './adapter';
import type { TeamsDeps } from './deps';
import { inboundActivitySchema } from './activity';
import { createTurnHandler } from './router';
import { AuthenticationUnavailableError } from './strictAuthentication';

/**
 * True when `serviceUrl` is covered by an allow-list entry. Entries are URL prefixes
 * compared on whole parts (scheme, host, port, then path segments), so
 * `https://smba.trafficmanager.net` does not admit `https://smba.trafficmanager.net.evil.com/`.
 * An entry ending in `:` (`http://127.0.0.1:`) admits any port of that host.
 */
export function serviceUrlAllowed(serviceUrl: string, allowList: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false; // not a URL at all: nothing to allow
  }
  return allowList.some((entry) => {
    const anyPort = /^(https?):\/\/([^/]+):$/i.exec(entry);
    if (anyPort) {
      return (
        url.protocol === `${anyPort[1]!.toLowerCase()}:` &&
        url.hostname === anyPort[2]!.toLowerCase()
      );
    }
    try {
      const allowed = new URL(entry);
      const base = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}/`;
      const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
      return url.origin === allowed.origin && path.startsWith(base);
    } catch {
      return false; // config validates entries; a bad one admits nothing
    }
  });
}

/** Body of every refusal: a code and a sentence, never an SDK's internal message. */
const refusal = (code: string, message: string) => ({ error: { code, message } });

/**
 * `POST /api/messages`. Authenticates first (so an anonymous caller learns nothing about
 * which service URLs are allowed), then checks the activity's shape (a 400 with nothing
 * stored) and its service URL (the bot never calls an unknown host), then runs the turn.
 * Every answer is ours: botbuilder's messages and stack traces go to the log only.
 */
export function createMessagesEndpoint(bot: BotRuntime, deps: TeamsDeps) {
  const logic = createTurnHandler(deps);
  return async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    if (!isActivityLike(body)) {
      res.send(400, refusal('invalid_activity', 'The body is not a Bot Framework activity.'));
      return;
    }
    let auth: AuthenticateRequestResult;
    try {
      auth = await bot.auth.authenticateRequest(
        body as unknown as Activity,
        req.header('authorization') ?? '',
      );
    } catch (error) {
      if (error instanceof AuthenticationUnavailableError) {
        deps.logger.warn('bot token could not be validated in time', { error });
        res.header('retry-after', '5');
        res.send(503, refusal('auth_unavailable', 'Try again shortly.'));
      } else {
        deps.logger.info('bot request rejected: not authenticated', { error: String(error) });
        res.send(401, refusal('unauthorized', 'The request could not be authenticated.'));
      }
      return;
    }
    const parsed = inboundActivitySchema.safeParse(body);
    if (!parsed.success) {
      res.send(400, refusal('invalid_activity', 'The body is not a Bot Framework activity.'));
      return;
    }
    if (!serviceUrlAllowed(parsed.data.serviceUrl, deps.config.serviceUrlAllowList)) {
      deps.logger.warn('activity with a service URL outside the allow-list', {
        serviceUrl: parsed.data.serviceUrl,
      });
      res.send(403, refusal('service_url_not_allowed', 'The serviceUrl is not allowed.'));
      return;
    }
    let retryLater = false;
    try {
      const activity = parsed.data as unknown as Activity;
      const answer = await bot.adapter.run(auth, activity, (context) =>
        logic(context, () => {
          retryLater = true;
        }),
      );
      if (retryLater) {
        // Nothing was stored: Teams redelivers an unacknowledged message.
        res.header('retry-after', '10');
        res.send(503, refusal('unavailable', 'The war room cannot store this right now.'));
      } else if (answer?.body === undefined) res.send(answer?.status ?? 200);
      else res.send(answer.status, answer.body);
    } catch (error) {
      deps.logger.error('bot turn failed outside the router', { error });
      res.send(500, refusal('internal', 'Internal error.'));
    }
  };
}

function isActivityLike(body: unknown): body is Record<string, unknown> {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { type?: unknown }).type === 'string'
  );
}
