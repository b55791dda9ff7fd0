/** Path parameters of the pack operations, normalised before any handler sees them. */
import { z } from 'zod';
import { DateOnlySchema } from '../kernel/common';
import { MeetingIdParamSchema } from '../meetings/params';
import { PackBuildIdSchema, PackCopySchema } from './pack';

const VersionParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, 'A pack version is a whole number, 1 or more, as the pack versions list them.');

export const PackMeetingParamsSchema = z.object({ meetingId: MeetingIdParamSchema });
export const PackBuildParamsSchema = z.object({
  buildId: z
    .string()
    .max(20, 'A pack build id looks like PKB-2027-000012.')
    .transform((s) => s.toUpperCase())
    .pipe(PackBuildIdSchema),
});
export const PackVersionParamsSchema = z.object({
  meetingId: MeetingIdParamSchema,
  version: VersionParamSchema,
});
export const PackDownloadParamsSchema = PackVersionParamsSchema.extend({
  copy: z.string().pipe(PackCopySchema),
});
export const StatisticsPeriodParamsSchema = z
  .object({ from: DateOnlySchema, to: DateOnlySchema })
  .refine((p) => p.from <= p.to, {
    message: 'The period must end on or after the day it starts.',
    path: ['to'],
  });
