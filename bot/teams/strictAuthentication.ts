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

/** How long validating a token may take (signing keys are fetched from the network). */
export const AUTH_TIMEOUT_MS = 5000;

/**
 * Validation did not finish in time (the OpenID metadata or keys endpoint hangs): not the
 * caller's fault, so 503 and Teams retries, rather than a 401 that drops the message.
 */
export class AuthenticationUnavailableError extends Error {
  constructor() {
    super(`token validation did not finish within ${AUTH_TIMEOUT_MS} ms`);
    this.name = 'AuthenticationUnavailableError';
  }
}

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
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuthenticationUnavailableError()), AUTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([fn(), timeout]);
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof AuthenticationUnavailableError) throw e;
    // Keep the real cause for operators (an unreachable OpenID endpoint looks like this too).
    logger.warn('bot request failed authentication', { error: e });
    throw new AuthenticationError(
      'Unauthorized: the token could not be validated.',
      StatusCodes.UNAUTHORIZED,
    );
  } finally {
    clearTimeout(timer);
  }
}
