/**
 * What a return item stores: its state (content, history, approvals, which notices it has had) and the events a
 * change raised, waiting for the relay. Both are JSON in chunked note columns of the one item.
 */
import { z } from 'zod';
import {
  NotificationTypeSchema,
  PersonRefSchema,
  ReturnContentSchema,
  ReturnHistoryEntrySchema,
  ReturnStatusSchema,
  ReturnTemplateRefSchema,
  TimestampSchema,
} from '@pph/contract';
import { AuditPendingEventSchema } from '../kernel/events/audit-event';

export const StoredApprovalSchema = z.object({
  by: PersonRefSchema,
  partnerId: z.string(),
  partnerName: z.string(),
  at: TimestampSchema,
  comments: z.string().optional(),
});
export type StoredApproval = z.infer<typeof StoredApprovalSchema>;

/** Which timed notices a return has had: each is sent once, however often the timer runs. */
export const NoticesSchema = z.object({
  opened: z.boolean(),
  /** Days before the due date a reminder went for (from the configuration). */
  reminded: z.array(z.number().int()),
  /** Days after the due date a chaser went for. */
  chased: z.array(z.number().int()),
  escalated: z.boolean(),
  /** London dates of the secretariat's chases (once a day at most). */
  chasedOn: z.array(z.string()),
  lastChasedAt: TimestampSchema.optional(),
});
export type Notices = z.infer<typeof NoticesSchema>;

export const ReturnStateSchema = z.object({
  /** Moves with every change a person could see; the return's ETag follows it. */
  revision: z.number().int().min(0),
  status: ReturnStatusSchema,
  template: ReturnTemplateRefSchema,
  content: ReturnContentSchema,
  history: z.array(ReturnHistoryEntrySchema),
  approvals: z.array(StoredApprovalSchema),
  submittedAt: TimestampSchema.optional(),
  submittedBy: PersonRefSchema.optional(),
  sentBack: z.object({ by: PersonRefSchema, at: TimestampSchema, comments: z.string() }).optional(),
  updatedAt: TimestampSchema.optional(),
  updatedBy: PersonRefSchema.optional(),
  notices: NoticesSchema,
});
export type ReturnState = z.infer<typeof ReturnStateSchema>;

/** Who a notification is for: a person, or whoever holds a role (in one agency, or anywhere). */
export const RecipientRuleSchema = z.union([
  z.object({ kind: z.literal('person'), id: z.string() }),
  z.object({ kind: z.literal('role'), role: z.string(), partnerId: z.string().optional() }),
]);
export type RecipientRule = z.infer<typeof RecipientRuleSchema>;

export const ReturnPendingEventSchema = z.discriminatedUnion('kind', [
  AuditPendingEventSchema,
  z.object({
    kind: z.literal('notify'),
    /** Unique per event: with the recipient, the outbox's de-duplication key. */
    key: z.string(),
    type: NotificationTypeSchema,
    to: z.array(RecipientRuleSchema),
    /** Left out even if a rule includes them (whoever made the change). */
    except: z.array(z.string()).optional(),
    title: z.string(),
    body: z.string(),
  }),
]);
export type ReturnPendingEvent = z.infer<typeof ReturnPendingEventSchema>;
export type ReturnNotifyEvent = Extract<ReturnPendingEvent, { kind: 'notify' }>;
