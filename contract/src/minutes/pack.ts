/**
 * What the pack job (packs) takes from minutes for one meeting: the previous meeting's minutes, item by item
 * with restricted items flagged (the pack leaves them out of its public copy), and the action log as it stands:
 * actions still open, and those done or dropped since the previous meeting.
 */
import { z } from 'zod';
import { DateOnlySchema } from '../kernel/common';
import { ActionSummarySchema } from './actions';
import { MinutesStatusSchema } from './minutes';

export const PackMinutesItemSchema = z.object({
  agendaItemId: z.string(),
  title: z.string(),
  order: z.number().int(),
  restricted: z.boolean(),
  discussion: z.string().optional(),
  decisions: z.array(z.string()),
  actionIds: z.array(z.string()),
});
export type PackMinutesItem = z.infer<typeof PackMinutesItemSchema>;

export const MinutesForPackSchema = z.object({
  meetingId: z.string(),
  /** The previous meeting of the same kind, and its minutes if approved or circulated (else undefined). */
  previous: z
    .object({
      meetingId: z.string(),
      meetingTitle: z.string(),
      meetingDate: DateOnlySchema,
      status: MinutesStatusSchema.exclude(['draft']),
      version: z.number().int().min(1),
      items: z.array(PackMinutesItemSchema),
    })
    .optional(),
  actionLog: z.object({
    /** Open and in progress, overdue first. */
    open: z.array(ActionSummarySchema),
    /** Done or dropped since the previous meeting. */
    closedSince: z.array(ActionSummarySchema),
  }),
});
export type MinutesForPack = z.infer<typeof MinutesForPackSchema>;
