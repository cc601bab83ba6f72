import type { Logger } from '../logger';
import {
  conversationKey,
  type OutboxMessage,
  type OutboxSettlement,
  type Storage,
  type Tx,
} from '../storage/types';
import type { Clock, IdGenerator } from './clock';
import { outboxMessage } from './effects';
import type { Pacer } from './pacer';

/** How one attempt to send went, as the transport classifies it. */
export type SendOutcome =
  /** `openedChat`: the personal chat the transport opened to send it (to remember). */
  | { kind: 'sent'; activityId: string | null; openedChat?: { conversationId: string } }
  /** 429: wait Retry-After (or back off) and send again. */
  | { kind: 'throttled'; retryAfterMs?: number; error: string }
  /** Nothing was done (5xx, connection refused): safe to send again. */
  | { kind: 'transient'; error: string }
  /** The request may have arrived (timeout, reset after sending). */
  | { kind: 'unknown'; error: string }
  /** Refused for good (400, 401, 403, 404): sending again will not help. */
  | { kind: 'rejected'; status: number; error: string };

/** The port through which owed messages reach Teams (bot/teams implements it). */
export interface Messenger {
  send(message: OutboxMessage, signal: AbortSignal): Promise<SendOutcome>;
}

export interface DeliveryOptions {
  /** Bound of one send attempt. */
  attemptTimeoutMs: number;
  /** How long a sender holds a message; longer than an attempt. */
  leaseMs: number;
  pollMs: number;
  maxAttempts: number;
  /** A message older than this is not retried any more. */
  maxAgeMs: number;
  /** First step of the exponential backoff after a failed attempt. */
  retryBaseMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  attemptTimeoutMs: 8000,
  leaseMs: 30_000,
  pollMs: 1000,
  maxAttempts: 10,
  maxAgeMs: 30 * 60_000,
  retryBaseMs: 1000,
};

export interface DeliveryDeps {
  storage: Storage;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  messenger: Messenger;
  pacer: Pacer;
  /**
   * Called once a post with a subject is sent (e.g. to remember the incident's card), in
   * the transaction that records it as sent. A rejection is logged and undoes what it
   * wrote; the post is still recorded as sent, with its activity id.
   */
  onPosted?: (tx: Tx, message: OutboxMessage, activityId: string) => Promise<void>;
  options?: Partial<DeliveryOptions>;
}

/** Waits up to this long for a pacing slot while holding a message; longer waits release it. */
const MAX_INLINE_WAIT_MS = 1500;
const CLAIM_BATCH = 32;
const MIN_RETRY_MS = 250;

/**
 * Sends the outbox: after each commit of this process that enqueued messages (the
 * storage's outbox signal) and on a poll (retries, other instances' work, a restart).
 * Paced per conversation; every attempt is bounded; a post whose outcome is unknown is
 * never re-sent blindly; a message that finally fails is logged and, where it carries
 * one, its failure notice is posted after it.
 */
export class DeliveryService {
  private readonly options: DeliveryOptions;
  private draining: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private unsubscribe?: () => void;
  /** When dead leases were last looked for (ms); a lease runs far longer than a poll. */
  private leasesCheckedAt = -Infinity;

  constructor(private readonly deps: DeliveryDeps) {
    this.options = { ...DEFAULT_DELIVERY, ...deps.options };
    // A live sender's lease must outlast its attempt, or another instance would declare
    // the post unknown while it is still being sent.
    if (this.options.attemptTimeoutMs >= this.options.leaseMs) {
      throw new Error('delivery: attemptTimeoutMs must be shorter than leaseMs');
    }
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    // Sent as soon as this process commits them; another instance's, at the next poll.
    this.unsubscribe = this.deps.storage.outboxSignals.subscribe(() => this.kick());
    this.kick();
  }

  /** Finishes the attempts in flight and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.draining;
  }

  /** Something was enqueued: send soon. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** A retry is due: send it on time rather than on the next poll after it. */
  private wakeAt(iso: string): void {
    const delay = new Date(iso).getTime() - this.deps.clock.now().getTime();
    if (delay > 60_000) return; // the poll will do
    setTimeout(() => this.kick(), Math.max(0, delay) + 5).unref();
  }

  /** Resolves when nothing is being sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      let more: boolean;
      do {
        this.again = false;
        more = (await this.round()).more;
      } while (!this.stopped && (this.again || more));
    } catch (error) {
      // The database is down or refused: the poll tries again.
      this.deps.logger.warn('outbox: could not read or settle messages', { error });
    }
  }

  /** One round: expire dead leases, lease the due heads, send them. Returns how many. */
  async tick(): Promise<number> {
    return (await this.round()).sent;
  }

  /**
   * A round, and whether another may find messages due now: a full batch, or a message
   * sent that had another of its conversation waiting behind it. Otherwise new messages
   * come with a signal (`again`), and others' with the poll.
   */
  private async round(): Promise<{ sent: number; more: boolean }> {
    const { storage, clock } = this.deps;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs).toISOString();
    // Kicks come with every commit that enqueued; dead leases are looked for at most once a poll.
    const checkLeases = now.getTime() - this.leasesCheckedAt >= this.options.pollMs;
    const claim = (tx: Tx) => tx.outbox.claimDue(now.toISOString(), leaseUntil, CLAIM_BATCH);
    // The claim alone is one statement: no transaction around it (two round trips fewer).
    const [expired, due] = checkLeases
      ? await storage.transaction(async (tx) => [
          await tx.outbox.expireLeases(now.toISOString()),
          await claim(tx),
        ])
      : [[], await storage.single(claim)];
    if (checkLeases) this.leasesCheckedAt = now.getTime();
    for (const m of expired.filter((e) => e.state === 'unknown')) {
      this.deps.logger.warn('outbox: a post may or may not have arrived (sender stopped)', {
        messageId: m.id,
      });
    }
    await Promise.all(
      due.map((m) =>
        this.deliver(m).catch((error: unknown) => {
          // Not settled (database down): its lease runs out and expireLeases decides.
          this.deps.logger.warn('outbox: a send could not be settled', { messageId: m.id, error });
        }),
      ),
    );
    return {
      sent: due.length,
      more: due.length === CLAIM_BATCH || due.some((m) => m.followed),
    };
  }

  private async deliver(queued: OutboxMessage): Promise<void> {
    const { pacer, clock } = this.deps;
    const message = await this.withPersonalChat(await this.withPostedActivity(queued));
    if (!message) {
      await this.settle(queued, { state: 'failed', error: 'the card to update was never posted' });
      return;
    }
    const key = conversationKey(message.target);
    let wait = pacer.waitMs(key, clock.now().getTime());
    if (wait > MAX_INLINE_WAIT_MS) {
      await this.settle(message, {
        state: 'pending',
        notBefore: new Date(clock.now().getTime() + wait).toISOString(),
        error: 'paced',
        countAttempt: false,
      });
      return;
    }
    while (wait > 0) {
      await sleep(wait);
      wait = pacer.waitMs(key, clock.now().getTime());
    }
    const outcome = await this.attempt(message);
    // Counted when the attempt ends: Teams counts arrivals, which come before that moment
    // however long the request took to leave (the first one also fetches a token).
    pacer.record(key, clock.now().getTime());
    if (outcome.kind === 'throttled' && outcome.retryAfterMs !== undefined) {
      pacer.block(key, clock.now().getTime() + outcome.retryAfterMs);
    }
    await this.settle(message, this.settlementFor(message, outcome), outcome);
  }

  /**
   * An update in place names its card by subject: the activity id is the one its post got
   * (the post went first: same conversation, earlier in the queue). Undefined when that
   * post never arrived.
   */
  private async withPostedActivity(message: OutboxMessage): Promise<OutboxMessage | undefined> {
    if (message.operation !== 'update' || message.target.activityId) return message;
    if (!message.subject) return undefined;
    const subject = message.subject;
    const post = await this.deps.storage.transaction((tx) =>
      tx.outbox.findPost(message.tenantId, subject),
    );
    if (post?.state !== 'sent' || !post.sentActivityId) return undefined;
    return { ...message, target: { ...message.target, activityId: post.sentActivityId } };
  }

  /** A message to someone's personal chat goes to the chat opened before, if there is one. */
  private async withPersonalChat(
    message: OutboxMessage | undefined,
  ): Promise<OutboxMessage | undefined> {
    const person = message?.target.personal;
    if (!message || !person || message.target.conversationId) return message;
    const chat = await this.deps.storage.transaction((tx) =>
      tx.personalChats.find(message.tenantId, person.teamsUserId),
    );
    if (!chat) return message; // the messenger opens it
    return {
      ...message,
      target: {
        ...message.target,
        serviceUrl: chat.serviceUrl,
        conversationId: chat.conversationId,
      },
    };
  }

  /** One bounded attempt: whatever the transport does, it ends within the timeout. */
  private async attempt(message: OutboxMessage): Promise<SendOutcome> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve({ kind: 'unknown', error: `no answer within ${this.options.attemptTimeoutMs} ms` });
      }, this.options.attemptTimeoutMs);
    });
    try {
      return await Promise.race([
        this.deps.messenger
          .send(message, controller.signal)
          .catch((e: unknown): SendOutcome => ({ kind: 'unknown', error: String(e) })),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private settlementFor(message: OutboxMessage, outcome: SendOutcome): OutboxSettlement {
    const now = this.deps.clock.now().getTime();
    const attempts = message.attempts + 1;
    const age = now - new Date(message.createdAt).getTime();
    const exhausted = attempts >= this.options.maxAttempts || age >= this.options.maxAgeMs;
    switch (outcome.kind) {
      case 'sent':
        return { state: 'sent', activityId: outcome.activityId };
      case 'rejected':
        return { state: 'failed', error: `${outcome.status}: ${outcome.error}` };
      case 'unknown':
        // Editing a known message again is harmless; posting again could duplicate it.
        if (message.operation === 'post') return { state: 'unknown', error: outcome.error };
        break;
    }
    if (exhausted) return { state: 'failed', error: `gave up: ${outcome.error}` };
    // A Retry-After of 0 would burn every attempt in a moment: wait at least a little.
    const delay =
      outcome.kind === 'throttled' && outcome.retryAfterMs !== undefined
        ? Math.max(outcome.retryAfterMs, MIN_RETRY_MS)
        : backoffMs(attempts, this.options.retryBaseMs);
    return {
      state: 'pending',
      notBefore: new Date(now + delay).toISOString(),
      error: outcome.error,
      countAttempt: true,
    };
  }

  private async settle(
    message: OutboxMessage,
    settlement: OutboxSettlement,
    outcome?: SendOutcome,
  ): Promise<void> {
    const { storage, clock, ids, logger } = this.deps;
    const now = clock.now().toISOString();
    const person = message.target.personal;
    const fields = { messageId: message.id, subject: message.subject, outcome: outcome?.kind };
    const posted =
      settlement.state === 'sent' && message.operation === 'post' && message.subject
        ? settlement.activityId
        : null;
    let onPostedRan = false;
    const record = (withOnPosted: boolean) =>
      storage.transaction(async (tx) => {
        // In the same transaction: one commit per sent card rather than two. Its writes may be
        // held to the commit (Exec.write), so its failure may surface only there.
        const afterPost = async () => {
          if (!withOnPosted || !posted || !this.deps.onPosted) return;
          onPostedRan = true;
          await this.deps.onPosted(tx, message, posted);
        };
        if (settlement.state === 'sent' && !person) {
          // Sent to a channel: nothing else depends on whether it was still being sent (a lost
          // lease included), so the settle is a held write too: one statement with onPosted's.
          await tx.outbox.settleSent(message.id, settlement.activityId, now);
          return afterPost();
        }
        const settled = await tx.outbox.settle(message.id, settlement, now);
        await afterPost();
        if (!settled) return;
        if (person && outcome?.kind === 'sent' && outcome.openedChat) {
          await tx.personalChats.put({
            tenantId: message.tenantId,
            teamsUserId: person.teamsUserId,
            serviceUrl: message.target.serviceUrl,
            conversationId: outcome.openedChat.conversationId,
            openedAt: now,
          });
        }
        if (settlement.state !== 'failed') return;
        // A remembered chat that refuses (the app was removed) is opened afresh next time.
        if (person && message.target.conversationId) {
          await tx.personalChats.forget(message.tenantId, person.teamsUserId);
        }
        if (message.failureNotice) {
          await tx.outbox.enqueue(
            outboxMessage(
              // A personal chat that cannot be reached: say it where everyone can see it.
              { target: person?.fallback ?? message.target, activity: message.failureNotice },
              message.tenantId,
              now,
              ids,
            ),
          );
        }
      });
    // A failed onPosted rolls its transaction back whole (on PostgreSQL a failed statement
    // has aborted it anyway): the outcome is recorded again without it (docs/decisions/029).
    // Its held writes fail at the commit, so any failure once it ran is taken as its own; if
    // the database is down, the second attempt fails as well and says so.
    await record(true).catch(async (error: unknown) => {
      if (!onPostedRan) throw error;
      logger.error('outbox: could not record a posted message', { ...fields, error });
      await record(false);
    });
    if (settlement.state === 'pending') this.wakeAt(settlement.notBefore);
    if (settlement.state === 'failed') {
      logger.error('outbox: a message could not be delivered', {
        ...fields,
        error: settlement.error,
      });
      if (message.failureNotice) this.again = true;
    } else if (settlement.state === 'unknown') {
      logger.warn('outbox: a post may or may not have arrived; not re-sent', {
        ...fields,
        error: settlement.error,
      });
    }
  }
}

/** Exponential backoff with jitter between half and all of the step, capped at a minute. */
export function backoffMs(attempt: number, baseMs = 1000): number {
  const step = Math.min(60_000, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
