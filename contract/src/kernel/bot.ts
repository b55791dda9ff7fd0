import { z } from 'zod';
import { IdempotencyKeySchema } from '../concerns/concern';
import { boundedJsonRecord } from './common';

/**
 * A concern being written in chat, saved after every card so that closing Teams or restarting the bot loses
 * nothing. Answers are unvalidated partial input (each card validates its own part; submit validates the whole).
 */
export const ConcernDraftSchema = z.object({
  idempotencyKey: IdempotencyKeySchema,
  /** Which card of the guided form comes next. */
  step: z.string().min(1).max(64),
  answers: boundedJsonRecord(16, 'The answers'),
  /** Bot card/flow version that wrote the draft, so an older draft can be migrated or restarted. */
  formVersion: z.number().int().min(1),
  updatedAt: z.string().optional(),
});
export type ConcernDraft = z.infer<typeof ConcernDraftSchema>;

export const MAX_DRAFT_BYTES = 64 * 1024;

export const DraftResponseSchema = z.object({ draft: ConcernDraftSchema.nullable() });
export const PutDraftRequestSchema = z.object({ draft: ConcernDraftSchema });

/**
 * A Bot Framework conversation reference, captured on install and first contact for proactive messages. Only a
 * personal (one-to-one) chat: a group chat or a channel would show every notification to everyone in it.
 */
export const ConversationReferenceSchema = z
  .object({
    channelId: z.string().max(64),
    serviceUrl: z.string().url().max(2000),
    conversation: z
      .object({
        id: z.string().max(1000),
        conversationType: z.literal('personal', {
          error:
            'Only a personal (one-to-one) chat with the bot can be registered: in a group chat or a channel, concern details would be seen by everyone there.',
        }),
      })
      .passthrough(),
    bot: z
      .object({ id: z.string().max(500) })
      .passthrough()
      .optional(),
    user: z
      .object({ id: z.string().max(500) })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type ConversationReferenceInput = z.infer<typeof ConversationReferenceSchema>;

/**
 * Why a notification is undeliverable when the person has no stored conversation (they never opened the bot).
 * Such notifications go back to the outbox when the person's first conversation is stored.
 */
export const NO_CONVERSATION_REASON =
  'This person has not opened the hub bot in Teams, so there is no chat to send to.';

export const SaveConversationReferenceRequestSchema = z.object({ reference: ConversationReferenceSchema });

/**
 * Whether this was the person's first message to the bot ever (any instance, any restart): a first message
 * starts a concern, a later unknown word gets help. Kept by the hub, so it survives the bot's restarts.
 */
export const FirstMessageResponseSchema = z.object({ first: z.boolean() });
export type FirstMessageResponse = z.infer<typeof FirstMessageResponseSchema>;

export const NotificationTypeSchema = z.enum([
  'concern-submitted',
  'step-assigned',
  'due-soon',
  'overdue',
  'escalated',
  'decided',
  'information-requested',
  'information-supplied',
  /** To a step's deciders: the person asked has not answered; they may decide without it. */
  'information-unanswered',
  /** To the referrer: the concern they raised is closed. */
  'concern-closed',
  'review-due',
  /** Quarterly returns (returns/workflow.ts): shown as a notice with their title and body. */
  'return-cycle-opened',
  'return-reminder',
  'return-chaser',
  'return-chased',
  'return-escalated',
  'return-submitted',
  'return-approved',
  'return-sent-back',
  /** Board packs (functions/src/packs): a version published, to the meeting's invitees. */
  'pack-published',
  /** Minutes and the action log (functions/src/minutes): shown as a notice with their title and body. */
  'minutes-circulated',
  'minutes-approved',
  'action-assigned',
  'action-overdue',
  /** Meetings (functions/src/meetings): shown as a notice with their title and body. */
  'meeting-invited',
  'meeting-changed',
  'meeting-cancelled',
  'meeting-papers-due',
  'meeting-soon',
]);

/** Notifications about one step of a concern, for the people who may decide it (they carry its stepId). */
export const STEP_NOTIFICATION_TYPES = [
  'step-assigned',
  'due-soon',
  'overdue',
  'escalated',
  'information-supplied',
  'information-unanswered',
] as const satisfies readonly z.infer<typeof NotificationTypeSchema>[];

/** A message someone must hear about, as the outbox hands it to a delivery adapter (and the bot renders it). */
export const NotificationSchema = z.object({
  /** Stable across retries: a recipient-side de-duplication key. */
  dedupeKey: z.string().min(1).max(300),
  type: NotificationTypeSchema,
  recipientId: z.string().min(1).max(64),
  reference: z.string().max(32),
  /** Plain text safe for the recipient's role (no special-category content). */
  title: z.string().max(300),
  body: z.string().max(4000),
  stepId: z.string().max(64).optional(),
  /** For information requests and reminders: which request. */
  requestId: z.string().max(64).optional(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationType = z.infer<typeof NotificationTypeSchema>;

/** What the hub's outbox asks the bot to deliver, with where to deliver it. */
export const BotNotifyRequestSchema = z.object({
  notification: NotificationSchema,
  conversationReference: ConversationReferenceSchema,
});
export type BotNotifyRequest = z.infer<typeof BotNotifyRequestSchema>;

export const BotNotifyResponseSchema = z.object({
  status: z.enum(['delivered', 'undeliverable']),
  reason: z.string().optional(),
});

/** The bot's notification endpoint and the shared-secret header the hub proves itself with. */
export const BotNotify = { path: '/api/notify', keyHeader: 'x-hub-notify-key' } as const;
