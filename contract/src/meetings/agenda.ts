/**
 * A meeting's agenda: items in order, each with a presenter and papers. A Board meeting starts with the
 * standing items; the secretariat adds, edits, moves and removes items until the meeting is held. A restricted
 * item (exempt information) is seen in full, papers included, only by those cleared for it: the people named,
 * and always the secretariat and the chair.
 */
import { z } from 'zod';
import { PersonRefSchema } from '../concerns/workflow';
import { TimestampSchema, optionalText, text } from '../kernel/common';

/** Agenda item ids are short and stable: ITM-0001 within their meeting. */
export const AgendaItemIdSchema = z.string().regex(/^ITM-\d{4}$/, 'An agenda item id looks like ITM-0001.');

export const STANDING_ITEM_KEYS = [
  'apologies',
  'previous-minutes',
  'action-log',
  'partner-returns',
  'delivery-plan',
  'threat-picture',
  'any-other-business',
] as const;
export const StandingItemKeySchema = z.enum(STANDING_ITEM_KEYS);
export type StandingItemKey = z.infer<typeof StandingItemKeySchema>;

/** The standing items of every Board meeting, in order; any other business always comes last. */
export const STANDING_ITEMS: readonly { key: StandingItemKey; title: string }[] = [
  { key: 'apologies', title: 'Welcome, introductions and apologies' },
  { key: 'previous-minutes', title: 'Minutes of the last meeting' },
  { key: 'action-log', title: 'Action log' },
  { key: 'partner-returns', title: 'Partner returns summary' },
  { key: 'delivery-plan', title: 'Delivery plan progress' },
  { key: 'threat-picture', title: 'Threat picture / CTLP update' },
  { key: 'any-other-business', title: 'Any other business' },
];

/** People cleared for a restricted item, beyond the secretariat and the chair (who always are). */
const clearedFor = z.array(z.string().min(1).max(64)).max(100, 'Clear at most 100 people by name.');

export const AddAgendaItemRequestSchema = z.strictObject({
  title: text(300, 'The item title'),
  description: optionalText(2000, 'The description'),
  /** A person id from the directory; or a name for a guest presenter. */
  presenterId: z.string().min(1).max(64).optional(),
  presenterName: optionalText(200, "The presenter's name"),
  minutes: z.number().int().min(0).max(480).optional(),
  restricted: z.boolean().default(false),
  clearedFor: clearedFor.default([]),
  /** 1-based; absent: before any other business (or last when there is none). */
  position: z.number().int().min(1).optional(),
});
export type AddAgendaItemRequest = z.infer<typeof AddAgendaItemRequestSchema>;
export type AddAgendaItemInput = z.input<typeof AddAgendaItemRequestSchema>;

export const UpdateAgendaItemRequestSchema = z.strictObject({
  title: text(300, 'The item title').optional(),
  description: optionalText(2000, 'The description'),
  presenterId: z.string().min(1).max(64).nullable().optional(),
  presenterName: optionalText(200, "The presenter's name"),
  minutes: z.number().int().min(0).max(480).nullable().optional(),
  restricted: z.boolean().optional(),
  clearedFor: clearedFor.optional(),
});
export type UpdateAgendaItemRequest = z.infer<typeof UpdateAgendaItemRequestSchema>;

export const MoveAgendaItemRequestSchema = z.strictObject({
  /** 1-based position in the agenda after the move. */
  position: z.number().int().min(1, 'Positions start at 1.'),
});
export type MoveAgendaItemRequest = z.infer<typeof MoveAgendaItemRequestSchema>;

export const PresenterSchema = z.object({ personId: z.string().optional(), displayName: z.string() });
export type Presenter = z.infer<typeof PresenterSchema>;

/**
 * Where a paper's file is kept: the document library, its name there and the version (a later upload of the same
 * name is a new version). The same shape as the DocumentStore's reference, plus `late`.
 */
export const PaperDocumentRefSchema = z.object({
  library: z.string(),
  name: z.string(),
  version: z.number().int(),
  contentType: z.string(),
  size: z.number().int(),
  late: z.boolean(),
});
export type PaperDocumentRef = z.infer<typeof PaperDocumentRefSchema>;

export const PaperViewSchema = PaperDocumentRefSchema.extend({
  id: z.string(),
  itemId: AgendaItemIdSchema,
  /** The file name as uploaded. */
  fileName: z.string(),
  uploadedAt: TimestampSchema,
  uploadedBy: PersonRefSchema,
});
export type PaperView = z.infer<typeof PaperViewSchema>;

export const AgendaItemViewSchema = z.object({
  id: AgendaItemIdSchema,
  /** 1-based. */
  position: z.number().int(),
  title: z.string(),
  description: z.string().optional(),
  standing: StandingItemKeySchema.optional(),
  presenter: PresenterSchema.optional(),
  minutes: z.number().int().optional(),
  restricted: z.boolean(),
  /** Person ids cleared for a restricted item (beyond the secretariat and the chair); shown to the secretariat. */
  clearedFor: z.array(z.string()),
  /** Whether this caller may see the item's papers. */
  cleared: z.boolean(),
  /** Absent when the item is restricted and the caller is not cleared. */
  papers: z.array(PaperViewSchema).optional(),
});
export type AgendaItemView = z.infer<typeof AgendaItemViewSchema>;

export const AgendaResponseSchema = z.object({ items: z.array(AgendaItemViewSchema) });
export type AgendaResponse = z.infer<typeof AgendaResponseSchema>;

/** The paper types accepted, told by their content and not their name (functions/src/kernel/documents/paper-checks.ts). */
export const PAPER_CONTENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export const MAX_PAPER_BYTES = 50 * 1024 * 1024;

export const UploadPaperRequestSchema = z.strictObject({
  fileName: text(200, 'The file name').refine((n) => !/[\\/:*?"<>|]/.test(n), {
    message: 'A file name cannot contain \\ / : * ? " < > or |.',
  }),
  contentType: z.string().min(1).max(200),
  /** The file, base64-encoded; at most 50 MB once decoded. */
  contentBase64: z
    .string()
    .min(1, 'The paper is empty.')
    .max(Math.ceil((MAX_PAPER_BYTES * 4) / 3) + 4, 'A paper can be at most 50 MB.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The paper must be sent base64-encoded.'),
});
export type UploadPaperRequest = z.infer<typeof UploadPaperRequestSchema>;

export const PaperListResponseSchema = z.object({ items: z.array(PaperViewSchema) });
