import type { InvokeResponse } from 'botbuilder';
import type { z } from 'zod';
import type { Actor } from '../../../shared/domain/actor';
import type { Delivery } from '../../services/effects';
import type { Origin } from '../../services/incidents';
import type { TeamsDeps } from '../deps';

/** What every card action gets: who clicked, where, and the delivery to claim. */
export interface CardActionContext {
  deps: TeamsDeps;
  actor: Actor;
  /** The card acts only on the war room of the conversation it was clicked in. */
  origin: Origin & { channelId: string };
  /** Undefined for a redelivered click that was handled before: change nothing. */
  delivery: Delivery | undefined;
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
