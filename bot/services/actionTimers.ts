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
 * At an action's due time, if it is still open, its owner is reminded once: in their
 * personal chat with the bot, or, where the bot cannot reach them there (they never
 * installed the app, say), in the action's thread in the channel with a mention. The
 * reminder and the mark that it was sent commit together.
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
          const warRoom = await tx.warRooms.findById(tenantId, action.warRoomId);
          if (!warRoom) return;
          const post = await tx.outbox.findPost(tenantId, actionSubject(action.id));
          // The action's thread; the channel itself if its card was never posted.
          const thread = post?.target ?? {
            serviceUrl: warRoom.serviceUrl,
            conversationId: warRoom.conversationId,
          };
          const next = { ...action, remindedAt: now, version: action.version + 1, updatedAt: now };
          if (!(await tx.actions.update(next, action.version)))
            throw new Error('action changed meanwhile');
          const language = warRoom.language;
          const ref = actionRef(action.number);
          const when = formatInstant(action.due!, { timeZone: warRoom.timeZone, locale: language });
          const owner = mention(action.owner);
          const inChannel = {
            type: 'message',
            text: t(language, 'action.overdue', { ref, when, who: owner.text }),
            entities: [owner.entity],
          };
          await tx.outbox.enqueue(
            outboxMessage(
              {
                target: {
                  serviceUrl: warRoom.serviceUrl,
                  conversationId: '',
                  personal: { teamsUserId: action.owner.id, fallback: thread },
                },
                activity: {
                  type: 'message',
                  textFormat: 'plain', // the title is what someone typed
                  text: t(language, 'action.overduePersonal', {
                    ref,
                    when,
                    title: action.title,
                    room: warRoom.title,
                  }),
                },
                failureNotice: inChannel,
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
