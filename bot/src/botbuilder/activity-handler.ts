/**
 * botbuilder's side of the conversation: turns activities into calls on the SDK-free PreventBot and its answers
 * back into activities. Moving to the Microsoft 365 Agents SDK means rewriting this folder only.
 *
 * The bot acts only in a personal (one-to-one) Teams chat: concerns are special-category data, and anything it
 * sends into a group chat or a channel is read by everyone there. Anywhere else it says so, once, and does nothing.
 */
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Activity } from 'botbuilder';
import { ConversationReferenceSchema, type ConversationReferenceInput } from '@pph/contract';
import { PERSONAL_CHAT_ONLY_TEXT, type PreventBot } from '../core/prevent-bot';
import type { BotUser, Outgoing } from '../core/types';
import { renderCard } from '../cards/render';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The only channel the bot acts on. The Agents Playground (`-c msteams`) sends it too. */
export const TEAMS_CHANNEL_ID = 'msteams';

/** Records where a person can be reached; the hub stores it for proactive notifications. */
export type RememberConversation = (user: BotUser, reference: ConversationReferenceInput) => Promise<void>;

export interface ActivityChecks {
  /** In Azure: the Entra tenant the bot serves. Activities from any other tenant are refused. */
  tenantId?: string;
}

/** How many shared conversations the handler remembers having told that it works only in a personal chat. */
export const MAX_TOLD_CONVERSATIONS = 1000;

export function toActivity(out: Outgoing): Partial<Activity> {
  if (out.card) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(out.card));
    if (out.text) activity.text = out.text;
    return activity;
  }
  return MessageFactory.text(out.text ?? '');
}

export type Checked =
  | { ok: true; user: BotUser }
  | { ok: false; why: 'unknown-user' | 'wrong-channel' | 'wrong-tenant' | 'not-personal' };

/**
 * Who an activity is from, and whether the bot may act for them here: Teams only, the configured tenant only
 * (Azure), a personal chat only. The Bot Framework token proves the activity came through the channel; these
 * checks keep a person's Entra object id from being taken from another channel, tenant or a shared chat.
 */
export function checkActivity(activity: Activity, checks: ActivityChecks = {}): Checked {
  const from = activity.from;
  if (!from?.aadObjectId) return { ok: false, why: 'unknown-user' };
  if (activity.channelId !== TEAMS_CHANNEL_ID) return { ok: false, why: 'wrong-channel' };
  if (checks.tenantId) {
    const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
    if (typeof tenant !== 'string' || tenant.toLowerCase() !== checks.tenantId.toLowerCase())
      return { ok: false, why: 'wrong-tenant' };
  }
  if (activity.conversation?.conversationType !== 'personal') return { ok: false, why: 'not-personal' };
  return {
    ok: true,
    user: {
      objectId: from.aadObjectId.toLowerCase(),
      channelUserId: from.id,
      ...(from.name ? { name: from.name } : {}),
    },
  };
}

const REFUSALS: Record<Exclude<Checked, { ok: true }>['why'], string> = {
  'unknown-user': 'I cannot tell who you are, so I cannot act for you. Open this chat from Microsoft Teams.',
  'wrong-channel': 'I only work in Microsoft Teams. Open a chat with me there.',
  'wrong-tenant': 'I only work for people in the partnership’s own Microsoft Teams organisation.',
  'not-personal': PERSONAL_CHAT_ONLY_TEXT,
};

/**
 * A TeamsActivityHandler: Teams' conversation updates come through its Teams hooks (onTeamsMembersAdded), card
 * Universal Actions (Action.Execute, `adaptiveCard/action`) through onAdaptiveCardInvoke, which it passes on.
 */
export class HubActivityHandler extends TeamsActivityHandler {
  /**
   * Per person: the conversation last stored for them by this process (saved again whenever it differs). A pure
   * saving of calls: lost on restart or absent on another instance, the reference is stored once more (the hub
   * upserts it), which no one sees.
   */
  private readonly remembered = new Map<string, string>();
  /**
   * Shared conversations already told that the bot works only in a personal chat, so adding it there again is
   * not answered twice. The newest few only: one forgotten (or after a restart, or on another instance) is told
   * the same sentence again, with no data in it, which is harmless.
   */
  private readonly toldNotPersonal = new Set<string>();

  constructor(
    private readonly bot: PreventBot,
    private readonly remember: RememberConversation,
    private readonly checks: ActivityChecks = {},
    private readonly maxTold = MAX_TOLD_CONVERSATIONS,
  ) {
    super();

    // Outside Teams, TeamsActivityHandler passes conversation updates to the plain handlers: refused there.
    this.onMembersAdded(async (context, next) => {
      await this.botAdded(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      const checked = checkActivity(context.activity, this.checks);
      if (checked.ok) await this.capture(context, checked.user, true);
      await next();
    });

    this.onMessage(async (context, next) => {
      const checked = checkActivity(context.activity, this.checks);
      if (!checked.ok) {
        await this.refuse(context, checked.why, false);
        return next();
      }
      await this.capture(context, checked.user, false);
      for (const out of await this.bot.onMessage(
        checked.user,
        context.activity.text ?? '',
        context.activity.value,
      ))
        await context.sendActivity(toActivity(out));
      await next();
    });
  }

  /**
   * Teams: the bot was added to a chat. Overridden rather than registered with onTeamsMembersAddedEvent, which
   * first asks Teams for every other member's profile; only whether the bot itself joined matters here.
   */
  protected override async onTeamsMembersAdded(context: TurnContext): Promise<void> {
    await this.botAdded(context);
  }

  /** The install welcome in a personal chat; elsewhere, why nothing happens (once per shared chat). */
  private async botAdded(context: TurnContext) {
    const botId = context.activity.recipient.id;
    if (!context.activity.membersAdded?.some((m) => m.id === botId)) return;
    const checked = checkActivity(context.activity, this.checks);
    if (checked.ok) {
      await this.capture(context, checked.user, true);
      await context.sendActivity(toActivity(await this.bot.welcome(checked.user, { waiting: 'ask' })));
    } else await this.refuse(context, checked.why, true);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const checked = checkActivity(context.activity, this.checks);
    if (!checked.ok) {
      if (checked.why === 'not-personal')
        // The pressed card is replaced by one with no data: a card that reached a shared chat stops showing any.
        return {
          statusCode: 200,
          type: ADAPTIVE_CARD_CONTENT_TYPE,
          value: renderCard('notice', {
            title: 'Prevent Partnership Hub',
            text: PERSONAL_CHAT_ONLY_TEXT,
            reference: '',
            link: '',
          }),
        };
      return {
        statusCode: 401,
        type: 'application/vnd.microsoft.error',
        value: { code: 'Unauthorized', message: REFUSALS[checked.why] },
      };
    }
    const user = checked.user;
    await this.capture(context, user, false);
    const data = (invokeValue.action?.data ?? {}) as Record<string, unknown>;
    const { card, also } = await this.bot.onAction(user, invokeValue.action?.verb ?? '', data);
    for (const out of also ?? []) await context.sendActivity(toActivity(out));
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
  }

  /** Says why nothing happens; in a shared conversation, once (no data, no names, no buttons). */
  private async refuse(context: TurnContext, why: keyof typeof REFUSALS, onJoin: boolean) {
    if (why === 'not-personal') {
      const key = `${context.activity.serviceUrl ?? ''}|${context.activity.conversation?.id ?? ''}`;
      const told = this.toldNotPersonal.delete(key);
      this.toldNotPersonal.add(key);
      if (this.toldNotPersonal.size > this.maxTold)
        this.toldNotPersonal.delete(this.toldNotPersonal.values().next().value!);
      if (told && onJoin) return;
    }
    await context.sendActivity(REFUSALS[why]);
  }

  /**
   * Stores where a personal chat with this person is, on install and whenever it is not the one last stored.
   * Only for a checked activity (checkActivity: a personal chat); the schema, like the hub, takes nothing else.
   */
  private async capture(context: TurnContext, user: BotUser, force: boolean) {
    const parsed = ConversationReferenceSchema.safeParse(
      TurnContext.getConversationReference(context.activity),
    );
    if (!parsed.success) return;
    const reference = parsed.data;
    const key = `${reference.conversation.id}|${reference.serviceUrl}`;
    if (!force && this.remembered.get(user.objectId) === key) return;
    try {
      await this.remember(user, reference);
      this.remembered.set(user.objectId, key);
    } catch {
      // Not fatal for this turn; the next message tries again.
    }
  }
}
