import {
  AuthenticationConstants,
  ClaimsIdentity,
  type BotFrameworkAuthentication,
  type ConnectorClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { Messenger, SendOutcome } from '../services/delivery';
import type { OutboxMessage } from '../storage/types';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  name?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Network failures where the request never left: safe to send again. */
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

/**
 * Sends outbox messages to the Bot Connector with botbuilder's proactive plumbing (a
 * connector client for the bot's own identity), one attempt per call: the outbox owns
 * retries and pacing, so the HTTP pipeline's own retry policy is removed.
 */
export class TeamsMessenger implements Messenger {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly auth: BotFrameworkAuthentication,
    private readonly appId: string,
  ) {}

  async send(message: OutboxMessage, signal: AbortSignal): Promise<SendOutcome> {
    const { target } = message;
    const options = { abortSignal: signal };
    const activity = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: { id: target.conversationId },
      ...message.activity,
    } as Partial<Activity>;
    try {
      const client = await this.clientFor(target.serviceUrl);
      const { conversations } = client;
      const sent =
        message.operation === 'update' && target.activityId
          ? await conversations.updateActivity(
              target.conversationId,
              target.activityId,
              { ...activity, id: target.activityId },
              options,
            )
          : target.replyToId
            ? await conversations.replyToActivity(
                target.conversationId,
                target.replyToId,
                { ...activity, replyToId: target.replyToId },
                options,
              )
            : await conversations.sendToConversation(target.conversationId, activity, options);
      return { kind: 'sent', activityId: sent.id ?? target.activityId ?? null };
    } catch (e) {
      return classify(e as RestErrorLike);
    }
  }

  private clientFor(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.clients.get(serviceUrl);
    if (!client) {
      client = this.createClient(serviceUrl);
      client.catch(() => this.clients.delete(serviceUrl));
      this.clients.set(serviceUrl, client);
    }
    return client;
  }

  private async createClient(serviceUrl: string): Promise<ConnectorClient> {
    // The same identity botbuilder's continueConversationAsync builds for proactive sends.
    const claims = new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: this.appId },
      { type: AuthenticationConstants.AppIdClaim, value: this.appId },
    ]);
    const client = await this.auth.createConnectorFactory(claims).create(serviceUrl);
    // The SDK keeps its Azure pipeline private; its retry phase would repeat posts we must
    // not repeat blindly and stretch one attempt past the outbox's timeout.
    (
      client as unknown as { client: { pipeline: { removePolicy(o: { phase: 'Retry' }): void } } }
    ).client.pipeline.removePolicy({ phase: 'Retry' });
    return client;
  }
}

/** Turns a connector failure into what the outbox should do next. */
export function classify(e: RestErrorLike): SendOutcome {
  const error = `${e.statusCode ?? e.code ?? e.name ?? 'error'}: ${e.message ?? ''}`.slice(0, 500);
  const status = e.statusCode;
  if (status === 429) {
    return {
      kind: 'throttled',
      retryAfterMs: retryAfterMs(e.response?.headers?.get('retry-after')),
      error,
    };
  }
  if (status !== undefined && status >= 500) return { kind: 'transient', error };
  if (status !== undefined && status >= 400) return { kind: 'rejected', status, error };
  if (NOT_SENT.test(`${e.code ?? ''} ${e.message ?? ''}`)) return { kind: 'transient', error };
  return { kind: 'unknown', error };
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text), 3600) * 1000;
  // Otherwise only an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`): Date.parse reads "-1" too.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) {
    return undefined;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.min(date - now, 3_600_000));
}
