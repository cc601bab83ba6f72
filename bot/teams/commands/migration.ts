import { parseFreeze } from '../../../shared/commands/freeze';
import { freezeRef, type FreezeTarget } from '../../../shared/domain/freeze';
import { t } from '../../../shared/i18n';
import { formatInstant } from '../../../shared/time/format';
import { parseWhen } from '../../../shared/time/parse';
import { cardMessage } from '../../cards/message';
import { statusCard } from '../../cards/statusCard';
import { statusSubject } from '../../services/subjects';
import { bindingOf, peopleMentioned } from '../activity';
import { requestPost } from './decide';
import { plainText, replyTo } from '../replies';
import { readDeadline } from './deadline';
import { answer, type Handler } from './types';

/**
 * `status`: the war room's migration status card, posted here. It is the live one from now
 * on: every import edits it in place.
 */
export const onStatus: Handler<'status'> = async (turn) => {
  const { context, deps, actor, delivery } = turn;
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  const { view, warRoom } = await deps.status.get(actor, { channelId });
  const card = statusCard(view, { timeZone: warRoom.timeZone, locale: warRoom.language });
  await deps.replies.reply(delivery, [
    replyTo(context.activity, cardMessage(card, t(warRoom.language, 'help.status.does')), {
      subject: statusSubject(warRoom.id),
    }),
  ]);
};

/** `freeze <target> from <when> to <when> [reason]`, times read in the war room's zone. */
export const onFreeze: Handler<'freeze'> = async (turn, command) => {
  const { context, deps, actor, locale, delivery } = turn;
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  const warRoom = await deps.warRooms.findByChannel(actor.tenantId, channelId);
  const timeZone = warRoom?.timeZone ?? 'UTC';
  const now = deps.clock.now();
  const request = parseFreeze(
    command.text,
    (words) => parseWhen(words, { now, timeZone, locale }).kind === 'ok',
  );
  if ('problem' in request) return answer(turn, t(locale, request.problem));
  const from = await readStart(turn, channelId, request.fromText);
  if (typeof from !== 'string') return answer(turn, from.problem);
  // The end is read from the start: "from 22:00 to 06:00" ends the next morning.
  const end = parseWhen(request.toText, { now: from, timeZone, locale });
  if (end.kind !== 'ok') {
    const read = await readDeadline(turn, channelId, request.toText);
    return answer(
      turn,
      typeof read === 'string' ? t(locale, 'freeze.endBeforeStart') : read.problem,
    );
  }
  await deps.freezes.create(
    actor,
    { channelId },
    { target: request.target, from, to: end.instant, reason: request.reason },
    {
      delivery,
      messages: ({ window, warRoom: room }) => {
        const show = (iso: string) => formatInstant(iso, { timeZone: room.timeZone, locale });
        return [
          replyTo(
            context.activity,
            plainText(
              t(locale, 'freeze.created', {
                ref: freezeRef(window.number),
                target: targetWords(window.target, locale),
                from: show(window.from),
                to: show(window.to),
              }),
            ),
          ),
        ];
      },
    },
  );
};

/** The start of a window: `now` in any language, or a time (which may have begun already). */
async function readStart(
  turn: Parameters<Handler<'freeze'>>[0],
  channelId: string,
  text: string,
): Promise<string | { problem: string }> {
  if (/^(now|nu|maintenant)$/i.test(text.trim())) return turn.deps.clock.now().toISOString();
  return readDeadline(turn, channelId, text);
}

function targetWords(target: FreezeTarget, locale: string): string {
  switch (target.kind) {
    case 'tag':
      return t(locale, 'freeze.target.tag', { value: target.value });
    case 'batch':
      return t(locale, 'freeze.target.batch', { value: target.value });
    case 'identities':
      return t(locale, 'freeze.target.identities', { count: target.values.length });
  }
}

/** `unfreeze FRZ-1 @approver …`: a go/no-go on releasing the window early, posted as a card. */
export const onUnfreeze: Handler<'unfreeze'> = async (turn, command) => {
  const { context, deps, actor, locale, delivery } = turn;
  const approvers = peopleMentioned(context.activity);
  if (command.number === undefined || approvers.length === 0) {
    return answer(turn, t(locale, 'freeze.releaseUsage'));
  }
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.freezes.requestRelease(actor, { channelId }, command.number, approvers, {
    delivery,
    messages: (asked) => [
      requestPost(asked, (activity, extra) => replyTo(context.activity, activity, extra)),
    ],
  });
};
