/** What the minutes' and the actions' items store, as JSON validated on every read. */
import { z } from 'zod';
import {
  ActionHistoryEntrySchema,
  ActionStatusSchema,
  DateOnlySchema,
  MinutesStatusSchema,
  MinutesVersionSchema,
  PersonRefSchema,
  TimestampSchema,
} from '@pph/contract';
import { AuditPendingEventSchema } from '../kernel/events/audit-event';

export const StoredMinutesItemSchema = z.object({
  agendaItemId: z.string(),
  discussion: z.string().optional(),
  decisions: z.array(z.string()),
  /**
   * The actions raised under the item, as minuted; the action log holds each (by its key) with its status. Kept
   * here so that an action whose creation was cut short is created on the next save or read.
   */
  actions: z.array(
    z.object({ key: z.string(), owner: PersonRefSchema, dueOn: DateOnlySchema, text: z.string() }),
  ),
});
export type StoredMinutesItem = z.infer<typeof StoredMinutesItemSchema>;

export const MinutesStateSchema = z.object({
  /** Moves with every change; the minutes' ETag follows it. */
  revision: z.number().int().min(0),
  status: MinutesStatusSchema,
  items: z.array(StoredMinutesItemSchema),
  versions: z.array(MinutesVersionSchema),
  circulatedAt: TimestampSchema.optional(),
  approved: z
    .object({
      at: TimestampSchema,
      by: PersonRefSchema,
      atMeetingId: z.string(),
      atMeetingDate: DateOnlySchema,
    })
    .optional(),
});
export type MinutesState = z.infer<typeof MinutesStateSchema>;

export const ActionStateSchema = z.object({
  revision: z.number().int().min(0),
  text: z.string(),
  owner: PersonRefSchema,
  dueOn: DateOnlySchema,
  status: ActionStatusSchema,
  meetingId: z.string(),
  meetingDate: DateOnlySchema,
  agendaItemId: z.string(),
  restricted: z.boolean(),
  /** Those cleared for the restricted item it was raised under (the owner sees it too). */
  clearedFor: z.array(z.string()),
  note: z.string().optional(),
  history: z.array(ActionHistoryEntrySchema),
  /** When it was last done or dropped (for "closed since the last meeting"). */
  closedAt: TimestampSchema.optional(),
});
export type ActionState = z.infer<typeof ActionStateSchema>;

/**
 * What an action's write leaves for the relay, in that same write: its audit entry and, for a new action, the
 * owner's notice. Both are keyed, so the relay run again after a crash appends and sends each once.
 */
export const ActionPendingEventSchema = z.discriminatedUnion('kind', [
  AuditPendingEventSchema,
  z.object({
    kind: z.literal('notify'),
    /** The outbox's de-duplication key. */
    dedupeKey: z.string(),
    type: z.enum(['action-assigned']),
    recipientId: z.string(),
    title: z.string(),
    body: z.string(),
    at: TimestampSchema,
  }),
]);
export type ActionPendingEvent = z.infer<typeof ActionPendingEventSchema>;
