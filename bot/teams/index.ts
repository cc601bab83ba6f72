import type { Config } from '../config';
import type { Logger } from '../logger';
import { createAdapter } from './adapter';
import type { TeamsDeps } from './deps';
import { createMessagesEndpoint } from './endpoint';

/**
 * The Teams transport: the only folder that knows botbuilder. Swapping the SDK for the
 * Microsoft 365 Agents SDK means rewriting this folder and nothing else.
 */
export function createTeamsTransport(
  config: Config,
  logger: Logger,
  services: Omit<TeamsDeps, 'config' | 'logger'>,
) {
  return createMessagesEndpoint(createAdapter(config, logger), { config, logger, ...services });
}
