/**
 * botbuilder's side of the conversation: turns activities into calls on the SDK-free PreventBot and its answers
 * back into activities. Moving to the Microsoft 365 Agents SDK means rewriting this folder only.
 */
import {
  ActivityHandler,
  CardFactory,
  MessageFactory,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Activity } from 'botbuilder';
import { ConversationReferenceSchema, type ConversationReferenceInput } from '@pph/functions/contract';
import type { PreventBot } from '../core/prevent-bot';
import type { BotUser, Outgoing } from '../core/types';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Records where a person can be reached; the hub stores it for proactive notifications. */
export type RememberConversation = (user: BotUser, reference: ConversationReferenceInput) => Promise<void>;

export function toActivity(out: Outgoing): Partial<Activity> {
  if (out.card) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(out.card));
    if (out.text) activity.text = out.text;
    return activity;
  }
  return MessageFactory.text(out.text ?? '');
}

/** The verified user of an activity, or undefined when the channel did not say who it is. */
export function userOf(activity: Activity): BotUser | undefined {
  const from = activity.from;
  if (!from?.aadObjectId) return undefined;
  return {
    objectId: from.aadObjectId.toLowerCase(),
    channelUserId: from.id,
    ...(from.name ? { name: from.name } : {}),
  };
}

export class HubActivityHandler extends ActivityHandler {
  private readonly remembered = new Set<string>();

  constructor(
    private readonly bot: PreventBot,
    private readonly remember: RememberConversation,
  ) {
    super();

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        const user = userOf(context.activity);
        if (user) {
          await this.capture(context, user, true);
          await context.sendActivity(toActivity(await this.bot.welcome(user)));
        }
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      const user = userOf(context.activity);
      if (user) await this.capture(context, user, true);
      await next();
    });

    this.onMessage(async (context, next) => {
      const user = userOf(context.activity);
      if (!user) {
        await context.sendActivity(
          'I cannot tell who you are, so I cannot act for you. Open this chat from Microsoft Teams.',
        );
        return next();
      }
      await this.capture(context, user, false);
      for (const out of await this.bot.onMessage(user, context.activity.text ?? '', context.activity.value))
        await context.sendActivity(toActivity(out));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const user = userOf(context.activity);
    if (!user)
      return {
        statusCode: 401,
        type: 'application/vnd.microsoft.error',
        value: { code: 'Unauthorized', message: 'The hub cannot tell who pressed this button.' },
      };
    await this.capture(context, user, false);
    const data = (invokeValue.action?.data ?? {}) as Record<string, unknown>;
    const { card, also } = await this.bot.onAction(user, invokeValue.action?.verb ?? '', data);
    for (const out of also ?? []) await context.sendActivity(toActivity(out));
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
  }

  /** Captures the conversation reference once per conversation and process (on install, and at first contact). */
  private async capture(context: TurnContext, user: BotUser, force: boolean) {
    const parsed = ConversationReferenceSchema.safeParse(
      TurnContext.getConversationReference(context.activity),
    );
    if (!parsed.success) return;
    const reference = parsed.data;
    const key = `${user.objectId}|${reference.conversation?.id ?? ''}|${reference.serviceUrl ?? ''}`;
    if (!force && this.remembered.has(key)) return;
    try {
      await this.remember(user, reference);
      this.remembered.add(key);
    } catch {
      // Not fatal for this turn; the next message tries again.
    }
  }
}
