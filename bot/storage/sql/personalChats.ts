import type { PersonalChatRepo } from '../types';
import type { Exec } from './exec';
import { toIso } from './instant';

export function personalChatRepo(x: Exec): PersonalChatRepo {
  const { db } = x;
  return {
    async find(tenantId, teamsUserId) {
      const [row] = await x.all(
        db
          .selectFrom('personal_chats')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('teams_user_id', '=', teamsUserId),
      );
      return (
        row && {
          tenantId: row.tenant_id,
          teamsUserId: row.teams_user_id,
          serviceUrl: row.service_url,
          conversationId: row.conversation_id,
          openedAt: toIso(row.opened_at),
        }
      );
    },
    async put(chat) {
      const values = {
        tenant_id: chat.tenantId,
        teams_user_id: chat.teamsUserId,
        service_url: chat.serviceUrl,
        conversation_id: chat.conversationId,
        opened_at: toIso(chat.openedAt),
      };
      await x.run(
        db
          .insertInto('personal_chats')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'teams_user_id']).doUpdateSet({
              service_url: values.service_url,
              conversation_id: values.conversation_id,
              opened_at: values.opened_at,
            }),
          ),
      );
    },
    async forget(tenantId, teamsUserId) {
      const removed = await x.run(
        db
          .deleteFrom('personal_chats')
          .where('tenant_id', '=', tenantId)
          .where('teams_user_id', '=', teamsUserId),
      );
      return removed > 0;
    },
  };
}
