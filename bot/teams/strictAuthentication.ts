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
import { TurnClients } from './turnClients';

/** How long validating a token may take (signing keys are fetched from the network). */
export const AUTH_TIMEOUT_MS = 5000;

/**
 * Validation did not finish in time (the OpenID metadata or keys endpoint hangs): not the
 * caller's fault, so 503 and Teams retries, rather than a 401 that drops the message.
 */
export class AuthenticationUnavailableError extends Error {
  constructor() {
    super('token validation could not complete (signing keys unreachable or too slow)');
    this.name = 'AuthenticationUnavailableError';
  }
}

/**
 * Delegates to botbuilder's authentication but turns every failure to authenticate into
 * an `AuthenticationError` (401). Out of the box CloudAdapter maps only that class to 401,
 * so a forged signature or an HS256 token surfaced as a 500.
 */
export class StrictAuthentication extends BotFrameworkAuthentication {
  private readonly clients = new TurnClients();

  /**
   * `issuer`: the only issuer a channel token may have (Bot Framework's); undefined when
   * authentication is off (local development).
   */
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly logger: Logger,
    private readonly issuer?: string,
  ) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    // A token from another issuer is refused before any key lookup: botbuilder would fetch
    // the Emulator's metadata for it, and an unreachable endpoint must not turn a forged
    // token into a 503 (only failures to validate genuine channel tokens are ours).
    const iss = unverifiedIssuer(authHeader);
    if (this.issuer && iss !== undefined && iss !== this.issuer) {
      this.logger.info('bot token from a foreign issuer', { issuer: iss.slice(0, 200) });
      throw new AuthenticationError('Unauthorized: foreign issuer.', StatusCodes.UNAUTHORIZED);
    }
    const result = await asUnauthorized(
      () => this.inner.authenticateRequest(activity, authHeader),
      this.logger,
    );
    const { connectorFactory, claimsIdentity } = result;
    if (!connectorFactory) return result;
    return {
      ...result,
      connectorFactory: this.clients.connectorFactory(connectorFactory, claimsIdentity),
    };
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
    return this.clients.userTokenClient(claimsIdentity, () =>
      this.inner.createUserTokenClient(claimsIdentity),
    );
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
    if (e instanceof AuthenticationUnavailableError) throw e;
    if (signingKeysUnreachable(e)) {
      // Not the caller's fault: a 401 would make Teams drop a genuine message.
      logger.warn('bot token validation could not reach its signing keys', { error: e });
      throw new AuthenticationUnavailableError();
    }
    if (e instanceof AuthenticationError) throw e;
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

/**
 * The OpenID metadata or key endpoint failed (botbuilder reports a 5xx from it as an
 * AuthenticationError with a 5xx status) or could not be reached at all.
 */
function signingKeysUnreachable(e: unknown): boolean {
  const err = e as { statusCode?: unknown; code?: unknown; type?: unknown; message?: unknown };
  if (e instanceof AuthenticationError)
    return typeof err.statusCode === 'number' && err.statusCode >= 500;
  return (
    err.type === 'system' ||
    (typeof err.code === 'string' &&
      /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH)/.test(err.code)) ||
    (typeof err.message === 'string' &&
      /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket hang up/.test(err.message))
  );
}

/** The `iss` claim of a bearer JWT, read without validating it (only to pick a path). */
function unverifiedIssuer(authHeader: string): string | undefined {
  const payload = /^Bearer\s+[^.\s]+\.([^.\s]+)\./i.exec(authHeader)?.[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const iss = (claims as { iss?: unknown } | null)?.iss;
    return typeof iss === 'string' ? iss : '';
  } catch {
    return ''; // not a JWT at all: no issuer we accept
  }
}
