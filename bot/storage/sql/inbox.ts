import type { InboxRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';

export function inboxRepo(x: Exec): InboxRepo {
  const { db } = x;
  return {
    async claim(conversationId, activityId, at) {
      // In pg, a concurrent uncommitted claim makes this wait, then do nothing if it commits.
      const changed = await x.run(
        db
          .insertInto('inbox')
          .values({
            conversation_id: conversationId,
            activity_id: activityId,
            received_at: toIso(at),
          })
          .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
      );
      return changed === 1;
    },
    prune: (before) => x.run(db.deleteFrom('inbox').where('received_at', '<', toIso(before))),
  };
}
