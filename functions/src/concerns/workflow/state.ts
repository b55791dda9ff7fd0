import { z } from 'zod';
import { DecisionKindSchema, StepStatusSchema } from '@pph/contract';
import { AuditPendingEventSchema } from '../../kernel/events/audit-event';

/**
 * The workflow state of one concern, stored as JSON in the concern item's Workflow column so that every change
 * (a decision, its consequences and the events it raises) is one atomic, ETag-guarded item write.
 */
export const VisibilitySchema = z.enum(['all', 'case', 'police', 'panel']);
export type Visibility = z.infer<typeof VisibilitySchema>;

const Who = { byId: z.string(), byName: z.string() };

export const StepInstanceSchema = z.object({
  id: z.string(),
  stageIndex: z.number().int(),
  /** Which visit to the stage opened this step (a "return" revisits a stage with fresh steps). */
  visit: z.number().int(),
  stageKey: z.string(),
  stepKey: z.string(),
  status: StepStatusSchema,
  openedAt: z.string(),
  dueOn: z.string(),
  remindOn: z.string(),
  reminderSent: z.boolean(),
  /** Whether the overdue notice went out (once per due date). */
  overdueNotified: z.boolean().default(false),
  /** Escalated: the step's escalation target may decide it too. */
  escalated: z.boolean(),
  /** Why: it ran past its time limit, or nobody could decide it (no one else holds the role in that agency). */
  escalatedBecause: z.enum(['overdue', 'no-decider']).optional(),
  assigneeId: z.string().optional(),
  assigneeName: z.string().optional(),
  decision: z
    .object({
      kind: DecisionKindSchema,
      outcomeKey: z.string().optional(),
      reason: z.string().optional(),
      at: z.string(),
      ...Who,
    })
    .optional(),
});
export type StepInstance = z.infer<typeof StepInstanceSchema>;

export const InfoRequestSchema = z.object({
  id: z.string(),
  stepId: z.string(),
  question: z.string(),
  toId: z.string(),
  requestedAt: z.string(),
  ...Who,
  response: z.string().optional(),
  respondedAt: z.string().optional(),
  /** While unanswered: when the person asked is reminded, and when the deciders hear there is no reply. */
  remindOn: z.string().optional(),
  chaseOn: z.string().optional(),
  reminded: z.boolean().default(false),
  chased: z.boolean().default(false),
});
export type InfoRequest = z.infer<typeof InfoRequestSchema>;

export const NoteSchema = z.object({
  id: z.string(),
  text: z.string(),
  at: z.string(),
  visibility: VisibilitySchema,
  ...Who,
});
export type Note = z.infer<typeof NoteSchema>;

export const ReviewSchema = z.object({
  id: z.string(),
  kind: z.enum(['support-plan', 'post-closure']),
  label: z.string(),
  dueOn: z.string(),
  status: z.enum(['scheduled', 'done', 'cancelled']),
  dueNotified: z.boolean(),
  summary: z.string().optional(),
  recordedById: z.string().optional(),
  recordedByName: z.string().optional(),
  recordedAt: z.string().optional(),
});
export type Review = z.infer<typeof ReviewSchema>;

export const HistoryEntrySchema = z.object({
  at: z.string(),
  byId: z.string().optional(),
  byName: z.string().optional(),
  visibility: VisibilitySchema,
  summary: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const WorkflowStateSchema = z.object({
  status: z.enum(['open', 'closed']),
  stageIndex: z.number().int().min(0),
  visit: z.number().int().min(0),
  /** Counter for step/request/note/review ids within this concern. */
  seq: z.number().int().min(0),
  /**
   * Bumped by every change a person could have wanted to see before acting (decisions, requests, notes,
   * assignments, reviews, escalations), and by nothing else: the concern's ETag for clients. The store item's
   * own ETag also moves when the relay clears events or a reminder flag is set, which must not make a
   * caller's view stale.
   */
  revision: z.number().int().min(0).default(0),
  steps: z.array(StepInstanceSchema),
  infoRequests: z.array(InfoRequestSchema),
  notes: z.array(NoteSchema),
  reviews: z.array(ReviewSchema),
  history: z.array(HistoryEntrySchema),
  outcome: z.object({ key: z.string(), label: z.string(), at: z.string() }).optional(),
});
export type WorkflowState = z.infer<typeof WorkflowStateSchema>;

/** Who must hear about an event: a named person, or whoever holds a role in the agencies a step names. */
export type Recipient =
  | { kind: 'person'; id: string }
  | { kind: 'decider'; stageIndex: number; stepKey: string; escalation?: boolean };

export const PendingEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('notify'),
    key: z.string(),
    type: z.string(),
    recipients: z.array(
      z.union([
        z.object({ kind: z.literal('person'), id: z.string() }),
        z.object({
          kind: z.literal('decider'),
          stageIndex: z.number().int(),
          stepKey: z.string(),
          escalation: z.boolean().optional(),
        }),
      ]),
    ),
    /** People left out even if a recipient rule includes them (e.g. whoever made the decision). */
    except: z.array(z.string()).optional(),
    stepId: z.string().optional(),
    requestId: z.string().optional(),
    title: z.string(),
    body: z.string(),
  }),
  AuditPendingEventSchema,
]);
export type PendingEvent = z.infer<typeof PendingEventSchema>;
export type NotifyEvent = Extract<PendingEvent, { kind: 'notify' }>;
