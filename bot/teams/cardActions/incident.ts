import {
  incidentAddNoteData,
  incidentRefreshData,
  incidentSetOwnerData,
  incidentSetStatusData,
  VERBS,
} from '../../../shared/cards/actions';
import { incidentCard } from '../../cards/incidentCard';
import type { IncidentDetail } from '../../services/incidents';
import { cardResponse } from '../invokeResponse';
import { cardAction, changeThenRender, type CardActionContext, type Notice } from './types';

/** The incident card's buttons: its lifecycle, its owner, its notes. */
export const INCIDENT_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.incidentSetStatus,
    schema: incidentSetStatusData,
    handle: (context, { incidentId, status, version }) =>
      changeThenRender(
        context,
        (delivery) =>
          context.deps.incidents.changeStatus(
            context.actor,
            context.origin,
            { incidentId, status, expectedVersion: version },
            { delivery },
          ),
        (notice, changed) => render(context, incidentId, notice, changed),
      ),
  }),
  cardAction({
    verb: VERBS.incidentSetOwner,
    schema: incidentSetOwnerData,
    handle: (context, { incidentId, ownerId }) =>
      changeThenRender(
        context,
        (delivery) =>
          context.deps.incidents.setOwner(
            context.actor,
            context.origin,
            { incidentId },
            { aadObjectId: ownerId },
            { delivery },
          ),
        (notice, changed) => render(context, incidentId, notice, changed),
      ),
  }),
  cardAction({
    verb: VERBS.incidentAddNote,
    schema: incidentAddNoteData,
    handle: (context, { incidentId, note }) =>
      changeThenRender(
        context,
        (delivery) =>
          context.deps.incidents.addNote(context.actor, context.origin, { incidentId }, note, {
            delivery,
          }),
        (notice, changed) => render(context, incidentId, notice, changed),
      ),
  }),
  cardAction({
    verb: VERBS.incidentRefresh,
    schema: incidentRefreshData,
    handle: (context, { incidentId }) => render(context, incidentId),
  }),
];

async function render(
  { deps, actor, origin }: CardActionContext,
  incidentId: string,
  /** Why the click did not apply, in the card's language. */
  notice?: Notice,
  /** The record as the change left it; read afresh when absent. */
  known?: IncidentDetail,
) {
  const shown = known ?? (await deps.incidents.get(actor, origin, incidentId));
  // The refreshed card replaces the one everyone sees: the war room's language, as posted.
  const language = shown.warRoom.language;
  return cardResponse(
    incidentCard({
      ...shown,
      timeZone: shown.warRoom.timeZone,
      locale: language,
      notice: notice?.(language, shown.warRoom.timeZone),
    }),
  );
}
