import type { InboxRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';
import { shape } from './shape';

// Every turn claims its activity: compiled once, see shape.ts.
const claimShape = shape(['conversationId', 'activityId', 'at'], (db, p) =>
  db
    .insertInto('inbox')
    .values({ conversation_id: p.conversationId, activity_id: p.activityId, received_at: p.at })
    .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
);

export function inboxRepo(x: Exec): InboxRepo {
  const { db } = x;
  return {
    async claim(conversationId, activityId, at) {
      // In pg, a concurrent uncommitted claim makes this wait, then do nothing if it commits.
      const changed = await x.run(claimShape(db, { conversationId, activityId, at: toIso(at) }));
      return changed === 1;
    },
    prune: (before) => x.run(db.deleteFrom('inbox').where('received_at', '<', toIso(before))),
  };
}
