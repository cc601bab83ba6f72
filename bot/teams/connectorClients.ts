import {
  AuthenticationConstants,
  ClaimsIdentity,
  type BotFrameworkAuthentication,
  type ConnectorClient,
} from 'botframework-connector';

/**
 * Connector clients for the bot's own identity, one per service URL, shared by everything
 * that calls the Bot Connector on its own initiative (the outbox's messenger, the roster).
 * Each call is one attempt: the HTTP pipeline's own retry policy is removed, because the
 * callers own retries (the outbox, the scheduler) and bound every attempt in time.
 */
export class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly auth: BotFrameworkAuthentication,
    private readonly appId: string,
  ) {}

  /** The bot's own account id in Teams (`28:<app id>`), as a new conversation names it. */
  get botAccountId(): string {
    return `28:${this.appId}`;
  }

  /** The client for `serviceUrl`, built once; a failed build is tried again next time. */
  for(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.clients.get(serviceUrl);
    if (!client) {
      client = this.create(serviceUrl);
      client.catch(() => this.clients.delete(serviceUrl));
      this.clients.set(serviceUrl, client);
    }
    return client;
  }

  private async create(serviceUrl: string): Promise<ConnectorClient> {
    // The same identity botbuilder's continueConversationAsync builds for proactive sends.
    const claims = new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: this.appId },
      { type: AuthenticationConstants.AppIdClaim, value: this.appId },
    ]);
    const client = await this.auth.createConnectorFactory(claims).create(serviceUrl);
    // The SDK keeps its Azure pipeline private; its retry phase would repeat posts we must
    // not repeat blindly and stretch one attempt past the caller's timeout.
    (
      client as unknown as { client: { pipeline: { removePolicy(o: { phase: 'Retry' }): void } } }
    ).client.pipeline.removePolicy({ phase: 'Retry' });
    return client;
  }
}
