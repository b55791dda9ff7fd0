/**
 * Meetings: a Prevent Board, a steering group or a Channel panel, one-off or a series. Times are Europe/London
 * wall-clock date-times (`2027-01-12T10:00`): what the invitation says, whatever the clocks do; each view also
 * gives the instant (UTC) it stands for. A series repeats by a rule (e.g. quarterly on the second Tuesday) and
 * an occurrence that falls on a bank holiday moves to the next working day.
 */
import { z } from 'zod';
import { PersonRefSchema } from '../concerns/workflow';
import { IdempotencyKeySchema } from '../concerns/concern';
import {
  DateOnlySchema,
  RoleSchema,
  SectorSchema,
  TimestampSchema,
  chooseFrom,
  optionalText,
  text,
} from '../kernel/common';

export const MEETING_KINDS = ['prevent-board', 'steering-group', 'channel-panel'] as const;
export const MeetingKindSchema = z.enum(MEETING_KINDS, {
  error: chooseFrom('the kind of meeting', MEETING_KINDS),
});
export type MeetingKind = z.infer<typeof MeetingKindSchema>;

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  'prevent-board': 'Prevent Board',
  'steering-group': 'Prevent steering group',
  'channel-panel': 'Channel panel',
};

/** e.g. MTG-2027-0001. */
export const MeetingIdSchema = z
  .string()
  .regex(/^MTG-\d{4}-\d{4,6}$/, 'A meeting id looks like MTG-2027-0001.');
/** e.g. SER-2027-0001: the meetings of one series share it. */
export const SeriesIdSchema = z
  .string()
  .regex(/^SER-\d{4}-\d{4,6}$/, 'A series id looks like SER-2027-0001.');

/** A Europe/London wall-clock date and time, to the minute: 2027-01-12T10:00. */
export const LocalDateTimeSchema = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
    'Give the date and London time like 2027-01-12T10:00.',
  );
export type LocalDateTime = z.infer<typeof LocalDateTimeSchema>;

export const MEETING_STATUSES = ['scheduled', 'rescheduled', 'held', 'cancelled'] as const;
export const MeetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  rescheduled: 'Rescheduled',
  held: 'Held',
  cancelled: 'Cancelled',
};

/** In a room, online (a Teams meeting in production), or both. */
export const LocationSchema = z
  .strictObject({
    venue: optionalText(200, 'The venue'),
    online: z.boolean().default(false),
  })
  .refine((l) => l.online || (l.venue !== undefined && l.venue.length > 0), {
    message: 'Give a venue, or make the meeting online (or both).',
    path: ['venue'],
  });
export type Location = z.infer<typeof LocationSchema>;

/**
 * Who is invited: everyone in a partner agency holding a role (e.g. the police's board member), and named
 * people besides. Resolved to people when the meeting is scheduled or its invitees are changed.
 */
export const InviteeSpecSchema = z.strictObject({
  partnerId: z.string().min(1, 'Choose the partner agency.').max(64),
  role: RoleSchema,
});
export type InviteeSpec = z.infer<typeof InviteeSpecSchema>;

export const InviteesRequestSchema = z.strictObject({
  byRole: z.array(InviteeSpecSchema).max(100).default([]),
  people: z.array(z.string().min(1).max(64)).max(200).default([]),
});
export type InviteesRequest = z.infer<typeof InviteesRequestSchema>;

export const InviteeSchema = z.object({
  personId: z.string(),
  displayName: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  sector: SectorSchema,
  roles: z.array(RoleSchema),
  /** The meeting's chair (the board chair for a Board meeting). */
  chair: z.boolean(),
});
export type Invitee = z.infer<typeof InviteeSchema>;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;
export const WeekdaySchema = z.enum(WEEKDAYS, { error: chooseFrom('a weekday', WEEKDAYS) });
export type Weekday = z.infer<typeof WeekdaySchema>;

/** e.g. quarterly on the second Tuesday, four meetings: { every: 'quarter', weekday: 'TU', nth: 2, count: 4 }. */
export const RecurrenceSchema = z.strictObject({
  every: z.enum(['month', 'quarter', 'half-year', 'year'], {
    error: chooseFrom('how often', ['month', 'quarter', 'half-year', 'year']),
  }),
  weekday: WeekdaySchema,
  /** 1–4: the first to fourth such weekday of the month; -1: the last. */
  nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)], {
    error: 'Choose which weekday of the month: 1 to 4, or -1 for the last.',
  }),
  count: z.number().int().min(1).max(12, 'Schedule at most 12 meetings of a series at once.'),
});
export type Recurrence = z.infer<typeof RecurrenceSchema>;

const ORDINALS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};
const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
};
const EVERY: Record<Recurrence['every'], string> = {
  month: 'Monthly',
  quarter: 'Quarterly',
  'half-year': 'Every six months',
  year: 'Yearly',
};
/** "Quarterly on the second Tuesday, 4 meetings (moved off bank holidays)". */
export const describeRecurrence = (r: Recurrence) =>
  `${EVERY[r.every]} on the ${ORDINALS[String(r.nth)]} ${DAY_NAMES[r.weekday]}, ${r.count} meeting${r.count === 1 ? '' : 's'} (moved off bank holidays)`;

export const ScheduleMeetingRequestSchema = z
  .strictObject({
    /** Makes the request safe to retry: one key, one meeting (or series). */
    idempotencyKey: IdempotencyKeySchema,
    kind: MeetingKindSchema,
    title: text(200, 'The title'),
    /** London wall-clock. For a series: the first meeting is the first occurrence on or after this date. */
    start: LocalDateTimeSchema,
    end: LocalDateTimeSchema,
    location: LocationSchema,
    invitees: InviteesRequestSchema,
    /** The papers are due this many working days before the meeting (5 unless said). */
    papersDueWorkingDays: z.number().int().min(0).max(30).default(5),
    recurrence: RecurrenceSchema.optional(),
  })
  .refine((r) => r.end > r.start, { message: 'The meeting must end after it starts.', path: ['end'] })
  .refine((r) => r.end.slice(0, 10) === r.start.slice(0, 10), {
    message: 'A meeting starts and ends on the same day.',
    path: ['end'],
  });
export type ScheduleMeetingRequest = z.infer<typeof ScheduleMeetingRequestSchema>;
export type ScheduleMeetingInput = z.input<typeof ScheduleMeetingRequestSchema>;

const etag = z.string().min(1, 'Send the ETag of the meeting as you last saw it.').max(100);

export const UpdateMeetingRequestSchema = z.strictObject({
  etag: etag.optional(),
  title: text(200, 'The title').optional(),
  location: LocationSchema.optional(),
  invitees: InviteesRequestSchema.optional(),
  papersDueWorkingDays: z.number().int().min(0).max(30).optional(),
});
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingRequestSchema>;

export const RescheduleMeetingRequestSchema = z
  .strictObject({
    etag: etag.optional(),
    start: LocalDateTimeSchema,
    end: LocalDateTimeSchema,
    reason: text(1000, 'The reason'),
  })
  .refine((r) => r.end > r.start, { message: 'The meeting must end after it starts.', path: ['end'] })
  .refine((r) => r.end.slice(0, 10) === r.start.slice(0, 10), {
    message: 'A meeting starts and ends on the same day.',
    path: ['end'],
  });
export type RescheduleMeetingRequest = z.infer<typeof RescheduleMeetingRequestSchema>;

export const CancelMeetingRequestSchema = z.strictObject({
  etag: etag.optional(),
  reason: text(1000, 'The reason'),
});
export type CancelMeetingRequest = z.infer<typeof CancelMeetingRequestSchema>;

export const MarkHeldRequestSchema = z.strictObject({ etag: etag.optional() });
export type MarkHeldRequest = z.infer<typeof MarkHeldRequestSchema>;

export const MeetingHistoryEntrySchema = z.object({
  at: TimestampSchema,
  by: PersonRefSchema.optional(),
  action: z.enum([
    'scheduled',
    'updated',
    'rescheduled',
    'cancelled',
    'held',
    'agenda-changed',
    'paper-uploaded',
    'attendance-recorded',
    'reminded',
  ]),
  summary: z.string(),
  reason: z.string().optional(),
});
export type MeetingHistoryEntry = z.infer<typeof MeetingHistoryEntrySchema>;

/** One meeting in a list: enough to choose it. */
export const MeetingSummarySchema = z.object({
  id: MeetingIdSchema,
  seriesId: SeriesIdSchema.optional(),
  kind: MeetingKindSchema,
  kindLabel: z.string(),
  title: z.string(),
  status: MeetingStatusSchema,
  statusLabel: z.string(),
  /** London wall-clock. */
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema,
  /** The same, as instants. */
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  /** The meeting's date (London). */
  date: DateOnlySchema,
  location: z.object({ venue: z.string().optional(), online: z.boolean() }),
  /** The last day papers are on time (London); uploaded after it, a paper is late. */
  papersDueOn: DateOnlySchema,
  papersDueWorkingDays: z.number().int(),
  /** Why it was moved off its first date (a bank holiday) or rescheduled or cancelled. */
  statusReason: z.string().optional(),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const MeetingListResponseSchema = z.object({ items: z.array(MeetingSummarySchema) });
export type MeetingListResponse = z.infer<typeof MeetingListResponseSchema>;
