import { z } from 'zod';
import { actionRef, isOverdue } from '../../shared/domain/action';
import { t } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';
import { mention } from '../cards/mention';
import type { Storage } from '../storage/types';
import { ACTION_OVERDUE_JOB } from './actions';
import type { Clock, IdGenerator } from './clock';
import { outboxMessage } from './effects';
import type { JobKind } from './scheduler';
import { actionSubject } from './subjects';

const payload = z.object({ tenantId: z.string(), actionId: z.string() });

/**
 * At an action's due time, if it is still open, its owner is reminded once, in the
 * action's thread. The reminder and the mark that it was sent commit together.
 */
export function actionJobs(deps: { storage: Storage; clock: Clock; ids: IdGenerator }): JobKind[] {
  return [
    {
      kind: ACTION_OVERDUE_JOB,
      handler: (job) => {
        const { tenantId, actionId } = payload.parse(job.payload);
        const now = deps.clock.now().toISOString();
        return deps.storage.transaction(async (tx) => {
          const action = await tx.actions.findById(tenantId, actionId);
          if (!action || action.remindedAt || !isOverdue(action, now)) return;
          const post = await tx.outbox.findPost(tenantId, actionSubject(action.id));
          const warRoom = await tx.warRooms.findById(tenantId, action.warRoomId);
          if (!post || !warRoom) return;
          const next = { ...action, remindedAt: now, version: action.version + 1, updatedAt: now };
          if (!(await tx.actions.update(next, action.version)))
            throw new Error('action changed meanwhile');
          const owner = mention(action.owner);
          const text = t(warRoom.language, 'action.overdue', {
            ref: actionRef(action.number),
            when: formatInstant(action.due!, {
              timeZone: warRoom.timeZone,
              locale: warRoom.language,
            }),
            who: owner.text,
          });
          await tx.outbox.enqueue(
            outboxMessage(
              {
                target: post.target,
                activity: { type: 'message', text, entities: [owner.entity] },
              },
              tenantId,
              now,
              deps.ids,
            ),
          );
        });
      },
    },
  ];
}
