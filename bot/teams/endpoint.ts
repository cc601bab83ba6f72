import type { CloudAdapter } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { TeamsDeps } from './deps';
import { inboundActivitySchema } from './activity';
import { createTurnHandler } from './router';

/** True when `serviceUrl` starts with one of the allowed prefixes (compared case-insensitively). */
export function serviceUrlAllowed(serviceUrl: string, allowList: readonly string[]): boolean {
  const url = serviceUrl.toLowerCase();
  return allowList.some((prefix) => url.startsWith(prefix.toLowerCase()));
}

/**
 * `POST /api/messages`. Checks the body and the service URL before botbuilder sees the
 * activity (so a malformed one is a 400 with nothing stored, and the bot never calls an
 * unknown host), then lets CloudAdapter authenticate and run the turn.
 */
export function createMessagesEndpoint(adapter: CloudAdapter, deps: TeamsDeps) {
  const logic = createTurnHandler(deps);
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = inboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, {
        error: { code: 'invalid_activity', message: 'The body is not a Bot Framework activity.' },
      });
      return;
    }
    if (!serviceUrlAllowed(parsed.data.serviceUrl, deps.config.serviceUrlAllowList)) {
      deps.logger.warn('activity with a service URL outside the allow-list', {
        serviceUrl: parsed.data.serviceUrl,
      });
      res.send(403, {
        error: { code: 'service_url_not_allowed', message: 'The serviceUrl is not allowed.' },
      });
      return;
    }
    await adapter.process(req, res, logic);
  };
}
