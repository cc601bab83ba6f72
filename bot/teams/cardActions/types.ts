import type { Activity, InvokeResponse } from 'botbuilder';
import type { z } from 'zod';
import type { Actor } from '../../../shared/domain/actor';
import { isDomainError } from '../../../shared/domain/errors';
import { messageFor } from '../../../shared/i18n';
import type { Delivery } from '../../services/effects';
import type { Origin } from '../../services/incidents';
import { StaleView } from '../../services/records';
import type { TeamsDeps } from '../deps';

/** What every card action gets: who clicked, where, and the delivery to claim. */
export interface CardActionContext {
  deps: TeamsDeps;
  actor: Actor;
  /** The card acts only on the war room of the conversation it was clicked in. */
  origin: Origin & { channelId: string };
  /** Undefined for a redelivered click that was handled before: change nothing. */
  delivery: Delivery | undefined;
  /** The invoke itself: where the card is (to post beside it) and the reader's locale. */
  activity: Activity;
}

/** One verb of one feature: the schema of its data, and what a click does. */
export interface CardAction<S extends z.ZodType = z.ZodType> {
  verb: string;
  schema: S;
  handle(context: CardActionContext, data: z.infer<S>): Promise<InvokeResponse>;
}

/** Keeps the data type of `handle` tied to its schema. */
export const cardAction = <S extends z.ZodType>(action: CardAction<S>): CardAction =>
  action as unknown as CardAction;

/** Why a click did not apply, in the card's language, its times in the war room's zone. */
export type Notice = (language: string, timeZone: string) => string;

/**
 * A change from a card, then the card as it now stands (`render`, given what the change
 * returned, so the card is not read again). A click that came too late (changed meanwhile,
 * decided already) or asked what cannot be done shows the card with why, in the card's
 * language, as the refusal read it (`StaleView`) or read afresh. A redelivered click that was handled before changes nothing.
 */
export async function changeThenRender<T, R>(
  context: CardActionContext,
  work: (delivery: Delivery) => Promise<T>,
  render: (notice?: Notice, changed?: T) => Promise<R>,
): Promise<R> {
  if (!context.delivery) return render();
  try {
    const changed = await work(context.delivery);
    return render(undefined, changed);
  } catch (e) {
    if (isDomainError(e) && (e.kind === 'conflict' || e.kind === 'invalid')) {
      const notice: Notice = (language, timeZone) => messageFor(language, e, { timeZone });
      // A stale card's refusal read the record as it stands (of the type `work` returns).
      return render(notice, e instanceof StaleView ? (e.current as T) : undefined);
    }
    throw e;
  }
}
