/**
 * The minutes of a meeting: per agenda item, the discussion, the decisions and the actions agreed. They move
 *
 *   draft (v1, v2 … each save a version) → circulated to attendees → approved as an item of the next meeting
 *
 * and every version is kept, each rendered to Word and PDF (a public copy without restricted items, and a
 * restricted copy for those cleared). Approved minutes are approved once: a second approval is refused (409).
 */
import { z } from 'zod';
import { PersonRefSchema } from '../concerns/workflow';
import { DateOnlySchema, TimestampSchema, optionalText, text } from '../kernel/common';
import { ActionSummarySchema } from './actions';

/** A meeting's id as the meetings capability gives it (its path segment). */
export const MeetingRefSchema = z
  .string()
  .min(1, 'Say which meeting.')
  .max(64, 'A meeting id is at most 64 characters.')
  .regex(/^[A-Za-z0-9_-]+$/, 'A meeting id is letters, digits and dashes, as the Meetings list shows it.');

export const MinutesStatusSchema = z.enum(['draft', 'circulated', 'approved']);
export type MinutesStatus = z.infer<typeof MinutesStatusSchema>;

export const MINUTES_STATUS_LABELS: Record<MinutesStatus, string> = {
  draft: 'Draft',
  circulated: 'Circulated to attendees',
  approved: 'Approved',
};

export const MinutesLimits = {
  items: 60,
  discussion: 8000,
  decisions: 20,
  decision: 1000,
  actions: 20,
  action: 1000,
} as const;

/** An action agreed under an item, to be created in the action log when the minutes are saved. */
export const NewActionSchema = z.object({
  /** The person who owns it (a person id from the directory). */
  ownerId: z.string().min(1, 'Say who owns the action.').max(64),
  dueOn: DateOnlySchema,
  text: text(MinutesLimits.action, 'The action'),
});
export type NewAction = z.infer<typeof NewActionSchema>;

/** What the secretariat writes for one agenda item. */
export const MinutesItemInputSchema = z.object({
  agendaItemId: z.string().min(1, 'Say which agenda item these minutes are for.').max(64),
  discussion: optionalText(MinutesLimits.discussion, 'The discussion'),
  decisions: z
    .array(text(MinutesLimits.decision, 'A decision'))
    .max(MinutesLimits.decisions, `At most ${MinutesLimits.decisions} decisions per item.`)
    .default([]),
  /**
   * Actions agreed under the item. Those already in the action log stay there (their status is changed in the
   * log); these are new ones, created once however often the same draft is saved (matched on owner and text).
   */
  actions: z
    .array(NewActionSchema)
    .max(MinutesLimits.actions, `At most ${MinutesLimits.actions} new actions per item.`)
    .default([]),
});
export type MinutesItemInput = z.input<typeof MinutesItemInputSchema>;

export const SaveMinutesDraftRequestSchema = z.object({
  items: z
    .array(MinutesItemInputSchema)
    .max(MinutesLimits.items, `At most ${MinutesLimits.items} items of minutes.`),
  /** The minutes' ETag as last seen (or If-Match); not needed for the first draft. */
  etag: z.string().max(100).optional(),
});
export type SaveMinutesDraftRequest = z.input<typeof SaveMinutesDraftRequestSchema>;

export const CirculateMinutesRequestSchema = z.object({ etag: z.string().max(100).optional() });

export const ApproveMinutesRequestSchema = z.object({
  /** The meeting that approved them: the next meeting of the same kind, where they are an agenda item. */
  atMeetingId: MeetingRefSchema,
  etag: z.string().max(100).optional(),
});
export type ApproveMinutesRequest = z.input<typeof ApproveMinutesRequestSchema>;

export const MinutesFormatSchema = z.enum(['docx', 'pdf'], {
  error: 'Choose the format: docx (Word) or pdf.',
});
export type MinutesFormat = z.infer<typeof MinutesFormatSchema>;

export const MINUTES_CONTENT_TYPES: Record<MinutesFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The public copy leaves restricted items out; the restricted copy has every item, for those cleared. */
export const MinutesCopySchema = z.enum(['public', 'restricted']);
export type MinutesCopy = z.infer<typeof MinutesCopySchema>;

/** One rendered file of a version, as kept in the document store. */
export const MinutesDocumentSchema = z.object({
  format: MinutesFormatSchema,
  copy: MinutesCopySchema,
  /** Where the document store keeps it: the library, the name and the store's version of that name. */
  library: z.string(),
  name: z.string(),
  storedVersion: z.number().int().min(1),
  bytes: z.number().int().min(0),
});
export type MinutesDocument = z.infer<typeof MinutesDocumentSchema>;

/** A version of the minutes: every save, the circulation and the approval each make one. */
export const MinutesVersionSchema = z.object({
  version: z.number().int().min(1),
  status: MinutesStatusSchema,
  at: TimestampSchema,
  by: PersonRefSchema,
  documents: z.array(MinutesDocumentSchema),
});
export type MinutesVersion = z.infer<typeof MinutesVersionSchema>;

export const MinutesItemViewSchema = z.object({
  agendaItemId: z.string(),
  title: z.string(),
  order: z.number().int(),
  restricted: z.boolean(),
  discussion: z.string().optional(),
  decisions: z.array(z.string()),
  /** The actions raised under this item, as they stand in the action log. */
  actions: z.array(ActionSummarySchema),
});
export type MinutesItemView = z.infer<typeof MinutesItemViewSchema>;

export const MinutesViewSchema = z.object({
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingDate: DateOnlySchema,
  /** 'none' until the first draft is saved. */
  status: z.union([MinutesStatusSchema, z.literal('none')]),
  statusLabel: z.string(),
  /** The latest version (0 before the first draft). */
  version: z.number().int().min(0),
  etag: z.string(),
  /** Restricted items only for those cleared for them; left out for everyone else. */
  items: z.array(MinutesItemViewSchema),
  /** How many restricted items were left out of this view. */
  restrictedWithheld: z.number().int().min(0),
  /** Every version, oldest first. */
  versions: z.array(MinutesVersionSchema),
  circulatedAt: TimestampSchema.optional(),
  approved: z
    .object({
      at: TimestampSchema,
      by: PersonRefSchema,
      atMeetingId: z.string(),
      atMeetingDate: DateOnlySchema,
    })
    .optional(),
  can: z.object({ edit: z.boolean(), circulate: z.boolean(), approve: z.boolean() }),
});
export type MinutesView = z.infer<typeof MinutesViewSchema>;
