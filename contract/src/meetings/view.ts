/** A meeting as one caller may see it, and the shape the pack job and the minutes read it in. */
import { z } from 'zod';
import { DateOnlySchema } from '../kernel/common';
import {
  AgendaItemViewSchema,
  PaperDocumentRefSchema,
  PresenterSchema,
  AgendaItemIdSchema,
  StandingItemKeySchema,
} from './agenda';
import { AttendanceResponseSchema, AttendanceEntrySchema, QuorumResultSchema } from './attendance';
import { InviteeSchema, MeetingHistoryEntrySchema, MeetingSummarySchema } from './meeting';

/** What this caller may do now. */
export const MeetingPermissionsSchema = z.object({
  edit: z.boolean(),
  recordAttendance: z.boolean(),
  markHeld: z.boolean(),
});
export type MeetingPermissions = z.infer<typeof MeetingPermissionsSchema>;

export const MeetingViewSchema = MeetingSummarySchema.extend({
  /** Pass back as `etag` (or If-Match) with every change. */
  etag: z.string(),
  invitees: z.array(InviteeSchema),
  agenda: z.array(AgendaItemViewSchema),
  attendance: AttendanceResponseSchema,
  history: z.array(MeetingHistoryEntrySchema),
  /** The Teams meeting's join address, once the calendar has made one (production: Graph). */
  joinUrl: z.string().optional(),
  /** A series' rule in words ("Quarterly on the second Tuesday …"). */
  recurrence: z.string().optional(),
  permissions: MeetingPermissionsSchema,
});
export type MeetingView = z.infer<typeof MeetingViewSchema>;

export const ScheduleMeetingResponseSchema = z.object({
  /** The first meeting (the only one unless a series was asked for). */
  meeting: MeetingViewSchema,
  /** Every meeting scheduled, in date order (a series: one per occurrence). */
  scheduled: z.array(MeetingSummarySchema),
  /** Dates moved off bank holidays, in words. */
  moved: z.array(z.string()),
});
export type ScheduleMeetingResponse = z.infer<typeof ScheduleMeetingResponseSchema>;

/**
 * One agenda item for the pack and the minutes: every item, restricted ones included, with who is cleared. The
 * pack leaves restricted items out of its public copy; the minutes keep their minutes to those cleared.
 */
export const MeetingForPackItemSchema = z.object({
  id: AgendaItemIdSchema,
  position: z.number().int(),
  title: z.string(),
  description: z.string().optional(),
  standing: StandingItemKeySchema.optional(),
  presenter: PresenterSchema.optional(),
  restricted: z.boolean(),
  /**
   * A restricted item: everyone cleared (the people named, the secretariat and the chair, by person id). An item
   * that is not restricted: empty (everyone who sees the meeting sees it).
   */
  clearedFor: z.array(z.string()),
  papers: z.array(PaperDocumentRefSchema.extend({ fileName: z.string() })),
});
export type MeetingForPackItem = z.infer<typeof MeetingForPackItemSchema>;

/** A meeting as the pack job and the minutes read it (through MeetingService.forPack / get): not redacted. */
export const MeetingForPackSchema = z.object({
  meeting: MeetingSummarySchema,
  date: DateOnlySchema,
  invitees: z.array(InviteeSchema),
  attendance: z.array(AttendanceEntrySchema),
  quorum: QuorumResultSchema,
  items: z.array(MeetingForPackItemSchema),
  /** The meeting of the same kind before this one (whose minutes this one approves), when there is one. */
  previousMeetingId: z.string().optional(),
});
export type MeetingForPack = z.infer<typeof MeetingForPackSchema>;
