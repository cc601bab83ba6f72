import {
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { StatusCodes } from 'botbuilder';
import type { Logger } from '../logger';

/**
 * Delegates to botbuilder's authentication but turns every failure to authenticate into
 * an `AuthenticationError` (401). Out of the box CloudAdapter maps only that class to 401,
 * so a forged signature or an HS256 token surfaced as a 500.
 */
export class StrictAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return asUnauthorized(() => this.inner.authenticateRequest(activity, authHeader), this.logger);
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string) {
    return asUnauthorized(
      () => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader),
      this.logger,
    );
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return asUnauthorized(() => this.inner.authenticateChannelRequest(authHeader), this.logger);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient() {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }
}

async function asUnauthorized<T>(fn: () => Promise<T>, logger: Logger): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AuthenticationError) throw e;
    // Keep the real cause for operators (an unreachable OpenID endpoint looks like this too).
    logger.warn('bot request failed authentication', { error: e });
    throw new AuthenticationError(
      'Unauthorized: the token could not be validated.',
      StatusCodes.UNAUTHORIZED,
    );
  }
}
