/**
 * The action log: actions agreed in minutes, each with an owner, a due date and a status, carried from meeting
 * to meeting until done (or dropped, with a note). Overdue ones are highlighted and chased; open ones are in
 * their owner's My work. The owner or the secretariat changes the status.
 */
import { z } from 'zod';
import { PersonRefSchema } from '../concerns/workflow';
import { DateOnlySchema, TimestampSchema, optionalText } from '../kernel/common';

/** e.g. ACT-2026-0007: the year it was agreed, then a number unique in the hub. */
export const ActionIdSchema = z
  .string()
  .regex(/^ACT-\d{4}-\d{4,6}$/, 'An action looks like ACT-2026-0001, as the action log shows it.');

export const ActionStatusSchema = z.enum(['open', 'in-progress', 'done', 'dropped'], {
  error: 'Choose the status: open, in-progress, done or dropped.',
});
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** Open and in progress: carried to the next meeting. */
export const isActionOutstanding = (s: ActionStatus) => s === 'open' || s === 'in-progress';

/** Which actions a list shows. */
export const ActionLogViewSchema = z.enum(['open', 'overdue', 'all'], {
  error: 'Choose the view: open, overdue or all.',
});
export type ActionLogView = z.infer<typeof ActionLogViewSchema>;

export const ActionHistoryEntrySchema = z.object({
  at: TimestampSchema,
  by: PersonRefSchema,
  status: ActionStatusSchema,
  note: z.string().optional(),
});

/** An action as a list shows it. */
export const ActionSummarySchema = z.object({
  id: ActionIdSchema,
  text: z.string(),
  owner: PersonRefSchema,
  dueOn: DateOnlySchema,
  status: ActionStatusSchema,
  statusLabel: z.string(),
  /** Outstanding and past its due date. */
  overdue: z.boolean(),
  /** The meeting whose minutes raised it, and the item. */
  meetingId: z.string(),
  meetingDate: DateOnlySchema,
  agendaItemId: z.string(),
  /** Raised under a restricted item (shown only to those cleared, and to its owner). */
  restricted: z.boolean(),
  note: z.string().optional(),
  etag: z.string(),
  can: z.object({ update: z.boolean() }),
});
export type ActionSummary = z.infer<typeof ActionSummarySchema>;

export const ActionViewSchema = ActionSummarySchema.extend({
  history: z.array(ActionHistoryEntrySchema),
});
export type ActionView = z.infer<typeof ActionViewSchema>;

export const ActionLogResponseSchema = z.object({
  view: ActionLogViewSchema,
  items: z.array(ActionSummarySchema),
  counts: z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int() }),
});
export type ActionLogResponse = z.infer<typeof ActionLogResponseSchema>;

export const UpdateActionRequestSchema = z
  .object({
    status: ActionStatusSchema,
    note: optionalText(2000, 'The note'),
    etag: z.string().max(100).optional(),
  })
  .refine((r) => r.status !== 'dropped' || (r.note ?? '').length > 0, {
    message: 'Say why the action is dropped: a note is needed.',
    path: ['note'],
  });
export type UpdateActionRequest = z.input<typeof UpdateActionRequestSchema>;
