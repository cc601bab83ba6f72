import {
  ACTION_INPUTS,
  actionCreateData,
  actionReassignData,
  actionSetStatusData,
  VERBS,
  type ActionCreateData,
} from '../../../shared/cards/actions';
import { actionRef } from '../../../shared/domain/action';
import { isDomainError, notFound } from '../../../shared/domain/errors';
import { messageFor, t } from '../../../shared/i18n';
import { actionCard } from '../../cards/actionCard';
import { actionFormCard } from '../../cards/actionForm';
import type { ActionWithRoom } from '../../services/actions';
import { sentenceCard } from '../../cards/sentenceCard';
import { actionPost } from '../commands/action';
import { readDeadline } from '../commands/deadline';
import { cardResponse, messageResponse } from '../invokeResponse';
import { cardAction, changeThenRender, type CardActionContext, type Notice } from './types';

/**
 * The action card's buttons (Done, Cancel, Reopen, Reassign), also on the `actions` list,
 * and the action form's submit (`action` alone, or "Follow-up action" on another card).
 */
export const ACTION_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.actionSetStatus,
    schema: actionSetStatusData,
    handle: (context, { actionId, status, version }) =>
      changeThenRender(
        context,
        (delivery) =>
          context.deps.actions.setStatus(
            context.actor,
            context.origin,
            { actionId, status, expectedVersion: version },
            { delivery },
          ),
        (notice, changed) => render(context, actionId, notice, changed),
      ),
  }),
  cardAction({
    verb: VERBS.actionReassign,
    schema: actionReassignData,
    handle: (context, data) =>
      changeThenRender(
        context,
        (delivery) =>
          context.deps.actions.reassign(
            context.actor,
            context.origin,
            {
              actionId: data.actionId,
              ownerAadObjectId: data[ACTION_INPUTS.newOwner],
              expectedVersion: data.version,
            },
            { delivery },
          ),
        (notice, changed) => render(context, data.actionId, notice, changed),
      ),
  }),
  cardAction({ verb: VERBS.actionCreate, schema: actionCreateData, handle: create }),
];

/**
 * The form's submit: the same service call as the command. The action's card is posted as
 * a new message in the thread, mentioning its owner (a notification, and the card that
 * later changes edit in place). The form that asked is answered differently by where it is:
 * the `action` form becomes a one-line "ACT-n is created" (so it cannot be sent twice and
 * no second, stale copy of the card stays around); a follow-up form sits under an incident
 * or decision card, which must stay as it is, so it gets a message instead.
 */
async function create(context: CardActionContext, data: ActionCreateData) {
  const { deps, actor, origin, delivery } = context;
  const warRoom = await deps.warRooms.findByChannel(actor.tenantId, origin.channelId);
  if (!warRoom) throw notFound('warroom.notStarted');
  const locale = warRoom.language;
  const followUp = data.followUp;
  const title = data[ACTION_INPUTS.title]?.trim() ?? '';
  const dueText = data[ACTION_INPUTS.due]?.trim() ?? '';
  const owner = data[ACTION_INPUTS.owner];
  const refused = (text: string) =>
    followUp
      ? messageResponse(text)
      : cardResponse(actionFormCard({ locale, values: { title, due: dueText }, notice: text }));
  // A redelivered submit that was handled: its action exists, posted in the thread.
  if (!delivery)
    return refusedOrDone(followUp !== undefined, t(locale, 'action.form.alreadyHandled'));
  if (!title) return refused(t(locale, 'action.form.titleMissing'));
  if (!owner) return refused(t(locale, 'action.form.ownerMissing'));
  let due: string | null = null;
  if (dueText) {
    const read = await readDeadline({ deps, actor, locale }, origin.channelId, dueText);
    if (typeof read !== 'string') return refused(read.problem);
    due = read;
  }
  const thread = { serviceUrl: delivery.serviceUrl, conversationId: delivery.conversationId };
  try {
    const { action } = await deps.actions.create(
      actor,
      origin,
      {
        title,
        owner: { pickedAadObjectId: owner },
        due,
        origin: { kind: 'meeting' },
        ...(followUp ? { followUp } : {}),
      },
      { delivery, messages: (created) => [actionPost(thread, created)] },
    );
    const done = t(locale, 'action.form.created', {
      ref: actionRef(action.number),
      who: action.owner.name,
    });
    return refusedOrDone(followUp !== undefined, done);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'invalid') return refused(messageFor(locale, e));
    throw e;
  }
}

/** A follow-up form's card stays: a message. The `action` form becomes the sentence. */
const refusedOrDone = (isFollowUp: boolean, text: string) =>
  isFollowUp ? messageResponse(text) : cardResponse(sentenceCard(text));

async function render(
  { deps, actor, origin }: CardActionContext,
  actionId: string,
  notice?: Notice,
  /** The record as the change left it; read afresh when absent. */
  known?: ActionWithRoom,
) {
  const { action, warRoom } = known ?? (await deps.actions.get(actor, origin, actionId));
  const language = warRoom.language;
  return cardResponse(
    actionCard({
      action,
      timeZone: warRoom.timeZone,
      locale: language,
      notice: notice?.(language, warRoom.timeZone),
    }),
  );
}
