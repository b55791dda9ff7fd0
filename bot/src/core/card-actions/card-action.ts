/**
 * A card verb (Action.Execute): the verb it answers and the card that replaces the one pressed. The shape Teams
 * developers know from the Teams Toolkit's card action handlers (a trigger verb, a handler), SDK-free.
 */
import type { AdaptiveCard } from '../../cards/render';
import type { PreventBot } from '../prevent-bot';
import type { ActionData, BotUser, Outgoing } from '../types';

export interface CardActionContext {
  bot: PreventBot;
  user: BotUser;
  /** The action's data, as the card sent it (each flow validates what it reads). */
  data: ActionData;
}

export interface CardActionResult {
  card: AdaptiveCard;
  /** Messages sent after the card is replaced. */
  also?: Outgoing[];
}

export interface CardActionHandler {
  readonly verb: string;
  handle(ctx: CardActionContext): Promise<CardActionResult>;
}
