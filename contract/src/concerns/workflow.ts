import { z } from 'zod';
import { ConcernIntakeSchema } from './concern';
import { ReferenceSchema, RoleSchema, TimestampSchema, DateOnlySchema, text } from '../kernel/common';
import { DecisionKindSchema } from './route';

export const ConcernStatusSchema = z.enum(['open', 'closed']);
export type ConcernStatus = z.infer<typeof ConcernStatusSchema>;

export const StepStatusSchema = z.enum(['open', 'awaiting-information', 'decided', 'cancelled']);
export type StepStatus = z.infer<typeof StepStatusSchema>;

export const PersonRefSchema = z.object({ id: z.string(), displayName: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const DecisionViewSchema = z.object({
  kind: DecisionKindSchema,
  outcome: z.object({ key: z.string(), label: z.string() }).optional(),
  reason: z.string().optional(),
  by: PersonRefSchema,
  at: TimestampSchema,
});

export const StepViewSchema = z.object({
  id: z.string(),
  stageKey: z.string(),
  stepKey: z.string(),
  title: z.string(),
  decidedBy: z.object({ role: RoleSchema, partnerName: z.string() }),
  status: StepStatusSchema,
  openedAt: TimestampSchema,
  dueOn: DateOnlySchema,
  overdue: z.boolean(),
  escalated: z.boolean(),
  assignee: PersonRefSchema.optional(),
  decision: DecisionViewSchema.optional(),
  /** What this caller may do on this step now; empty if nothing. */
  allowedDecisions: z.array(DecisionKindSchema),
  outcomes: z.array(z.object({ key: z.string(), label: z.string(), closes: z.boolean() })),
  canAssign: z.boolean(),
});
export type StepView = z.infer<typeof StepViewSchema>;

export const InformationRequestViewSchema = z.object({
  id: z.string(),
  /** Caseworkers only: which step asked, and who. The referrer hears it is "the Prevent team". */
  stepId: z.string().optional(),
  question: z.string(),
  requestedBy: PersonRefSchema.optional(),
  requestedAt: TimestampSchema,
  response: z.string().optional(),
  respondedAt: TimestampSchema.optional(),
  canRespond: z.boolean(),
});

export const NoteViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  by: PersonRefSchema,
  at: TimestampSchema,
});

export const ReviewViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['support-plan', 'post-closure']),
  label: z.string(),
  dueOn: DateOnlySchema,
  status: z.enum(['scheduled', 'done', 'cancelled']),
  summary: z.string().optional(),
  recordedBy: PersonRefSchema.optional(),
  recordedAt: TimestampSchema.optional(),
  canRecord: z.boolean(),
});

export const HistoryEntryViewSchema = z.object({
  at: TimestampSchema,
  by: PersonRefSchema.optional(),
  summary: z.string(),
});

/** A concern as one caller may see it: withheld parts are absent and named in `withheld`. */
export const ConcernViewSchema = z.object({
  reference: ReferenceSchema,
  etag: z.string(),
  status: ConcernStatusSchema,
  submittedAt: TimestampSchema,
  /** Plain-language status safe for the referrer. */
  referrerStatus: z.string(),
  immediateRisk: z.boolean(),
  route: z.object({ id: z.string(), version: z.number().int() }).optional(),
  stage: z.object({ key: z.string(), title: z.string() }).optional(),
  intake: ConcernIntakeSchema.optional(),
  steps: z.array(StepViewSchema),
  informationRequests: z.array(InformationRequestViewSchema),
  notes: z.array(NoteViewSchema),
  reviews: z.array(ReviewViewSchema),
  history: z.array(HistoryEntryViewSchema),
  outcome: z.object({ key: z.string(), label: z.string(), at: TimestampSchema }).optional(),
  withheld: z.array(z.string()),
  canAddNote: z.boolean(),
});
export type ConcernView = z.infer<typeof ConcernViewSchema>;

export const SubmitConcernResponseSchema = z.object({
  reference: ReferenceSchema,
  /** False when this was a retry of a submission already made with the same key. */
  created: z.boolean(),
  concern: ConcernViewSchema,
});
export type SubmitConcernResponse = z.infer<typeof SubmitConcernResponseSchema>;

export const MyConcernSchema = z.object({
  reference: ReferenceSchema,
  submittedAt: TimestampSchema,
  status: ConcernStatusSchema,
  referrerStatus: z.string(),
  /** The initials of the person the concern is about ("A.E."), so the referrer can tell their concerns apart. */
  subjectInitials: z.string(),
  /** A step is waiting for information you were asked for (answer it from the concern's view). */
  awaitingYourAnswer: z.boolean(),
});
export const MyConcernsResponseSchema = z.object({ items: z.array(MyConcernSchema) });
export type MyConcernsResponse = z.infer<typeof MyConcernsResponseSchema>;

/**
 * A step waiting for the caller, as a list of work shows it. What may be decided, and the concern itself, are
 * read from the concern's view when it is opened (where the decision is checked again).
 */
export const WorkItemSchema = z.object({
  reference: ReferenceSchema,
  stepId: z.string(),
  stepTitle: z.string(),
  stageTitle: z.string(),
  status: StepStatusSchema,
  dueOn: DateOnlySchema,
  overdue: z.boolean(),
  escalated: z.boolean(),
  immediateRisk: z.boolean(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

/**
 * One generic item of My work from any capability but concerns (whose steps and reviews are `items` and
 * `reviews`): what it is, when it is due, and where a tab opens it.
 */
export const QueueTaskSchema = z.object({
  /** e.g. 'returns'. */
  capability: z.string(),
  /** e.g. 'return-write', 'return-approve'. */
  kind: z.string(),
  /** The item it is about (a return's reference). */
  itemRef: z.string(),
  title: z.string(),
  /** A second line (the agency, the status). */
  detail: z.string().optional(),
  dueOn: DateOnlySchema,
  overdue: z.boolean(),
  /** Where it opens: the tab's entity id and the sub-entity naming the item (see returns/links.ts). */
  open: z.object({ entityId: z.string(), subEntityId: z.string() }),
});
export type QueueTask = z.infer<typeof QueueTaskSchema>;

export const WorkItemsResponseSchema = z.object({
  items: z.array(WorkItemSchema),
  /** Reviews that fall due for this caller (support plans and post-closure follow-ups). */
  reviews: z.array(
    z.object({
      reference: ReferenceSchema,
      reviewId: z.string(),
      label: z.string(),
      dueOn: DateOnlySchema,
      overdue: z.boolean(),
    }),
  ),
  /** More work waits beyond this page: pass it back to get the next page (absent on the last). */
  nextPageToken: z.string().optional(),
  /**
   * Work from the other capabilities (returns to write or approve…), overdue first, then by due date: all of
   * it, on the first page only (a page asked for with a nextPageToken is more steps and reviews).
   */
  tasks: z.array(QueueTaskSchema).optional(),
});
export type WorkItemsResponse = z.infer<typeof WorkItemsResponseSchema>;

export const DecideStepRequestSchema = z
  .object({
    decision: DecisionKindSchema,
    outcome: z.string().max(64).optional(),
    reason: z.string().trim().max(4000, 'The reason must be 4000 characters or fewer.').optional(),
    /** The concern's ETag as the caller last saw it; a stale one is refused with 409 and the current state. */
    etag: z.string().max(100).optional(),
  })
  .refine((d) => d.decision === 'forward' || (d.reason ?? '').length > 0, {
    message: 'Give a reason for anything but forwarding.',
    path: ['reason'],
  });
export type DecideStepRequest = z.infer<typeof DecideStepRequestSchema>;

export const SupplyInformationRequestSchema = z.object({ response: text(4000, 'The information') });
export const AddNoteRequestSchema = z.object({ text: text(4000, 'The note') });
export const AssignStepRequestSchema = z.object({
  toUserId: z.string().min(1, 'Choose who the step goes to.').max(64),
  reason: text(1000, 'The reason for the reassignment'),
  etag: z.string().max(100).optional(),
});
export const RecordReviewRequestSchema = z.object({ summary: text(4000, 'The review summary') });
