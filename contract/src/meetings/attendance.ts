/**
 * Attendance and quorum. Each invitee is present, sent apologies, absent, or sent a deputy (who counts for their
 * agency). The quorum rule is configuration; the result says in words what is missing.
 */
import { z } from 'zod';
import { SectorSchema, optionalText } from '../kernel/common';

export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent', 'deputy'] as const;
export const AttendanceStatusSchema = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof AttendanceStatusSchema>;

export const AttendanceEntryRequestSchema = z
  .strictObject({
    personId: z.string().min(1).max(64),
    status: AttendanceStatusSchema,
    /** Who came in the invitee's place (status deputy). */
    deputyName: optionalText(200, "The deputy's name"),
    deputyPersonId: z.string().min(1).max(64).optional(),
  })
  .refine((e) => e.status !== 'deputy' || e.deputyName || e.deputyPersonId, {
    message: 'Name the deputy who came in their place.',
    path: ['deputyName'],
  });

export const RecordAttendanceRequestSchema = z.strictObject({
  etag: z.string().min(1).max(100).optional(),
  entries: z.array(AttendanceEntryRequestSchema).min(1).max(300),
});
export type RecordAttendanceRequest = z.infer<typeof RecordAttendanceRequestSchema>;

export const AttendanceEntrySchema = z.object({
  personId: z.string(),
  displayName: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  status: AttendanceStatusSchema.or(z.literal('not-recorded')),
  deputy: z.object({ displayName: z.string(), personId: z.string().optional() }).optional(),
});
export type AttendanceEntry = z.infer<typeof AttendanceEntrySchema>;

/**
 * The quorum rule: the chair present (when `chair`), an attendee from each agency of these sectors, and at least
 * this fraction of the invited partner agencies represented (by an invitee or their deputy).
 */
export const QuorumRuleSchema = z.strictObject({
  chair: z.boolean(),
  sectors: z.array(SectorSchema).max(11),
  partnerFraction: z.number().min(0).max(1),
});
export type QuorumRule = z.infer<typeof QuorumRuleSchema>;

export const DEFAULT_QUORUM_RULE: QuorumRule = {
  chair: true,
  sectors: ['local-authority', 'police'],
  partnerFraction: 0.5,
};

export const QuorumResultSchema = z.object({
  met: z.boolean(),
  /** Present when attendance has been recorded and the meeting is not quorate: what is missing, in words. */
  warning: z.string().optional(),
  partnersRepresented: z.number().int(),
  partnersInvited: z.number().int(),
  /** Each part of the rule with whether it is met. */
  checks: z.array(z.object({ rule: z.string(), met: z.boolean() })),
});
export type QuorumResult = z.infer<typeof QuorumResultSchema>;

export const AttendanceResponseSchema = z.object({
  entries: z.array(AttendanceEntrySchema),
  quorum: QuorumResultSchema,
});
export type AttendanceResponse = z.infer<typeof AttendanceResponseSchema>;
