import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Messenger, SendOutcome } from '../services/delivery';
import type { OutboxMessage, OutboxTarget } from '../storage/types';
import type { ConnectorClients } from './connectorClients';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  name?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Bound of getting the bot's token, shorter than an attempt so a hang is not "unknown". */
const TOKEN_TIMEOUT_MS = 4000;
/** Bound of opening a personal chat, so that the post after it still fits in the attempt. */
const OPEN_CHAT_TIMEOUT_MS = 3000;

interface Credentials {
  shouldSetToken?(): boolean;
  getToken?(forceRefresh?: boolean): Promise<string>;
}

/**
 * Gets the bot's token (cached by the SDK) before sending, so a failing or hanging sign-in
 * is told apart from a send whose outcome is unknown.
 */
async function signIn(client: ConnectorClient, timeoutMs: number): Promise<void> {
  const credentials = client.credentials as Credentials;
  if (!credentials.shouldSetToken?.() || !credentials.getToken) return; // local development
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      credentials.getToken(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no token within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Network failures where the request never left: safe to send again. */
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

/**
 * Sends outbox messages to the Bot Connector with botbuilder's proactive plumbing (a
 * connector client for the bot's own identity, connectorClients.ts), one attempt per call:
 * the outbox owns retries and pacing, so the HTTP pipeline's own retry policy is removed.
 */
export class TeamsMessenger implements Messenger {
  constructor(private readonly clients: ConnectorClients) {}

  async send(message: OutboxMessage, signal: AbortSignal): Promise<SendOutcome> {
    const { target } = message;
    if (!target.personal || target.conversationId) {
      return this.post(target, message.operation, message.activity, signal);
    }
    const opened = await this.openPersonalChat(target, message.tenantId, signal);
    if (opened.kind !== 'opened') return opened;
    const chat = { serviceUrl: target.serviceUrl, conversationId: opened.conversationId };
    const sent = await this.post(chat, 'post', message.activity, signal);
    return sent.kind === 'sent'
      ? { ...sent, openedChat: { conversationId: chat.conversationId } }
      : sent;
  }

  /**
   * Opens (or finds: Teams answers with the same chat every time) the bot's one-to-one chat
   * with a person, `POST /v3/conversations`. Nothing reaches the person here, so whatever
   * goes wrong short of a refusal is safe to try again.
   */
  private async openPersonalChat(
    target: OutboxTarget,
    tenantId: string,
    signal: AbortSignal,
  ): Promise<{ kind: 'opened'; conversationId: string } | SendOutcome> {
    const person = target.personal!;
    let client: ConnectorClient;
    try {
      client = await this.clients.for(target.serviceUrl);
      await signIn(client, TOKEN_TIMEOUT_MS);
    } catch (e) {
      return { kind: 'transient', error: `sign-in failed: ${String(e)}`.slice(0, 500) };
    }
    try {
      const chat = await client.conversations.createConversation(
        {
          isGroup: false,
          bot: { id: this.clients.botAccountId, name: '' },
          members: [{ id: person.teamsUserId, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        },
        { abortSignal: AbortSignal.any([signal, AbortSignal.timeout(OPEN_CHAT_TIMEOUT_MS)]) },
      );
      if (!chat.id) return { kind: 'transient', error: 'a personal chat was opened without an id' };
      return { kind: 'opened', conversationId: chat.id };
    } catch (e) {
      const outcome = classify(e as RestErrorLike);
      // No message left yet: an unanswered opening is repeated, never taken as a post.
      return outcome.kind === 'unknown' ? { kind: 'transient', error: outcome.error } : outcome;
    }
  }

  /**
   * One message now, outside the outbox: only for telling someone that nothing can be
   * stored (the outbox lives in the database). Same single, bounded attempt.
   */
  sendNow(target: OutboxTarget, activity: Record<string, unknown>, signal: AbortSignal) {
    return this.post(target, 'post', activity, signal);
  }

  private async post(
    target: OutboxTarget,
    operation: OutboxMessage['operation'],
    body: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<SendOutcome> {
    const options = { abortSignal: signal };
    const activity = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: { id: target.conversationId },
      ...body,
    } as Partial<Activity>;
    let client: ConnectorClient;
    try {
      client = await this.clients.for(target.serviceUrl);
      await signIn(client, TOKEN_TIMEOUT_MS);
    } catch (e) {
      // Nothing left for Teams yet: the sign-in (Entra) failed or hung. Safe to try again.
      return { kind: 'transient', error: `sign-in failed: ${String(e)}`.slice(0, 500) };
    }
    try {
      const { conversations } = client;
      const sent =
        operation === 'update' && target.activityId
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
