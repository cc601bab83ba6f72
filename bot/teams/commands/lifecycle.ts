import { t } from '../../../shared/i18n';
import { formatInstant } from '../../../shared/time/format';
import type { LifecycleResult } from '../../services/lifecycle';
import type { Outbound } from '../../services/effects';
import { bindingOf } from '../activity';
import { plainText, replyTo } from '../replies';
import type { Handler, Turn } from './types';

/**
 * What the channel is told after a lifecycle change: everyone reads it, so in the war
 * room's language (after `language`, the new one).
 */
const toChannel =
  (turn: Turn, say: (r: LifecycleResult) => string) =>
  (r: LifecycleResult): Outbound[] => [replyTo(turn.context.activity, plainText(say(r)))];

const purgeDay = (r: LifecycleResult) =>
  r.purgeOn
    ? formatInstant(r.purgeOn, { timeZone: r.warRoom.timeZone, locale: r.warRoom.language })
    : '';

/** `close`: the war room ends; nothing more can change; it is purged after its retention. */
export const onClose: Handler<'close'> = async (turn) => {
  const { context, deps, actor, delivery } = turn;
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.lifecycle.close(
    actor,
    { channelId },
    {
      delivery,
      messages: toChannel(turn, (r) =>
        t(r.warRoom.language, 'warroom.closedNotice', {
          title: r.warRoom.title,
          by: actor.name,
          days: r.retentionDays,
          purgeOn: purgeDay(r),
        }),
      ),
    },
  );
};

/** `retention <days>`: how long the war room is kept after closing. */
export const onRetention: Handler<'retention'> = async (turn, command) => {
  const { context, deps, actor, delivery } = turn;
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.lifecycle.setRetention(actor, { channelId }, command.days, {
    delivery,
    messages: toChannel(turn, (r) =>
      r.purgeOn
        ? t(r.warRoom.language, 'warroom.retentionSetClosed', {
            days: r.retentionDays,
            purgeOn: purgeDay(r),
          })
        : t(r.warRoom.language, 'warroom.retentionSet', { days: r.retentionDays }),
    ),
  });
};

/** `language <da|nl|fr|en>`: the language of the channel's cards from now on. */
export const onLanguage: Handler<'language'> = async (turn, command) => {
  const { context, deps, actor, delivery } = turn;
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.lifecycle.setLanguage(actor, { channelId }, command.language, {
    delivery,
    messages: toChannel(turn, (r) => t(r.warRoom.language, 'warroom.languageSet')),
  });
};
