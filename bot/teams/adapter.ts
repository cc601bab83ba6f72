import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { StrictAuthentication } from './strictAuthentication';

/** CloudAdapter that runs a turn for a request we have already authenticated ourselves. */
export class WarRoomAdapter extends CloudAdapter {
  run(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface BotRuntime {
  adapter: WarRoomAdapter;
  auth: StrictAuthentication;
}

/**
 * Builds botbuilder's CloudAdapter from our config. An empty app id switches bot
 * authentication off; config.ts allows that only in explicit local development mode.
 */
export function createAdapter(config: Config, logger: Logger): BotRuntime {
  const { bot } = config;
  const settings: Record<string, string | undefined> = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppTenantId: bot.appTenantId,
    MicrosoftAppType: bot.appType,
  };
  if (bot.openIdMetadataUrl) {
    // Setting BotOpenIdMetadata switches botbuilder to parameterised authentication, where
    // every related key left out becomes undefined: give them all their public-cloud values.
    Object.assign(settings, {
      BotOpenIdMetadata: bot.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer:
        bot.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromEmulatorOpenIdMetadataUrl:
        AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: 'urn:botframework:azure',
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    });
  }
  const auth = new StrictAuthentication(
    new ConfigurationBotFrameworkAuthentication(settings),
    logger,
    bot.appId
      ? (bot.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer)
      : undefined,
  );
  const adapter = new WarRoomAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The router catches everything it knows; this is the last net.
    logger.error('unhandled bot turn error', { error, activityId: context.activity.id });
  };
  return { adapter, auth };
}
