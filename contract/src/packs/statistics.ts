/**
 * Anonymised concern statistics for a period, as the board pack shows them: counts of concerns by month
 * received, referring sector, age band, ideology category and outcome. No reference, name, date of birth or free
 * text: only counts, each through the one suppression module (a count of 1 to 4 is shown as [c], and further
 * counts are withheld so that none can be worked out from the others and the total they share).
 */
import { z } from 'zod';
import { DateOnlySchema, TimestampSchema } from '../kernel/common';
import { CellSchema } from '../returns/collation';

export const StatisticsPeriodSchema = z
  .object({ from: DateOnlySchema, to: DateOnlySchema })
  .refine((p) => p.from <= p.to, {
    message: 'The period must end on or after the day it starts.',
    path: ['to'],
  });
export type StatisticsPeriod = z.infer<typeof StatisticsPeriodSchema>;

export const CONCERN_STATISTICS_DIMENSIONS = [
  'month',
  'referring-sector',
  'age-band',
  'ideology',
  'outcome',
] as const;
export const ConcernStatisticsDimensionSchema = z.enum(CONCERN_STATISTICS_DIMENSIONS);
export type ConcernStatisticsDimension = z.infer<typeof ConcernStatisticsDimensionSchema>;

/** One breakdown of the period's concerns: every row a count, the total the one all tables share. */
export const ConcernCountTableSchema = z.object({
  dimension: ConcernStatisticsDimensionSchema,
  title: z.string(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), count: CellSchema })),
  total: CellSchema,
});
export type ConcernCountTable = z.infer<typeof ConcernCountTableSchema>;

export const ConcernStatisticsSchema = z.object({
  period: z.object({ from: DateOnlySchema, to: DateOnlySchema, label: z.string() }),
  generatedAt: TimestampSchema,
  /** What is counted, in words for the Board. */
  basis: z.string(),
  suppressionNote: z.string(),
  tables: z.array(ConcernCountTableSchema),
});
export type ConcernStatistics = z.infer<typeof ConcernStatisticsSchema>;

/** The age bands concerns are counted in (age on the day the concern was raised). */
export const CONCERN_AGE_BANDS = [
  { key: 'under-14', label: 'Under 14', min: 0, max: 13 },
  { key: '14-17', label: '14 to 17', min: 14, max: 17 },
  { key: '18-24', label: '18 to 24', min: 18, max: 24 },
  { key: '25-39', label: '25 to 39', min: 25, max: 39 },
  { key: '40-plus', label: '40 and over', min: 40, max: 200 },
] as const;
