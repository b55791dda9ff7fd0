/**
 * A chat command: the words that trigger it and what it answers. The shape Teams developers know from the
 * Teams Toolkit's command handlers (trigger patterns, a handler), without the SDK: core/ stays SDK-free.
 */
import type { PreventBot } from '../prevent-bot';
import type { BotUser, Outgoing } from '../types';

export interface CommandContext {
  bot: PreventBot;
  user: BotUser;
  /** What was typed, as sent. */
  text: string;
}

export interface CommandHandler {
  /** Normalised texts (lower case, no trailing punctuation, no @mention) that run this command. */
  readonly triggerPatterns: readonly string[];
  /** What "help" says of this command; a command without one is not listed there. */
  readonly help?: { title: string; value: string };
  handle(ctx: CommandContext): Promise<Outgoing[]>;
}
