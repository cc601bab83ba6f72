import type { NewOutboxMessage, OutboxTarget, Tx } from '../storage/types';
import type { IdGenerator } from './clock';

/**
 * The inbound Teams activity a piece of work answers. Its redelivery claim is written in
 * the same transaction as the work: the work is either done and claimed, or neither, so a
 * redelivery after a crash is processed, and one after success changes nothing.
 */
export interface Delivery {
  tenantId: string;
  conversationId: string;
  activityId?: string;
  /** The channel it came from and the service URL it came with (kept current). */
  channelId: string;
  serviceUrl: string;
}

/** A message the work owes Teams; sent after the commit (services/delivery.ts). */
export interface Outbound {
  target: OutboxTarget;
  operation?: 'post' | 'update';
  subject?: string;
  activity: Record<string, unknown>;
  failureNotice?: Record<string, unknown>;
}

/** What a unit of work records beside its own writes. */
export interface Effects<R> {
  delivery?: Delivery;
  /** Messages owed once the work commits, built from its result. */
  messages?: (result: R) => Outbound[];
}

/** The activity was handled before (a redelivery): nothing was done this time. */
export class AlreadyHandled extends Error {
  constructor() {
    super('activity already handled');
    this.name = 'AlreadyHandled';
  }
}

export const isAlreadyHandled = (e: unknown): e is AlreadyHandled => e instanceof AlreadyHandled;

/**
 * Runs `work` inside `tx` with its effects: first the redelivery claim (a redelivery fails
 * the transaction with AlreadyHandled, which rolls it back), then the work, then the
 * outbox messages built from its result.
 */
export async function withEffects<R>(
  tx: Tx,
  effects: Effects<R> | undefined,
  at: string,
  ids: IdGenerator,
  work: () => Promise<R>,
): Promise<R> {
  const delivery = effects?.delivery;
  if (delivery?.activityId) {
    // A redelivery fails the transaction with AlreadyHandled: here on SQLite, at the
    // commit on PostgreSQL (the claim is held with the work's writes), undoing the work.
    await tx.inbox.claim(
      delivery.conversationId,
      delivery.activityId,
      at,
      () => new AlreadyHandled(),
    );
  }
  if (delivery) {
    await tx.warRooms.refreshServiceUrl(delivery.tenantId, delivery.channelId, delivery.serviceUrl);
  }
  let result: R;
  try {
    result = await work();
  } catch (error) {
    // On PostgreSQL a redelivery's work runs again and may fail first: the original
    // changed what it reads (a late card, a refused role). Its claim, sent now, says
    // whether it is a redelivery, to be answered as one, rather than a refusal.
    if (delivery?.activityId) await redeliveryFirst(tx);
    throw error;
  }
  const tenantId = delivery?.tenantId;
  for (const m of effects?.messages?.(result) ?? []) {
    if (!tenantId) throw new Error('outbound messages need the tenant of a delivery');
    await tx.outbox.enqueue(outboxMessage(m, tenantId, at, ids));
  }
  return result;
}

/** Throws AlreadyHandled if the transaction's claim finds its activity handled before. */
async function redeliveryFirst(tx: Tx): Promise<void> {
  try {
    await tx.inbox.confirmClaims();
  } catch (claimError) {
    // Anything else (a transaction a failed statement aborted): the work's error stands.
    if (isAlreadyHandled(claimError)) throw claimError;
  }
}

export function outboxMessage(
  m: Outbound,
  tenantId: string,
  at: string,
  ids: IdGenerator,
): NewOutboxMessage {
  return {
    id: ids(),
    tenantId,
    target: m.target,
    operation: m.operation ?? 'post',
    subject: m.subject ?? null,
    activity: m.activity,
    failureNotice: m.failureNotice ?? null,
    createdAt: at,
  };
}
