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

export function inboxRepo(x: Exec): InboxRepo {
  const { db } = x;
  return {
    // Held on PostgreSQL (decision 031): a turn that only reads, such as a late click,
    // then sends no write at all. There a concurrent uncommitted claim makes it wait, then
    // insert nothing if that one commits.
    claim: (conversationId, activityId, at, handledBefore) =>
      x.write(claimShape(db, { conversationId, activityId, at: toIso(at) }), oneRow(handledBefore)),
    confirmClaims: () => x.sendHeld(),
    prune: (before) => x.run(db.deleteFrom('inbox').where('received_at', '<', toIso(before))),
  };
}
