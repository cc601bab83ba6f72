import type { CloudAdapter } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { TeamsDeps } from './deps';
import { inboundActivitySchema } from './activity';
import { createTurnHandler } from './router';

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
