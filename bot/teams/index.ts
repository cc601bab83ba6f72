import type { Config } from '../config';
import type { Logger } from '../logger';
import { createAdapter } from './adapter';
import type { TeamsDeps } from './deps';
import { createMessagesEndpoint } from './endpoint';
import { TeamsMessenger } from './messenger';

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
 * outbound side (a Messenger for the outbox) and the inbound endpoint.
 */
export function createTeamsTransport(config: Config, logger: Logger) {
  const bot = createAdapter(config, logger);
  return {
    messenger: new TeamsMessenger(bot.auth, config.bot.appId ?? ''),
    endpoint: (services: Omit<TeamsDeps, 'config' | 'logger'>) =>
      createMessagesEndpoint(bot, { config, logger, ...services }),
  };
}
