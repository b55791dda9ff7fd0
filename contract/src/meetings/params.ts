/** Path parameters of the meeting operations, normalised before any handler sees them. */
import { z } from 'zod';
import { AgendaItemIdSchema } from './agenda';
import { MeetingIdSchema } from './meeting';

export const MeetingIdParamSchema = z
  .string()
  .max(20, 'A meeting id looks like MTG-2027-0001.')
  .transform((s) => s.toUpperCase())
  .pipe(MeetingIdSchema);

export const AgendaItemIdParamSchema = z
  .string()
  .max(12, 'An agenda item id looks like ITM-0001.')
  .transform((s) => s.toUpperCase())
  .pipe(AgendaItemIdSchema);

export const PaperIdParamSchema = z
  .string()
  .regex(/^PAP-\d{4,6}$/i, 'A paper id looks like PAP-0001.')
  .transform((s) => s.toUpperCase());

export const MeetingParamsSchema = z.object({ meetingId: MeetingIdParamSchema });
export const AgendaItemParamsSchema = z.object({
  meetingId: MeetingIdParamSchema,
  itemId: AgendaItemIdParamSchema,
});
export const PaperParamsSchema = z.object({ meetingId: MeetingIdParamSchema, paperId: PaperIdParamSchema });
