import type { Tx } from '../storage/types';
import type { IdGenerator } from './clock';
import { outboxMessage } from './effects';

/**
 * Keeps a posted card current: everyone in the channel sees one card per subject, edited
 * in place, never a new post per change. A card still waiting in the outbox gets the new
 * content before it leaves; a posted one gets an update in place (its conversation, so it
 * follows the post in order). A post whose outcome is unknown or that failed has no message
 * to edit: nothing is owed. An edit of a card already posted names the posted activity
 * (the delivery looks it up for the others), so sending it reads nothing more.
 */
export async function refreshCard(
  tx: Tx,
  card: { tenantId: string; subject: string; activity: Record<string, unknown> },
  at: string,
  ids: IdGenerator,
): Promise<void> {
  const { post, pendingUpdateId } = await tx.outbox.cardOf(card.tenantId, card.subject);
  if (!post || post.state === 'unknown' || post.state === 'failed') return;
  if (post.state === 'pending' && (await tx.outbox.replacePending(post.id, card.activity))) return;
  // An edit still waiting takes the newest content: one edit, and no older one sent last.
  if (pendingUpdateId && (await tx.outbox.replacePending(pendingUpdateId, card.activity))) return;
  const { serviceUrl, conversationId } = post.target;
  const activityId = post.state === 'sent' ? post.sentActivityId : null;
  await tx.outbox.enqueue(
    outboxMessage(
      {
        target: { serviceUrl, conversationId, ...(activityId && { activityId }) },
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
