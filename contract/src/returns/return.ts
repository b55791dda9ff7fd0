/**
 * A partner's return for one cycle: its status, history and what each caller may do, and the requests that
 * move it: save a draft, submit, approve, send back with comments, approve several at once, chase.
 *
 * not-started → draft (saved as it is typed) → submitted → approved
 *                                            ↘ sent-back (with comments) → draft → submitted …
 * Every change is one write carrying the return's ETag: a stale one is refused (409) with a message that says
 * who changed what since, and field errors naming the parts they changed.
 */
import { z } from 'zod';
import { PersonRefSchema } from '../concerns/workflow';
import { SectorSchema, TimestampSchema, DateOnlySchema, text, optionalText } from '../kernel/common';
import { ReturnContentSchema, RagSchema } from './content';
import { strictFields } from './fields';
import { ApprovalRuleSchema, CycleIdSchema, ReturnCycleSchema } from './cycle';
import { ReturnLimits, ReturnTemplateSchema } from './template';

/** e.g. RTN-2026-27-Q3-0005: the cycle, then a number unique within it. */
export const ReturnReferenceSchema = z
  .string()
  .regex(/^RTN-\d{4}-\d{2}-Q[1-4]-\d{4,6}$/, 'A return reference looks like RTN-2026-27-Q3-0001.');

export const ReturnStatusSchema = z.enum(['not-started', 'draft', 'submitted', 'approved', 'sent-back']);
export type ReturnStatus = z.infer<typeof ReturnStatusSchema>;

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  'not-started': 'Not started',
  draft: 'Draft',
  submitted: 'Submitted, waiting for approval',
  approved: 'Approved',
  'sent-back': 'Sent back for changes',
};

/** The parts of a return a change can touch, named in history and in a 409's field errors. */
export const ReturnPartSchema = z.enum([
  'training',
  'trainingTotal',
  'referrals',
  'sections',
  'risks',
  'goodPractice',
  'priorities',
]);
export type ReturnPart = z.infer<typeof ReturnPartSchema>;

export const ReturnHistoryActionSchema = z.enum([
  'started',
  'saved',
  'submitted',
  'approval-recorded',
  'approved',
  'sent-back',
  'chased',
  'reminded',
  'escalated',
]);
export type ReturnHistoryAction = z.infer<typeof ReturnHistoryActionSchema>;

export const ReturnHistoryEntrySchema = z.object({
  at: TimestampSchema,
  /** Absent for the hub's own timers (reminders, chasers, escalations). */
  by: PersonRefSchema.optional(),
  action: ReturnHistoryActionSchema,
  /** The return's revision after this change. */
  revision: z.number().int(),
  /** What the change touched (saves and submissions). */
  changed: z.array(ReturnPartSchema).optional(),
  /** The approver's or sender-back's comments. */
  comments: z.string().optional(),
  summary: z.string(),
});
export type ReturnHistoryEntry = z.infer<typeof ReturnHistoryEntrySchema>;

export const ApprovalViewSchema = z.object({
  by: PersonRefSchema,
  partnerName: z.string(),
  at: TimestampSchema,
  comments: z.string().optional(),
});

export const PartnerRefSchema = z.object({ id: z.string(), name: z.string(), sector: SectorSchema });

/** What this caller may do with the return now, and if not, why not (for a tab to say). */
export const ReturnPermissionsSchema = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  sendBack: z.boolean(),
  /** Why the caller cannot approve (their own agency, not a board member, already approved…), when they cannot. */
  approveRefusal: z.string().optional(),
});

export type ReturnPermissions = z.infer<typeof ReturnPermissionsSchema>;

/** A return as one caller may see it. A draft's content is its agency's own until it is submitted. */
export const ReturnViewSchema = z.object({
  reference: ReturnReferenceSchema,
  /** Pass back as `etag` (or If-Match) with every change. */
  etag: z.string(),
  revision: z.number().int(),
  cycle: ReturnCycleSchema,
  partner: PartnerRefSchema,
  status: ReturnStatusSchema,
  statusLabel: z.string(),
  /** The template this return keeps (its version is the one it started on). */
  template: ReturnTemplateSchema,
  /** The delivery-plan sections that apply to this partner's sector, in template order. */
  applicableSections: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Absent when the caller may see only its status (another agency's draft). */
  content: ReturnContentSchema.optional(),
  /** Computed from the parts, whatever totals the content states. */
  totals: z
    .object({
      byStaffGroup: z.record(z.string(), z.number().int()),
      byLevel: z.record(z.string(), z.number().int()),
      trained: z.number().int(),
      referrals: z.number().int(),
    })
    .optional(),
  dueOn: DateOnlySchema,
  /** Submitted after the due date, or not submitted and the due date has passed. */
  late: z.boolean(),
  submittedAt: TimestampSchema.optional(),
  submittedBy: PersonRefSchema.optional(),
  approvals: z.array(ApprovalViewSchema),
  approvalRule: ApprovalRuleSchema,
  approvalRuleText: z.string(),
  /** The latest send-back, while the return is being revised (and kept in history after). */
  sentBack: z.object({ by: PersonRefSchema, at: TimestampSchema, comments: z.string() }).optional(),
  updatedAt: TimestampSchema.optional(),
  updatedBy: PersonRefSchema.optional(),
  history: z.array(ReturnHistoryEntrySchema),
  can: ReturnPermissionsSchema,
});
export type ReturnView = z.infer<typeof ReturnViewSchema>;

/** One line of a list of returns (My returns, a cycle at a glance). */
export const ReturnSummarySchema = z.object({
  reference: ReturnReferenceSchema,
  etag: z.string(),
  cycleId: CycleIdSchema,
  cycleLabel: z.string(),
  partner: PartnerRefSchema,
  status: ReturnStatusSchema,
  statusLabel: z.string(),
  dueOn: DateOnlySchema,
  late: z.boolean(),
  submittedAt: TimestampSchema.optional(),
  approvedAt: TimestampSchema.optional(),
  /** When the secretariat (or a timer) last chased it. */
  lastChasedAt: TimestampSchema.optional(),
  /** RAG per applicable section once submitted (for a cycle at a glance). */
  rag: z.record(z.string(), RagSchema).optional(),
  can: ReturnPermissionsSchema,
});
export type ReturnSummary = z.infer<typeof ReturnSummarySchema>;

export const MyReturnsResponseSchema = z.object({
  /** Your agency's returns you can write (not started, draft, sent back) in open cycles, and recent ones. */
  toWrite: z.array(ReturnSummarySchema),
  /** Submitted returns of other agencies you may approve or send back. */
  toApprove: z.array(ReturnSummarySchema),
});
export type MyReturnsResponse = z.infer<typeof MyReturnsResponseSchema>;

export const CycleSummarySchema = ReturnCycleSchema.extend({
  expected: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
});
export const ReturnCyclesResponseSchema = z.object({ items: z.array(CycleSummarySchema) });
export type ReturnCyclesResponse = z.infer<typeof ReturnCyclesResponseSchema>;

/** A cycle at a glance, for the secretariat and the Board: who has filed, who is late. */
export const CycleOverviewSchema = z.object({
  cycle: ReturnCycleSchema,
  approvalRuleText: z.string(),
  returns: z.array(ReturnSummarySchema),
  counts: z.object({
    expected: z.number().int(),
    notStarted: z.number().int(),
    draft: z.number().int(),
    submitted: z.number().int(),
    approved: z.number().int(),
    sentBack: z.number().int(),
    late: z.number().int(),
  }),
  /** The caller may chase returns now (secretariat, while the cycle is open). */
  canChase: z.boolean(),
});
export type CycleOverview = z.infer<typeof CycleOverviewSchema>;

const etag = z.string().min(1, 'Send the ETag of the return as you last saw it.').max(100);
const comments = (label: string) =>
  text(ReturnLimits.comments, label).describe(`At most ${ReturnLimits.comments} characters.`);

export const SaveReturnDraftRequestSchema = strictFields('The request', {
  content: ReturnContentSchema,
  /** The return's ETag as you last saw it (or If-Match); a stale one is refused with what changed. */
  etag: etag.optional(),
});
export type SaveReturnDraftRequest = z.input<typeof SaveReturnDraftRequestSchema>;

export const SubmitReturnRequestSchema = strictFields('The request', {
  /** Saved and submitted in one write when given; otherwise the saved draft is submitted. */
  content: ReturnContentSchema.optional(),
  etag: etag.optional(),
});
export type SubmitReturnRequest = z.input<typeof SubmitReturnRequestSchema>;

export const ApproveReturnRequestSchema = strictFields('An approval', {
  etag: etag.optional(),
  comments: optionalText(ReturnLimits.comments, 'The comments'),
});
export type ApproveReturnRequest = z.input<typeof ApproveReturnRequestSchema>;

export const SendBackReturnRequestSchema = strictFields('A send-back', {
  etag: etag.optional(),
  /** Required: what the author should change. */
  comments: comments('The comments for the author'),
});
export type SendBackReturnRequest = z.input<typeof SendBackReturnRequestSchema>;

export const BulkApproveRequestSchema = strictFields('A bulk approval', {
  items: z
    .array(z.strictObject({ reference: ReturnReferenceSchema, etag }))
    .min(1, 'Choose at least one return to approve.')
    .max(50, 'Approve at most 50 returns at once.'),
  comments: optionalText(ReturnLimits.comments, 'The comments'),
});
export type BulkApproveRequest = z.input<typeof BulkApproveRequestSchema>;

/** One result per return asked for, in the order asked: each checked and audited on its own. */
export const BulkApproveResponseSchema = z.object({
  results: z.array(
    z.object({
      reference: z.string(),
      outcome: z.enum(['approved', 'approval-recorded', 'refused', 'conflict']),
      /** Why it was not approved, in words (refused, conflict). */
      message: z.string().optional(),
      /** The return as it is now, when the caller may see it. */
      return: ReturnSummarySchema.optional(),
    }),
  ),
  approved: z.number().int(),
  refused: z.number().int(),
});
export type BulkApproveResponse = z.infer<typeof BulkApproveResponseSchema>;

export const ChaseRequestSchema = strictFields('A chase', {
  /** The returns to chase; all outstanding returns of the cycle when left out. */
  references: z.array(ReturnReferenceSchema).max(100).optional(),
  /** Added to the chaser the authors receive. */
  message: optionalText(ReturnLimits.comments, 'The message'),
});
export type ChaseRequest = z.input<typeof ChaseRequestSchema>;

export const ChaseResponseSchema = z.object({
  results: z.array(
    z.object({
      reference: z.string(),
      partnerName: z.string(),
      /** False when there was nothing to chase (submitted) or it was chased already today. */
      chased: z.boolean(),
      /** Return authors of the agency the chaser goes to (0: nobody holds the role; the secretariat is told). */
      recipients: z.number().int(),
      message: z.string(),
    }),
  ),
});
export type ChaseResponse = z.infer<typeof ChaseResponseSchema>;
