/** What the Meetings list keeps of one meeting (its State column, as JSON), validated when read back. */
import { z } from 'zod';
import {
  AttendanceStatusSchema,
  InviteeSchema,
  InviteesRequestSchema,
  LocalDateTimeSchema,
  MeetingHistoryEntrySchema,
  MeetingKindSchema,
  MeetingStatusSchema,
  PresenterSchema,
  StandingItemKeySchema,
} from '@pph/contract';

export const StoredPaperSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  fileName: z.string(),
  library: z.string(),
  name: z.string(),
  version: z.number().int(),
  contentType: z.string(),
  size: z.number().int(),
  late: z.boolean(),
  uploadedAt: z.string(),
  uploadedBy: z.object({ id: z.string(), displayName: z.string() }),
});
export type StoredPaper = z.infer<typeof StoredPaperSchema>;

export const StoredItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  standing: StandingItemKeySchema.optional(),
  presenter: PresenterSchema.optional(),
  minutes: z.number().int().optional(),
  restricted: z.boolean(),
  clearedFor: z.array(z.string()),
  papers: z.array(StoredPaperSchema),
});
export type StoredItem = z.infer<typeof StoredItemSchema>;

export const StoredAttendanceSchema = z.object({
  status: AttendanceStatusSchema,
  deputy: z.object({ displayName: z.string(), personId: z.string().optional() }).optional(),
});

/** A notice raised by a change, moved to the outbox after the change is written (dedupeKey makes it once). */
export const PendingNoticeSchema = z.object({
  dedupeKey: z.string(),
  type: z.string(),
  recipientId: z.string(),
  title: z.string(),
  body: z.string(),
});
export type PendingNotice = z.infer<typeof PendingNoticeSchema>;

export const MeetingStateSchema = z.object({
  id: z.string(),
  seriesId: z.string().optional(),
  recurrence: z.string().optional(),
  kind: MeetingKindSchema,
  title: z.string(),
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema,
  location: z.object({ venue: z.string().optional(), online: z.boolean() }),
  inviteeSpec: InviteesRequestSchema,
  invitees: z.array(InviteeSchema),
  papersDueWorkingDays: z.number().int(),
  papersDueOn: z.string(),
  status: MeetingStatusSchema,
  statusReason: z.string().optional(),
  agenda: z.array(StoredItemSchema),
  nextItem: z.number().int(),
  nextPaper: z.number().int(),
  attendance: z.record(z.string(), StoredAttendanceSchema),
  history: z.array(MeetingHistoryEntrySchema),
  revision: z.number().int(),
  /** Reminders sent, so a timer that fires twice sends none twice. */
  notices: z.object({ papersDue: z.boolean(), soon: z.boolean() }),
  /**
   * The calendar event: the revision whose change the invitation must carry (`wanted`), the one it last went
   * out for (`sent`), and what the calendar gave back. Agenda changes do not re-send it.
   */
  invitation: z.object({
    wanted: z.number().int(),
    sent: z.number().int(),
    eventId: z.string().optional(),
    joinUrl: z.string().optional(),
    document: z.object({ library: z.string(), name: z.string(), version: z.number().int() }).optional(),
  }),
  pending: z.array(PendingNoticeSchema),
});
export type MeetingState = z.infer<typeof MeetingStateSchema>;
