import type { AdaptiveCard } from '../cards/render';

/** The person a turn is for, as the channel adapter verified it. */
export interface BotUser {
  /** Entra object id: the hub's person id. */
  objectId: string;
  /** The channel's id for this user (Teams "29:…"), used in card refresh lists. */
  channelUserId: string;
  name?: string;
}

/** A message the bot sends: text, a card, or both. */
export interface Outgoing {
  text?: string;
  card?: AdaptiveCard;
}

/** What the welcome card (the menu) says besides hello, and what it already knows. */
export interface WelcomeOptions {
  /** Why the person sees the menu (e.g. "Your concern is saved."). */
  notice?: string;
  /** The notice is a problem (a refusal, an error): shown as a warning, not as news. */
  problem?: boolean;
  /** "help": what each command does, with the menu's buttons, instead of the welcome. */
  help?: boolean;
  /** Whether a concern is in progress, when the caller knows (saves asking the hub). */
  hasDraft?: boolean;
  /**
   * Decisions waiting for the person, for the "My approvals (n)" button: a count the caller already has, or
   * 'ask' to ask the hub (one more request, so only the install welcome, "help" and the end of the form (saved
   * for later, or discarded) ask). Left out, the menu shows no count.
   */
  waiting?: Waiting | 'ask';
}

/** How many decisions wait: those on the first page of My work, and whether more wait beyond it. */
export interface Waiting {
  count: number;
  more: boolean;
}

/** Action data every card action carries: the card version and the action's own fields. */
export type ActionData = Record<string, unknown>;

/** Per-partnership settings the conversation needs. */
export interface BotSettings {
  /** Teams app id, for deep links into the hub's tabs once they exist (cards link to none until then). */
  teamsAppId: string;
  /** Where to go for a child at immediate risk (the council's front door). */
  childSafeguardingRoute: string;
  /** Where to go for an adult at immediate risk. */
  adultSafeguardingRoute: string;
}

/** The person's Teams conversation no longer exists (app removed): retrying will not help. */
export class ConversationGoneError extends Error {
  override name = 'ConversationGoneError';
}
