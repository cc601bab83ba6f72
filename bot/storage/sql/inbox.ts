import type { InboxRepo } from '../types';
import { oneRow, type Exec } from './exec';
import { toIso } from './instant';
import { shape } from './shape';

// Every turn claims its activity: compiled once, see shape.ts.
const claimShape = shape(['conversationId', 'activityId', 'at'], (db, p) =>
  db
    .insertInto('inbox')
    .values({ conversation_id: p.conversationId, activity_id: p.activityId, received_at: p.at })
    .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
);

// Whether a claim was made before: what a late click asks instead of claiming (decision 032).
const claimedShape = shape(['conversationId', 'activityId'], (db, p) =>
  db
    .selectFrom('inbox')
    .select('activity_id')
    .where('conversation_id', '=', p.conversationId)
    .where('activity_id', '=', p.activityId),
);

export function inboxRepo(x: Exec): InboxRepo {
  const { db } = x;
  return {
    // Held on PostgreSQL (decision 031): a turn that only reads, such as a late click,
    // then sends no write at all. There a concurrent uncommitted claim makes it wait, then
    // insert nothing if that one commits.
    claim: (conversationId, activityId, at, handledBefore) =>
      x.write(claimShape(db, { conversationId, activityId, at: toIso(at) }), {
        ...oneRow(handledBefore),
        probe: claimedShape(db, { conversationId, activityId }),
      }),
    confirmClaims: () => x.confirmHeld(),
    prune: (before) => x.run(db.deleteFrom('inbox').where('received_at', '<', toIso(before))),
  };
}
