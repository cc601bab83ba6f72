import {
  AuthenticationConstants,
  ConnectorFactory,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** More distinct keys than this is not a real deployment's set: start afresh rather than grow. */
const MAX_ENTRIES = 64;

/**
 * The clients botbuilder builds for every turn (a connector client with its HTTP pipeline,
 * a user token client), built once per bot identity, service URL and audience instead.
 * Building them was ~5% of a turn's CPU (decision 026). They hold no per-turn state: the
 * credentials (and their token cache) belong to the bot's identity, which the key names.
 */
export class TurnClients {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokens = new Map<string, Promise<UserTokenClient>>();

  /** `inner`, answering from the cache for the identity the request authenticated as. */
  connectorFactory(inner: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(identity);
    const connectors = this.connectors;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return cached(connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () =>
          inner.create(serviceUrl, audience),
        );
      }
    })();
  }

  userTokenClient(
    identity: ClaimsIdentity,
    create: () => Promise<UserTokenClient>,
  ): Promise<UserTokenClient> {
    return cached(this.userTokens, appIdOf(identity), create);
  }
}

/** The identity whose credentials botbuilder's factories use (its own getAppId rule). */
const appIdOf = (identity: ClaimsIdentity) =>
  identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
  identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
  '';

function cached<T>(map: Map<string, Promise<T>>, key: string, create: () => Promise<T>) {
  let value = map.get(key);
  if (!value) {
    if (map.size >= MAX_ENTRIES) map.clear();
    value = create();
    // A failed build is tried again next time.
    value.catch(() => map.delete(key));
    map.set(key, value);
  }
  return value;
}
