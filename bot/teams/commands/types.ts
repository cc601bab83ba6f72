import type { TurnContext } from 'botbuilder';
import type { Command } from '../../../shared/commands/parse';
import type { Actor } from '../../../shared/domain/actor';
import type { Delivery } from '../../services/effects';
import type { TeamsDeps } from '../deps';
import { plainText, replyTo } from '../replies';

/** One command's turn: who wrote what, where, in which language. */
export interface Turn {
  context: TurnContext;
  deps: TeamsDeps;
  actor: Actor;
  locale: string;
  delivery: Delivery;
}

export type Handler<K extends Command['kind']> = (
  turn: Turn,
  command: Extract<Command, { kind: K }>,
) => Promise<void>;

/** Replies that change nothing else: claimed and owed in one transaction. */
export const answer = ({ context, deps, delivery }: Turn, text: string) =>
  deps.replies.reply(delivery, [replyTo(context.activity, plainText(text))]);
