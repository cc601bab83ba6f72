import type { Config } from '../config';
import type { Logger } from '../logger';
import { createAdapter } from './adapter';
import { ConnectorClients } from './connectorClients';
import type { TeamsDeps } from './deps';
import { createMessagesEndpoint } from './endpoint';
import { TeamsMessenger } from './messenger';
import { TeamsRosterSource, type RosterSourceOptions } from './rosterSource';

/** Teams' per-conversation limits for a bot: 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour. */
export const TEAMS_RATE_LIMITS = [
  { count: 7, windowMs: 1000 },
  { count: 8, windowMs: 2000 },
  { count: 60, windowMs: 30_000 },
  { count: 1800, windowMs: 3_600_000 },
] as const;

/**
 * The Teams transport: the only folder that knows botbuilder. Swapping the SDK for the
 * Microsoft 365 Agents SDK means rewriting this folder and nothing else. Gives the
 * outbound side (a Messenger for the outbox, a RosterSource for team rosters) and the
 * inbound endpoint.
 */
export function createTeamsTransport(
  config: Config,
  logger: Logger,
  options: { roster?: Partial<RosterSourceOptions> } = {},
) {
  const bot = createAdapter(config, logger);
  const clients = new ConnectorClients(bot.auth, config.bot.appId ?? '');
  const messenger = new TeamsMessenger(clients);
  return {
    messenger,
    rosterSource: new TeamsRosterSource(clients, logger, options.roster),
    endpoint: (services: Omit<TeamsDeps, 'config' | 'logger' | 'messenger'>) =>
      createMessagesEndpoint(bot, { config, logger, messenger, ...services }),
  };
}
