/**
 * A meeting's board pack: built as a job the secretariat starts and anyone on the Board can watch, stored as
 * numbered versions (a late supplement is a new version, never a second file), each with a public copy (no
 * restricted item, its papers or its minutes, not even in the contents) and a restricted copy for those cleared
 * for every restricted item. A version is a draft until the secretariat publishes it, which tells the invitees.
 */
import { z } from 'zod';
import { TimestampSchema, text } from '../kernel/common';
import { IdempotencyKeySchema } from '../concerns/concern';
import { PersonRefSchema } from '../concerns/workflow';

export const PACK_BUILD_STATUSES = ['queued', 'running', 'failed', 'done'] as const;
export const PackBuildStatusSchema = z.enum(PACK_BUILD_STATUSES);
export type PackBuildStatus = z.infer<typeof PackBuildStatusSchema>;

export const PACK_BUILD_STATUS_LABELS: Record<PackBuildStatus, string> = {
  queued: 'Waiting to start',
  running: 'Being built',
  failed: 'Failed',
  done: 'Built',
};

export const PackVersionStatusSchema = z.enum(['draft', 'published']);
export type PackVersionStatus = z.infer<typeof PackVersionStatusSchema>;

export const PackCopySchema = z.enum(['public', 'restricted']);
export type PackCopy = z.infer<typeof PackCopySchema>;

/** A whole pack, or a late supplement (the same pack rebuilt with what came late: a new version). */
export const PackBuildKindSchema = z.enum(['pack', 'supplement']);
export type PackBuildKind = z.infer<typeof PackBuildKindSchema>;

/** e.g. PKB-2027-000012. */
export const PackBuildIdSchema = z
  .string()
  .regex(/^PKB-\d{4}-\d{6}$/, 'A pack build id looks like PKB-2027-000012.');

/** One part of a build, as the progress and a failure name it. */
export const PackPartRefSchema = z.object({ id: z.string(), title: z.string() });

export const PackBuildViewSchema = z.object({
  buildId: PackBuildIdSchema,
  meetingId: z.string(),
  kind: PackBuildKindSchema,
  /** Why a supplement was issued, as the cover of its version says. */
  reason: z.string().optional(),
  status: PackBuildStatusSchema,
  statusLabel: z.string(),
  /** Parts finished, of all parts of both copies (0 of 0 while queued). */
  partsDone: z.number().int().min(0),
  partsTotal: z.number().int().min(0),
  /** The part being built now (running). */
  currentPart: PackPartRefSchema.optional(),
  /** The part that failed, and what to do about it (failed). Nothing of a failed build is kept. */
  failedPart: PackPartRefSchema.optional(),
  message: z.string().optional(),
  /** The version the build made (done). */
  version: z.number().int().min(1).optional(),
  requestedBy: PersonRefSchema,
  requestedAt: TimestampSchema,
  startedAt: TimestampSchema.optional(),
  finishedAt: TimestampSchema.optional(),
});
export type PackBuildView = z.infer<typeof PackBuildViewSchema>;

export const PackCopyViewSchema = z.object({
  copy: PackCopySchema,
  pageCount: z.number().int().min(1),
  sizeBytes: z.number().int().min(1),
  /** Whether this caller may download it (the restricted copy: those cleared for every restricted item). */
  available: z.boolean(),
});

export const PackVersionViewSchema = z.object({
  meetingId: z.string(),
  version: z.number().int().min(1),
  kind: PackBuildKindSchema,
  reason: z.string().optional(),
  status: PackVersionStatusSchema,
  statusLabel: z.string(),
  builtAt: TimestampSchema,
  builtBy: PersonRefSchema,
  buildId: PackBuildIdSchema,
  publishedAt: TimestampSchema.optional(),
  publishedBy: PersonRefSchema.optional(),
  /** The public copy's page count (what most readers get). */
  pageCount: z.number().int().min(1),
  /** Restricted items in the restricted copy (0: the two copies are the same, and only the public is kept). */
  restrictedItems: z.number().int().min(0),
  copies: z.array(PackCopyViewSchema),
  /** Word papers that could not be converted and are listed in the pack with a link. */
  listedPapers: z.array(z.string()),
});
export type PackVersionView = z.infer<typeof PackVersionViewSchema>;

export const PackVersionsResponseSchema = z.object({
  meetingId: z.string(),
  /** Newest first; a Board member sees published versions only, the secretariat drafts too. */
  items: z.array(PackVersionViewSchema),
  /** The newest build that is still queued or running, or failed since the last one that worked. */
  build: PackBuildViewSchema.optional(),
  /** Whether this caller may start a build, a supplement and publish (the secretariat). */
  can: z.object({ build: z.boolean(), supplement: z.boolean(), publish: z.boolean() }),
});
export type PackVersionsResponse = z.infer<typeof PackVersionsResponseSchema>;

export const StartPackBuildRequestSchema = z.strictObject({
  /** The same id on a retry answers with the build it started, rather than starting another. */
  clientRequestId: IdempotencyKeySchema,
});
export type StartPackBuildRequest = z.infer<typeof StartPackBuildRequestSchema>;

export const StartPackSupplementRequestSchema = z.strictObject({
  clientRequestId: IdempotencyKeySchema,
  reason: text(500, 'The reason for the supplement'),
});
export type StartPackSupplementRequest = z.infer<typeof StartPackSupplementRequestSchema>;

export const PublishPackVersionRequestSchema = z.strictObject({}).default({});

export const PACK_CONTENT_TYPE = 'application/pdf';
