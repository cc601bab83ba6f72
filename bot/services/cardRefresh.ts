import type { Tx } from '../storage/types';
import type { IdGenerator } from './clock';
import { outboxMessage } from './effects';

/**
 * Keeps a posted card current: everyone in the channel sees one card per subject, edited
 * in place, never a new post per change. A card still waiting in the outbox gets the new
 * content before it leaves; a posted one gets an update in place (its conversation, so it
 * follows the post in order; the delivery finds the posted activity id). A post whose
 * outcome is unknown or that failed has no message to edit: nothing is owed.
 */
export async function refreshCard(
  tx: Tx,
  card: { tenantId: string; subject: string; activity: Record<string, unknown> },
  at: string,
  ids: IdGenerator,
): Promise<void> {
  const post = await tx.outbox.findPost(card.tenantId, card.subject);
  if (!post || post.state === 'unknown' || post.state === 'failed') return;
  if (post.state === 'pending' && (await tx.outbox.replacePending(post.id, card.activity))) return;
  // An edit still waiting takes the newest content: one edit, and no older one sent last.
  const waiting = await tx.outbox.findPendingUpdate(card.tenantId, card.subject);
  if (waiting && (await tx.outbox.replacePending(waiting.id, card.activity))) return;
  const { serviceUrl, conversationId } = post.target;
  await tx.outbox.enqueue(
    outboxMessage(
      {
        target: { serviceUrl, conversationId },
        operation: 'update',
        subject: card.subject,
        activity: card.activity,
      },
      card.tenantId,
      at,
      ids,
    ),
  );
}
