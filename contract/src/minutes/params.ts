/** Path parameters of the minutes and action-log operations, normalised and bounded before any handler sees them. */
import { z } from 'zod';
import { ActionIdSchema, ActionLogViewSchema } from './actions';
import { MeetingRefSchema, MinutesFormatSchema } from './minutes';

export const ActionIdParamSchema = z
  .string()
  .max(16, 'An action looks like ACT-2026-0001.')
  .transform((s) => s.toUpperCase())
  .pipe(ActionIdSchema);

const VersionParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, 'A version is a whole number, 1 or more, as the minutes list them.');

export const MinutesParamsSchema = z.object({ meetingId: MeetingRefSchema });
export const MinutesDocumentParamsSchema = z.object({
  meetingId: MeetingRefSchema,
  version: VersionParamSchema,
  format: z.string().toLowerCase().pipe(MinutesFormatSchema),
});
export const ActionParamsSchema = z.object({ actionId: ActionIdParamSchema });
export const ActionLogParamsSchema = z.object({ view: z.string().toLowerCase().pipe(ActionLogViewSchema) });
export const OwnerActionLogParamsSchema = z.object({
  view: z.string().toLowerCase().pipe(ActionLogViewSchema),
  ownerId: z.string().min(1).max(64),
});
