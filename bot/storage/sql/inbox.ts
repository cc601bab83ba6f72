import type { InboxRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';

export function inboxRepo(x: Exec): InboxRepo {
  return {
    async claim(conversationId, activityId, at) {
      // In pg, a concurrent uncommitted claim makes this wait, then do nothing if it commits.
      const changed = await x.run(
        `INSERT INTO inbox (conversation_id, activity_id, received_at) VALUES (?, ?, ?)
         ON CONFLICT (conversation_id, activity_id) DO NOTHING`,
        [conversationId, activityId, toIso(at)],
      );
      return changed === 1;
    },
    prune: (before) => x.run('DELETE FROM inbox WHERE received_at < ?', [toIso(before)]),
  };
}
